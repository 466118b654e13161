"""layout stage of vnadmin-docs."""
