"""Pages of the introduce app, split by part."""
