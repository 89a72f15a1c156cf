"""WTForms classes, a module per area."""
