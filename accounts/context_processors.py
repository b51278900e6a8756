from django.conf import settings


def shell(request):
    """What every page's shell needs: the network's name and the user's roles."""
    user = getattr(request, "user", None)
    return {
        "network": settings.RELAIS_NETWORK,
        "user_roles": user.roles if user is not None and user.is_authenticated else [],
    }
