"""batch stage: many documents from spreadsheets and databases."""
