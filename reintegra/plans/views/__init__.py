"""Plan pages: the plan, goal and measure forms, agreement, versions and their comparison, and the reviews."""
