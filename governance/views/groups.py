"""The working groups, read by the network's signed-in people (the secretariat edits them in the admin)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .. import selectors
from ..models import Document, WorkingGroup


@login_required
@require_safe
def groups(request):
    return render(request, "governance/groups.html", {"groups": list(selectors.groups_for_page())})


@login_required
@require_safe
def group_detail(request, slug):
    group = get_object_or_404(selectors.groups_for_page(), slug=slug)
    documents = list(selectors.documents_of_group(request.user, group))
    return render(
        request,
        "governance/group.html",
        {
            "group": group,
            "members": list(group.members()),
            "documents": [d for d in documents if d.kind != Document.Kind.ACTION],
            "actions": [d for d in documents if d.kind == Document.Kind.ACTION],
            "may_write": request.user.is_superuser or group.is_member(request.user),
            "may_edit_group": request.user.has_perm("governance.change_workinggroup"),
        },
    )


__all__ = ["WorkingGroup", "group_detail", "groups"]
