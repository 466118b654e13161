"""writer stage of vnadmin-docs."""
