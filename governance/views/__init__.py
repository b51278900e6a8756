from .documents import document_detail, document_new, document_submit, published, published_public, version_add, version_download
from .groups import group_detail, groups

__all__ = [
    "document_detail",
    "document_new",
    "document_submit",
    "group_detail",
    "groups",
    "published",
    "published_public",
    "version_add",
    "version_download",
]
