"""text stage of vnadmin-docs."""
