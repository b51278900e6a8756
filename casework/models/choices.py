"""Plain, non-identifying vocabularies: searchable and countable."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    FEMALE = "female", _("Femme")
    MALE = "male", _("Homme")
    NON_BINARY = "non_binary", _("Non binaire")
    UNDISCLOSED = "undisclosed", _("Non précisé")


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", _("Moins de 18 ans")
    FROM_18_TO_25 = "18_25", _("18 à 25 ans")
    FROM_26_TO_35 = "26_35", _("26 à 35 ans")
    FROM_36_TO_50 = "36_50", _("36 à 50 ans")
    OVER_50 = "over_50", _("Plus de 50 ans")
    UNKNOWN = "unknown", _("Non précisé")


class Profile(models.TextChoices):
    JOURNALIST = "journalist", _("Journaliste")
    LAWYER = "lawyer", _("Avocat·e ou juriste")
    WOMAN_DEFENDER = "woman_defender", _("Défenseure des droits des femmes")
    MIGRANT = "migrant", _("Migrant·e")
    EXILE = "exile", _("Défenseur·e en exil")
    DISPLACED = "displaced", _("Déplacé·e interne")
    CHILD_DEFENDER = "child_defender", _("Défenseur·e des droits de l'enfant")
    ENVIRONMENT = "environment", _("Défenseur·e de la terre et de l'environnement")
    UNIONIST = "unionist", _("Syndicaliste")
    COMMUNITY_LEADER = "community_leader", _("Leader communautaire")
    OTHER = "other", _("Autre")


class Urgency(models.TextChoices):
    CRITICAL = "critical", _("Critique (24 h)")
    HIGH = "high", _("Élevée (72 h)")
    STANDARD = "standard", _("Normale (10 jours)")


class SupportType(models.TextChoices):
    RELOCATION = "relocation", _("Relocalisation temporaire")
    LEGAL = "legal", _("Frais juridiques")
    MEDICAL = "medical", _("Soins médicaux ou psychosociaux")
    PROTECTION = "protection", _("Mesures de protection")
    DIGITAL = "digital", _("Sécurité numérique")
    FAMILY = "family", _("Soutien à la famille")
    SUBSISTENCE = "subsistence", _("Subsistance")


class Channel(models.TextChoices):
    MOBILE_MONEY = "mobile_money", _("Mobile money")
    BANK = "bank", _("Virement bancaire")
    TRUSTED_ORGANISATION = "trusted_organisation", _("Organisation de confiance")
    PROVIDER = "provider", _("Paiement direct à un prestataire")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Faible")
    MODERATE = "moderate", _("Modéré")
    HIGH = "high", _("Élevé")
    EXTREME = "extreme", _("Extrême")


CURRENCIES = [("XAF", "XAF"), ("EUR", "EUR"), ("USD", "USD")]
