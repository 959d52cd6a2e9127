"""State changes of staff administration; each is an organisation admin's action, written to the
access log (object `user` or `unit`, action `change`) and kept as an `AdminAction` with its reason."""
