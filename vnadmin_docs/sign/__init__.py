"""Digital signatures of electronic documents (issue 16): the only package importing
pyHanko (optional extra ``vnadmin-docs[sign]``).

It never imports :mod:`vnadmin_docs.layout` or :mod:`vnadmin_docs.writer`: the public API
hands it the rectangles measured on the PDF (:class:`Placement`). pyHanko is imported only
inside the functions that need it, so :func:`require_pyhanko` can say how to install it.
"""

from __future__ import annotations

import warnings

from vnadmin_docs.errors import VnAdminError
from vnadmin_docs.sign.keys import Pkcs11Key, Pkcs12Key, SigningKey
from vnadmin_docs.sign.placement import (
    FIELD_NAMES,
    ROLE_LABELS,
    Placement,
    Role,
    read_manifest,
    write_manifest,
)
from vnadmin_docs.sign.timefmt import DEFAULT_TIME_FORMAT, VIETNAM, format_signing_time

__all__ = [
    "DEFAULT_TIME_FORMAT",
    "FIELD_NAMES",
    "ROLE_LABELS",
    "VIETNAM",
    "Pkcs11Key",
    "Pkcs12Key",
    "Placement",
    "Role",
    "SigningKey",
    "format_signing_time",
    "read_manifest",
    "require_pyhanko",
    "write_manifest",
]


def require_pyhanko() -> None:
    """Raise a clear error when the ``[sign]`` extra is not installed."""
    # pyHanko imports cryptography's DSA support, which warns on every start.
    warnings.filterwarnings("ignore", message="DSA is deprecated", module=r"pyhanko\.")
    try:
        import pyhanko
        import pyhanko.sign.signers  # noqa: F401
        import pyhanko_certvalidator  # noqa: F401
    except ImportError:
        raise VnAdminError(
            'Chức năng ký số cần gói bổ sung: pip install "vnadmin-docs[sign]".',
            'Digital signing needs the extra: pip install "vnadmin-docs[sign]".',
        ) from None
