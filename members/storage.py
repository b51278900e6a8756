"""Private file storage: under settings.PRIVATE_STORAGE_ROOT, never served
directly (no URL); files go out only through permission-checked views."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible(path="members.storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    # Read the setting at each use, so tests and installations may move it.
    @property
    def base_location(self):
        return str(settings.PRIVATE_STORAGE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a view.")
