"""One policy per upload path: the types it accepts and its size limit."""

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class UploadPolicy:
    name: str
    types: tuple
    max_bytes: Callable[[], int]
    description: str = ""

    def accepted_labels(self) -> str:
        return ", ".join(str(kind.label) for kind in self.types)


UPLOAD_POLICIES: dict[str, UploadPolicy] = {}


def upload_policy(name: str, *, types, max_bytes, description: str = "") -> UploadPolicy:
    """Declare an upload path: the types it accepts and its size limit (bytes,
    or a callable read at each upload so that settings apply)."""
    limit = max_bytes if callable(max_bytes) else (lambda value=int(max_bytes): value)
    policy = UploadPolicy(name=name, types=tuple(types), max_bytes=limit, description=description)
    UPLOAD_POLICIES[name] = policy
    return policy
