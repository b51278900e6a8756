from accounts.http import client_ip

from ..crypto import keyed_hash
from ..models import CaseAccessLog


def access_log_record(*, user, case, part: str, request=None, detail: str = "") -> CaseAccessLog:
    """Write who read which part of which case (case=None for exports)."""
    ip = client_ip(request)
    return CaseAccessLog.objects.create(
        user=user,
        case=case,
        part=part,
        detail=detail[:100],
        ip_hash=keyed_hash(ip, purpose="access-log-ip") if ip else "",
    )
