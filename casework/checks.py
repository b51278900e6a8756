from django.conf import settings
from django.core.checks import Error, register


@register("security", deploy=True)
def field_encryption_keys_in_production(app_configs, **kwargs):
    """Production must have its own keys for the encrypted case fields (the
    development key is derived from SECRET_KEY, which is not a data key)."""
    if not settings.PRODUCTION:
        return []
    from cryptography.fernet import Fernet

    keys = [key.strip() for key in getattr(settings, "RELAIS_FIELD_ENCRYPTION_KEYS", []) if key.strip()]
    if not keys:
        return [
            Error(
                "RELAIS_FIELD_ENCRYPTION_KEYS n'est pas défini : les données sensibles des cas d'urgence ne peuvent pas être chiffrées.",
                hint="Générez une clé : python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())' "
                "et mettez-la dans RELAIS_FIELD_ENCRYPTION_KEYS (la nouvelle en premier lors d'une rotation).",
                id="casework.E001",
            )
        ]
    errors = []
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode())
        except (ValueError, TypeError):
            errors.append(
                Error(
                    f"La clé n° {position} de RELAIS_FIELD_ENCRYPTION_KEYS n'est pas une clé Fernet valide.",
                    hint="Une clé Fernet : 32 octets en base64 URL-safe (44 caractères).",
                    id="casework.E002",
                )
            )
    return errors
