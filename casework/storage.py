"""Case documents in the shared private storage (approvals.storage).
The class keeps its own import path, which its migrations name."""

from django.utils.deconstruct import deconstructible

from approvals.storage import PrivateStorage as SharedPrivateStorage


@deconstructible(path="casework.storage.PrivateStorage")
class PrivateStorage(SharedPrivateStorage):
    pass


private_storage = PrivateStorage()
