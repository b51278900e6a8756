"""The network's directory (organisations) and what it is made of.

Other apps rely on: `Organisation` (name, acronym, country, status,
focal_points → user.organisations), `Theme`, `TargetGroup`, `country_choices`
and `country_name`.

- vocabulary: countries, themes and target groups
- organisations: the directory entry and its member lifecycle
- applications: membership applications and their workflow
- references, documents: what an application is made of
"""

from .applications import (
    MembershipApplication,
    MembershipApplicationGroupObjectPermission,
    MembershipApplicationUserObjectPermission,
)
from .documents import ApplicationDocument, _document_path  # noqa: F401  (named by migration 0003)
from .organisations import (
    Organisation,
    OrganisationGroupObjectPermission,
    OrganisationQuerySet,
    OrganisationUserObjectPermission,
)
from .references import Reference
from .vocabulary import TargetGroup, Theme, country_choices, country_name

__all__ = [
    "ApplicationDocument",
    "MembershipApplication",
    "MembershipApplicationGroupObjectPermission",
    "MembershipApplicationUserObjectPermission",
    "Organisation",
    "OrganisationGroupObjectPermission",
    "OrganisationQuerySet",
    "OrganisationUserObjectPermission",
    "Reference",
    "TargetGroup",
    "Theme",
    "country_choices",
    "country_name",
]
