"""content stage of vnadmin-docs."""
