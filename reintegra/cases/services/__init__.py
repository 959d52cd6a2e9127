"""State changes of cases. Every function here writes a CaseEvent and an access-log entry."""
