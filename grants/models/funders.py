"""The donor map: who funds what, where, how much, and our history with them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import country_choices, country_name

from ..money import currency_choices, validate_currency

AMOUNT = {"max_digits": 16, "decimal_places": 2}


class Funder(models.Model):
    """A funding partner: agency, foundation, embassy, INGO."""

    class Kind(models.TextChoices):
        BILATERAL = "bilateral", _("Coopération bilatérale")
        MULTILATERAL = "multilateral", _("Organisation multilatérale")
        FOUNDATION = "foundation", _("Fondation")
        EMBASSY = "embassy", _("Ambassade")
        INGO = "ingo", _("ONG internationale")
        PRIVATE = "private", _("Secteur privé")
        OTHER = "other", _("Autre")

    class Relationship(models.TextChoices):
        PROSPECT = "prospect", _("À approcher")
        CONTACTED = "contacted", _("Contact établi")
        PAST = "past", _("A déjà financé le réseau")
        CURRENT = "current", _("Finance le réseau actuellement")

    name = models.CharField(_("nom"), max_length=200)
    acronym = models.CharField(_("sigle"), max_length=40, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    website = models.URLField(_("site web"), max_length=500, blank=True)
    themes = models.ManyToManyField(
        "members.Theme", verbose_name=_("thèmes financés"), blank=True, related_name="funders"
    )
    usual_grant_min = models.DecimalField(_("subvention habituelle : minimum"), null=True, blank=True, **AMOUNT)
    usual_grant_max = models.DecimalField(_("subvention habituelle : maximum"), null=True, blank=True, **AMOUNT)
    currency = models.CharField(
        _("devise"), max_length=3, blank=True, choices=currency_choices, validators=[validate_currency]
    )
    relationship = models.CharField(
        _("relation avec le réseau"), max_length=20, choices=Relationship.choices, default=Relationship.PROSPECT
    )
    priorities = models.TextField(_("priorités et conditions"), blank=True)
    # The language its reports are written in (drafts are generated in it).
    language = models.CharField(_("langue des rapports"), max_length=8, blank=True, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("bailleur")
        verbose_name_plural = _("bailleurs")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), name="grants_funder_unique_name", violation_error_message=_("Ce bailleur existe déjà.")
            ),
            models.CheckConstraint(
                condition=Q(usual_grant_min__isnull=True) | Q(usual_grant_min__gte=0), name="grants_funder_min_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(usual_grant_min__isnull=True) | Q(usual_grant_max__isnull=True) | Q(usual_grant_max__gte=models.F("usual_grant_min")),
                name="grants_funder_range_ordered",
            ),
            models.CheckConstraint(
                condition=(Q(usual_grant_min__isnull=True) & Q(usual_grant_max__isnull=True)) | ~Q(currency=""),
                name="grants_funder_amount_has_currency",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("grants:funder", kwargs={"pk": self.pk})

    @property
    def countries(self) -> list[str]:
        return [row.country for row in self.country_rows.all()]


class FunderCountry(models.Model):
    """A network country where the funder funds work."""

    funder = models.ForeignKey(Funder, on_delete=models.CASCADE, related_name="country_rows")
    country = models.CharField(_("pays"), max_length=2, choices=country_choices)

    class Meta:
        verbose_name = _("pays financé")
        verbose_name_plural = _("pays financés")
        constraints = [models.UniqueConstraint(fields=["funder", "country"], name="grants_funder_country_once")]

    def __str__(self):
        return country_name(self.country)


class FunderContact(models.Model):
    funder = models.ForeignKey(Funder, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("nom"), max_length=200)
    position = models.CharField(_("fonction"), max_length=200, blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    notes = models.TextField(_("remarques"), blank=True)
    created_at = models.DateTimeField(_("ajouté le"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("contact chez un bailleur")
        verbose_name_plural = _("contacts chez les bailleurs")
        ordering = ["name"]

    def __str__(self):
        return self.name


class FunderEvent(models.Model):
    """A step of the network's history with a funder."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Rencontre")
        APPLICATION = "application", _("Candidature")
        GRANT = "grant", _("Financement obtenu")
        REFUSAL = "refusal", _("Refus")
        REPORT = "report", _("Rapport remis")
        OTHER = "other", _("Autre")

    funder = models.ForeignKey(Funder, on_delete=models.CASCADE, related_name="events")
    happened_on = models.DateField(_("date"))
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    summary = models.TextField(_("résumé"))
    amount = models.DecimalField(_("montant"), null=True, blank=True, **AMOUNT)
    currency = models.CharField(
        _("devise"), max_length=3, blank=True, choices=currency_choices, validators=[validate_currency]
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("noté par"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("noté le"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("étape de l'historique avec un bailleur")
        verbose_name_plural = _("historique avec les bailleurs")
        ordering = ["-happened_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | (Q(amount__gte=0) & ~Q(currency="")),
                name="grants_funder_event_amount_with_currency",
            ),
        ]

    def __str__(self):
        return f"{self.happened_on} {self.get_kind_display()}"


class ExchangeRate(models.Model):
    """1 `from_currency` = `rate` `to_currency`, as recorded on `valid_on`."""

    from_currency = models.CharField(_("de"), max_length=3, choices=currency_choices, validators=[validate_currency])
    to_currency = models.CharField(_("vers"), max_length=3, choices=currency_choices, validators=[validate_currency])
    rate = models.DecimalField(_("taux"), max_digits=20, decimal_places=8)
    valid_on = models.DateField(_("date du taux"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("noté par"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("noté le"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("taux de change")
        verbose_name_plural = _("taux de change")
        ordering = ["-valid_on", "from_currency", "to_currency"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_currency", "to_currency", "valid_on"],
                name="grants_one_rate_per_pair_and_day",
                violation_error_message=_("Un taux est déjà enregistré pour ces devises à cette date."),
            ),
            models.CheckConstraint(condition=Q(rate__gt=0), name="grants_rate_positive"),
            models.CheckConstraint(condition=~Q(from_currency=models.F("to_currency")), name="grants_rate_two_currencies"),
        ]

    def __str__(self):
        return f"1 {self.from_currency} = {self.rate} {self.to_currency} ({self.valid_on})"
