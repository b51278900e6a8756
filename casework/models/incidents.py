"""Security incidents, per country: the network's early warning."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..fields import EncryptedTextField
from .choices import Profile


class Incident(models.Model):
    class Kind(models.TextChoices):
        THREAT = "threat", _("Menace")
        ARREST = "arrest", _("Arrestation ou détention")
        ATTACK = "attack", _("Agression physique")
        JUDICIAL = "judicial", _("Harcèlement judiciaire")
        DIGITAL = "digital", _("Attaque numérique")
        DEFAMATION = "defamation", _("Diffamation")
        KILLING = "killing", _("Meurtre")
        DISAPPEARANCE = "disappearance", _("Disparition")

    class Perpetrator(models.TextChoices):
        STATE_SECURITY = "state_security", _("Forces de sécurité de l'État")
        ADMINISTRATION = "administration", _("Autorités administratives ou judiciaires")
        ARMED_GROUP = "armed_group", _("Groupe armé")
        PRIVATE_COMPANY = "company", _("Entreprise privée")
        COMMUNITY = "community", _("Membres de la communauté ou de la famille")
        UNKNOWN = "unknown", _("Inconnu")
        OTHER = "other", _("Autre")

    class Source(models.TextChoices):
        VICTIM = "victim", _("La victime")
        WITNESS = "witness", _("Un témoin")
        MEMBER = "member", _("Une organisation membre")
        MEDIA = "media", _("Les médias")
        PARTNER = "partner", _("Un partenaire")
        OTHER = "other", _("Autre")

    class Verification(models.TextChoices):
        UNVERIFIED = "unverified", _("Non vérifié")
        IN_PROGRESS = "in_progress", _("En cours de vérification")
        VERIFIED = "verified", _("Vérifié")
        UNFOUNDED = "unfounded", _("Non fondé")

    class Severity(models.TextChoices):
        LOW = "low", _("Faible")
        MEDIUM = "medium", _("Moyenne")
        HIGH = "high", _("Élevée")
        CRITICAL = "critical", _("Critique")

    SEVERE = (Severity.HIGH, Severity.CRITICAL)

    reference = models.CharField(_("référence"), max_length=32, unique=True, editable=False)
    country = models.CharField(_("pays"), max_length=2, choices=settings.RELAIS_COUNTRIES, db_index=True)
    province = models.CharField(_("province ou région"), max_length=100, blank=True)
    place = EncryptedTextField(_("lieu précis"))
    occurred_on = models.DateField(_("date"))
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    victim_profile = models.CharField(_("profil de la victime"), max_length=20, choices=Profile.choices, default=Profile.OTHER)
    perpetrator = models.CharField(_("type d'auteur"), max_length=20, choices=Perpetrator.choices, default=Perpetrator.UNKNOWN)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    summary = EncryptedTextField(_("description"))
    severity = models.CharField(_("gravité"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM)
    verification = models.CharField(
        _("vérification"), max_length=12, choices=Verification.choices, default=Verification.UNVERIFIED, db_index=True
    )
    cases = models.ManyToManyField("casework.Case", verbose_name=_("cas liés"), related_name="incidents", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("signalé par"), on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("signalé le"), default=timezone.now)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vérifié par"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(_("vérifié le"), null=True, blank=True)

    class Meta:
        verbose_name = _("incident de sécurité")
        verbose_name_plural = _("incidents de sécurité")
        ordering = ["-occurred_on", "-id"]
        permissions = [("verify_incident", _("Vérifier un incident de sécurité"))]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        if not self.reference:
            from approvals.models import next_reference

            self.reference = next_reference("INC")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("casework:incident", kwargs={"reference": self.reference})
