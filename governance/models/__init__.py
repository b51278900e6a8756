from .documents import (
    Document,
    DocumentGroupObjectPermission,
    DocumentUserObjectPermission,
    DocumentVersion,
)
from .working_groups import WorkingGroup

__all__ = [
    "Document",
    "DocumentGroupObjectPermission",
    "DocumentUserObjectPermission",
    "DocumentVersion",
    "WorkingGroup",
]
