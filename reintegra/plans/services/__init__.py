"""State changes of the plan: goals, measures, the schedule and agreements."""
