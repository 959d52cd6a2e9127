"""State changes of the plan: goals, measures, the schedule and agreements, reviews, and a measure marked
done by its responsible participant from the portal."""
