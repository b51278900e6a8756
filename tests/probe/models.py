from django.db import models


class ProbeRow(models.Model):
    """Written by `tests.probe.tasks.write_probe_row`; `pid` says which
    process wrote it (the worker, not the test process)."""

    label = models.CharField(max_length=200)
    pid = models.PositiveIntegerField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.label
