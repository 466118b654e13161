"""The web app for the one-stop desk (``vnadmin-docs serve``; extra ``[web]``).

A client of the public API: the batch (:func:`vnadmin_docs.batch.run_batch`), the
renderer (:func:`vnadmin_docs.render`), the checker (:func:`vnadmin_docs.check.check_document`)
and the number book (:class:`vnadmin_docs.registry.Register`). Uploads are read and
documents drawn in worker processes; a batch runs in its own process and its state is kept
on disk. Design: docs/dev/web.md.
"""

from vnadmin_docs.web.app import create_app
from vnadmin_docs.web.config import WebConfig

__all__ = ["WebConfig", "create_app"]
