"""cli stage of vnadmin-docs."""
