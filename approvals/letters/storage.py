"""Letters live under settings.PRIVATE_STORAGE_ROOT and have no public URL:
they leave only through the permission-checked download view."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible(path="approvals.letters.storage.PrivateLetterStorage")
class PrivateLetterStorage(FileSystemStorage):
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
        raise ValueError("Letters have no public URL; they are served through a permission-checked view.")


letter_storage = PrivateLetterStorage()


def get_letter_storage():
    return letter_storage
