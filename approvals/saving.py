"""A mark for `save()` overrides that write what Django's `save()` writes.

approvals.services.writes sends a transition's writes as one statement only
for models whose `save()` adds nothing; an override marked here says so.
(A module of its own, importing nothing: the models use it.)
"""

WRITES_AS_DJANGO = "relais_writes_as_django"


def writes_as_django(save):
    """Mark a `save()` override that, for a row already saved (or a new row
    with nothing left to compute), writes exactly what Django's would. A
    subclass that overrides it again is not marked."""
    setattr(save, WRITES_AS_DJANGO, True)
    return save
