"""Letters live in the shared private storage (approvals.storage): no public
URL; they leave only through the permission-checked download view."""

from ..storage import PrivateStorage

letter_storage = PrivateStorage()


def get_letter_storage():
    return letter_storage
