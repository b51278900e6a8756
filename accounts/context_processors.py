from django.conf import settings

from .demo import demo_enabled
from .navigation import links_for
from .roles import BALLOT_ROLES


def shell(request):
    """What every page's shell needs: the network's name, the user's roles and
    which navigation links apply to them."""
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    roles = user.roles if signed_in else []
    # Until a required second factor is given, the person sees no navigation:
    # every link would only lead back to the code page.
    verified = signed_in and (not user.needs_second_factor or getattr(user, "is_verified", lambda: False)())
    return {
        "network": settings.RELAIS_NETWORK,
        "user_roles": roles,
        "shell_ready": verified,
        "has_ballots": any(role in BALLOT_ROLES for role in roles),
        "can_administer": signed_in and user.is_staff,
        "nav_links": links_for(user, request.path) if verified else [],
        "demo_mode": demo_enabled(),
    }
