"""The signing key: a PKCS#12 file, or a PKCS#11 token (USB token, HSM, SoftHSM)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vnadmin_docs.errors import VnAdminError

__all__ = ["Pkcs11Key", "Pkcs12Key", "SigningKey", "load_signer"]


@dataclass(frozen=True)
class Pkcs12Key:
    """A .p12/.pfx file and its password."""

    path: Path
    password: str | None = None


@dataclass(frozen=True)
class Pkcs11Key:
    """A key on a PKCS#11 token: the module (.so/.dll of the token vendor), the token
    label, the user PIN, and the labels of the key and certificate on the token."""

    module: Path
    token_label: str
    pin: str | None
    key_label: str
    cert_label: str | None = None


SigningKey = Pkcs12Key | Pkcs11Key


def load_signer(key: SigningKey) -> Any:
    """A pyHanko signer for ``key``; a bad file or password is a clear error."""
    from pyhanko.sign import signers

    if isinstance(key, Pkcs12Key):
        if not key.path.is_file():
            raise VnAdminError(
                f"Không tìm thấy tệp chứng thư số {key.path}.",
                f"Certificate file {key.path} not found.",
            )
        passphrase = key.password.encode("utf-8") if key.password is not None else None
        signer = signers.SimpleSigner.load_pkcs12(str(key.path), passphrase=passphrase)
        if signer is None:
            raise VnAdminError(
                f"Không mở được tệp chứng thư số {key.path.name}: sai mật khẩu hoặc tệp hỏng.",
                f"Cannot open the certificate file {key.path.name}: wrong password or damaged.",
            )
        return signer
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign import pkcs11

    try:
        session = pkcs11.open_pkcs11_session(
            str(key.module), token_criteria=TokenCriteria(label=key.token_label), user_pin=key.pin
        )
    except Exception as exc:  # the token library's own errors
        raise VnAdminError(
            f"Không mở được thiết bị ký số (PKCS#11) “{key.token_label}”: {exc}.",
            f"Cannot open the PKCS#11 token '{key.token_label}': {exc}.",
        ) from exc
    return pkcs11.PKCS11Signer(
        session, key_label=key.key_label, cert_label=key.cert_label or key.key_label
    )
