"""COPIL elections and the committee's terms.

The secret ballot is two tables that share nothing but the election:

- `ElectionVoter`, the register: which organisation has voted (one row per
  organisation and election, a unique constraint; no time at all);
- `ElectionBallot`, the urn: what was chosen (a random UUID, the election,
  the sorted list of chosen candidacies; no time, no sequence, no link to a
  voter or a register row).

Both are written in the same transaction (the organisation votes once, and
its ballot exists if and only if its register row does), and that
transaction rewrites the whole urn of the election in a random order with
fresh UUIDs ("the urn is shaken"), so neither the rows' order on disk
(PostgreSQL's ctid) nor their transaction ids (xmin) follow the register.
governance/services/elections.py says what this protects and what it does
not.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Election(models.Model):
    """An election of a committee's members for a term, with its rules.

    The rules are fields: how many seats, the term, at most `max_per_country`
    elected from one country, at least `min_women` women elected, and at most
    `max_terms` terms already served on the committee by a candidate. Empty
    means the statutes ask for nothing.
    """

    class State(models.TextChoices):
        CANDIDACIES = "candidacies", _("Candidatures ouvertes")
        VOTING = "voting", _("Vote ouvert")
        CLOSED = "closed", _("Dépouillée")

    reference = models.CharField(_("référence"), max_length=32, unique=True, editable=False)
    committee = models.ForeignKey(
        "approvals.Committee", verbose_name=_("comité"), on_delete=models.PROTECT, related_name="elections"
    )
    title = models.CharField(_("intitulé"), max_length=200)
    assembly = models.ForeignKey(
        "governance.Assembly",
        verbose_name=_("assemblée générale"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="elections",
        help_text=_("L'assemblée où l'on élit : ses délégué·es votent. Vide : les points focaux des membres votent."),
    )
    seats = models.PositiveSmallIntegerField(_("nombre de sièges"))
    term_starts_on = models.DateField(_("début du mandat"))
    term_ends_on = models.DateField(_("fin du mandat"))
    max_per_country = models.PositiveSmallIntegerField(
        _("au plus, élu·es d'un même pays"), null=True, blank=True, help_text=_("Vide : pas de plafond par pays.")
    )
    min_women = models.PositiveSmallIntegerField(
        _("au moins, femmes élues"), null=True, blank=True, help_text=_("Vide : pas de minimum.")
    )
    max_terms = models.PositiveSmallIntegerField(
        _("au plus, mandats déjà exercés au comité"),
        null=True,
        blank=True,
        help_text=_("Une personne qui a déjà siégé ce nombre de mandats ne peut pas se présenter. Vide : pas de limite."),
    )
    state = models.CharField(_("étape"), max_length=20, choices=State.choices, default=State.CANDIDACIES)
    # Drawn when the votes are counted; ties are broken by this public lot.
    tie_seed = models.CharField(_("tirage au sort"), max_length=64, blank=True, editable=False)
    counted_at = models.DateTimeField(_("dépouillée le"), null=True, blank=True, editable=False)
    installed_at = models.DateTimeField(_("comité installé le"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("créée par"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("créée le"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("élection")
        verbose_name_plural = _("élections")
        ordering = ["-term_starts_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(seats__gte=1), name="governance_election_seats_positive"),
            models.CheckConstraint(condition=Q(term_ends_on__gt=F("term_starts_on")), name="governance_election_term_order"),
            models.CheckConstraint(
                condition=Q(min_women__isnull=True) | Q(min_women__lte=F("seats")), name="governance_election_min_women_le_seats"
            ),
            models.CheckConstraint(
                condition=Q(max_per_country__isnull=True) | Q(max_per_country__gte=1), name="governance_election_country_cap_positive"
            ),
            models.CheckConstraint(
                condition=Q(state__in=["candidacies", "voting", "closed"]), name="governance_election_state_valid"
            ),
        ]

    def __str__(self):
        return f"{self.reference} · {self.title}"

    def get_absolute_url(self):
        return reverse("governance:election", kwargs={"pk": self.pk})


class Candidacy(models.Model):
    """A person put forward by a member organisation, and, once counted,
    their votes, rank and whether the rules elected them."""

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Femme")
        MAN = "man", _("Homme")
        UNSPECIFIED = "unspecified", _("Non précisé")

    class PassedOver(models.TextChoices):
        NO_VOTE = "no_vote", _("aucune voix")
        COUNTRY_CAP = "country_cap", _("non élu·e : plafond de sièges par pays atteint")
        WOMEN_MINIMUM = "women_minimum", _("non élu·e : siège réservé pour atteindre le minimum de femmes")

    election = models.ForeignKey(Election, verbose_name=_("élection"), on_delete=models.CASCADE, related_name="candidacies")
    organisation = models.ForeignKey(
        "members.Organisation", verbose_name=_("organisation membre"), on_delete=models.PROTECT, related_name="candidacies"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("candidat·e"), on_delete=models.PROTECT, related_name="candidacies"
    )
    gender = models.CharField(_("genre"), max_length=12, choices=Gender.choices, default=Gender.UNSPECIFIED)
    statement = models.TextField(_("profession de foi"), blank=True)
    put_forward_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("présentée par"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    # The count (set when the votes are counted).
    votes = models.PositiveIntegerField(_("voix"), null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("rang"), null=True, blank=True)
    elected = models.BooleanField(_("élu·e"), default=False)
    result_note = models.CharField(_("observation"), max_length=20, choices=PassedOver.choices, blank=True)
    tie_broken = models.BooleanField(_("départagé·e par le sort"), default=False)

    class Meta:
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")
        ordering = ["election", "rank", "person__full_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "person"],
                name="governance_one_candidacy_per_person",
                violation_error_message=_("Cette personne est déjà candidate à cette élection."),
            ),
            models.UniqueConstraint(
                fields=["election", "organisation"],
                name="governance_one_candidacy_per_organisation",
                violation_error_message=_("Cette organisation présente déjà une candidature à cette élection."),
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.organisation})"

    @property
    def country(self) -> str:
        return self.organisation.country


class ElectionVoter(models.Model):
    """The register: this organisation has voted in this election.

    No time, no order: a random UUID, not a sequence. The unique constraint
    is the database's word that an organisation votes once.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, verbose_name=_("élection"), on_delete=models.PROTECT, related_name="voters")
    organisation = models.ForeignKey(
        "members.Organisation", verbose_name=_("organisation membre"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("émargement")
        verbose_name_plural = _("émargements")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["election", "organisation"],
                name="governance_one_vote_per_organisation",
                violation_error_message=_("Cette organisation a déjà voté à cette élection."),
            )
        ]

    def __str__(self):
        return str(self.organisation)


class ElectionBallot(models.Model):
    """A ballot in the urn: the candidacies chosen, and nothing about who.

    `choices` is the sorted list of candidacy ids (the order of the voter's
    clicks is not kept); an empty list is a blank ballot. Rewritten with a
    new UUID at every vote (see the module's docstring).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, verbose_name=_("élection"), on_delete=models.PROTECT, related_name="ballots")
    choices = models.JSONField(_("choix"), default=list)

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        default_permissions = ()

    def __str__(self):
        return str(_("bulletin"))


class CommitteeTerm(models.Model):
    """A committee's composition for one term: who sat, from when to when.

    Written when an elected committee is installed (and, the first time, for
    the composition it replaces), never changed afterwards except to close
    the outgoing term's end date.
    """

    committee = models.ForeignKey(
        "approvals.Committee", verbose_name=_("comité"), on_delete=models.PROTECT, related_name="terms"
    )
    election = models.OneToOneField(
        Election, verbose_name=_("élection"), null=True, blank=True, on_delete=models.PROTECT, related_name="term"
    )
    starts_on = models.DateField(_("début"), null=True, blank=True)
    ends_on = models.DateField(_("fin"), null=True, blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("présidence"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("enregistré le"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("mandat de comité")
        verbose_name_plural = _("mandats de comité")
        ordering = ["committee", "-starts_on", "-id"]

    def __str__(self):
        return f"{self.committee} {self.starts_on or '…'} – {self.ends_on or '…'}"


class CommitteeTermSeat(models.Model):
    term = models.ForeignKey(CommitteeTerm, verbose_name=_("mandat"), on_delete=models.CASCADE, related_name="seats")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("membre"), on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "members.Organisation", verbose_name=_("organisation membre"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("siège")
        verbose_name_plural = _("sièges")
        ordering = ["term", "person__full_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["term", "person"], name="governance_one_seat_per_person_and_term")]

    def __str__(self):
        return str(self.person)
