"""``python -m vnadmin_docs`` runs the command line."""

from vnadmin_docs.cli.main import main

main()
