"""model stage of vnadmin-docs."""
