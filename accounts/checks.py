from django.conf import settings
from django.core.checks import Error, register
from django.db import DatabaseError


@register("security", deploy=True)
def demo_passwords_refused_in_production(app_configs, **kwargs):
    """In production no account may keep a demo password.

    Demo accounts (created by load_demo, whose passwords begin with
    settings.RELAIS_DEMO_PASSWORD_PREFIX and are printed in clear) carry
    is_demo; any of them still active in production is an error.
    """
    if not settings.PRODUCTION:
        return []
    from .models import User

    try:
        emails = list(User.objects.filter(is_demo=True, is_active=True).values_list("email", flat=True))
    except DatabaseError:
        # No users table yet (before migrate) or no database reachable:
        # there is no demo account to refuse; other checks report the database.
        return []
    if not emails:
        return []
    shown = ", ".join(emails[:5]) + (" …" if len(emails) > 5 else "")
    return [
        Error(
            f"{len(emails)} compte(s) de démonstration actif(s) en production, avec un mot de passe "
            f"« {settings.RELAIS_DEMO_PASSWORD_PREFIX}… » connu de tous : {shown}",
            hint="Désactivez-les ou supprimez-les dans l'administration (filtre « compte de démonstration »).",
            obj=User,
            id="accounts.E001",
        )
    ]


@register("security", deploy=True)
def demo_mode_refused_in_production(app_configs, **kwargs):
    """The demo's "act as" page signs anyone in as anyone: never in production."""
    if settings.PRODUCTION and getattr(settings, "RELAIS_DEMO", False):
        return [
            Error(
                "RELAIS_DEMO est activé en production : la page « Agir en tant que » de la démonstration "
                "connecterait n'importe qui sous l'identité de n'importe qui.",
                hint="Retirez RELAIS_DEMO de l'environnement de production.",
                id="accounts.E002",
            )
        ]
    return []
