"""One organisation, one vote, under twenty simultaneous submissions (PostgreSQL)."""

from approvals.refusals import Refused
from governance.models import ResolutionVote
from governance.services import assembly_create, resolution_add, resolution_open, resolution_vote
from tests.concurrency import on_postgresql, run_at_once

from .test_assembly import focal, sheet

pytestmark = on_postgresql


def test_twenty_submissions_at_once_leave_one_vote(copil, in_two_weeks, make_org, make_user):
    org = make_org(focal_points=[make_user("member_focal_point", email="fp-x@example.org")])
    assembly = assembly_create(by=copil.chair, committee=copil, title="AG", starts_at=in_two_weeks, time_zone="Africa/Douala")
    sheet(assembly, [org])
    resolution = resolution_add(assembly_id=assembly.pk, by=copil.chair, title="R")
    resolution_open(resolution_id=resolution.pk, by=copil.chair)
    delegate = focal(org)

    def work(i):
        return resolution_vote(resolution_id=resolution.pk, by=delegate, organisation_id=org.pk,
                               choice=["approve", "reject"][i % 2])

    results = run_at_once(20, work)
    assert sum(isinstance(r, ResolutionVote) for r in results) == 1
    assert all(isinstance(r, (ResolutionVote, Refused)) for r in results)
    assert ResolutionVote.objects.filter(resolution=resolution).count() == 1
