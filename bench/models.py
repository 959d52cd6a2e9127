"""The bench app's own table: which synthetic data set the bench database holds."""

from django.db import models


class GeneratedDataset(models.Model):
    """The marker `generate_data` keeps: seed, anchor date and how many cases are committed.

    One row per bench database. `cases_done` grows batch by batch inside the same
    transaction as the data, so an interrupted run resumes where it stopped and a
    finished one is reused by `make bench`.
    """

    seed = models.PositiveIntegerField()
    anchor = models.DateField(help_text="The 'today' the data was generated for.")
    cases_done = models.PositiveIntegerField(default=0)
    cases_target = models.PositiveIntegerField(default=0)
    rows = models.JSONField(default=dict, help_text="Rows inserted per model.")
    seconds = models.FloatField(default=0.0, help_text="Time spent generating, summed over runs.")
    updated_at = models.DateTimeField(auto_now=True)

    objects: "models.Manager[GeneratedDataset]" = models.Manager()

    class Meta:
        verbose_name = "generated dataset"

    def __str__(self) -> str:
        return f"seed {self.seed}: {self.cases_done}/{self.cases_target} cases"
