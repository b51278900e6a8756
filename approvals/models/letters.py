"""Decision letters, their versioned templates, regeneration batches and
committee meetings (whose minutes are a letter too)."""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..letters.kinds import KIND_CHOICES
from ..letters.storage import get_letter_storage
from .ballots import Decision
from .committees import Committee


class LetterTemplate(models.Model):
    """One version of the .docx template of a letter kind in one language.

    Versions are never changed or removed: a new upload is a new version,
    the highest is used for new letters, and every letter keeps the version
    it was rendered from. The file lives in the database (a few dozen KB),
    so templates and the rows that name them are backed up together.
    """

    kind = models.CharField(_("type de lettre"), max_length=40, choices=KIND_CHOICES)
    language = models.CharField(_("langue"), max_length=8, choices=settings.LANGUAGES)
    version = models.PositiveIntegerField(_("version"))
    content = models.BinaryField(_("fichier .docx"))
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64)
    original_name = models.CharField(_("nom du fichier déposé"), max_length=200, blank=True)
    note = models.CharField(_("note de version"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("déposé par"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("déposé le"), default=timezone.now)

    class Meta:
        verbose_name = _("modèle de lettre")
        verbose_name_plural = _("modèles de lettres")
        ordering = ["kind", "language", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "language", "version"], name="one_letter_template_version"),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="letter_template_version_positive"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.language}) v{self.version}"

    @staticmethod
    def digest(content: bytes) -> str:
        return hashlib.sha256(content).hexdigest()


def default_time_zone() -> str:
    return settings.TIME_ZONE


class Meeting(models.Model):
    """A committee meeting: agenda, attendance, decisions taken, minutes."""

    class Kind(models.TextChoices):
        QUARTERLY = "quarterly", _("Réunion trimestrielle du COPIL")
        EXTRAORDINARY = "extraordinary", _("Session extraordinaire")
        ONLINE = "online", _("Plénière en ligne")
        GENERAL_ASSEMBLY = "general_assembly", _("Assemblée générale")

    # Kinds whose audience is the whole network (every member organisation's
    # focal points), not only the committee.
    PLENARY_KINDS = frozenset({Kind.ONLINE, Kind.GENERAL_ASSEMBLY})

    reference = models.CharField(_("référence"), max_length=32, unique=True, editable=False)
    committee = models.ForeignKey(Committee, verbose_name=_("comité"), on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(_("intitulé"), max_length=200)
    kind = models.CharField(_("type de réunion"), max_length=20, choices=Kind.choices, default=Kind.QUARTERLY)
    date = models.DateField(_("date"))
    # When it starts (stored in UTC), entered in `time_zone`, and how long it lasts.
    starts_at = models.DateTimeField(_("début"), null=True, blank=True)
    time_zone = models.CharField(_("fuseau horaire"), max_length=64, default=default_time_zone)
    duration_minutes = models.PositiveSmallIntegerField(_("durée (minutes)"), default=120)
    place = models.CharField(_("lieu"), max_length=200, blank=True)
    link = models.URLField(_("lien de connexion"), max_length=300, blank=True)
    # Bumped when the date, time or place changes: invitations go again, .ics SEQUENCE follows.
    schedule_version = models.PositiveSmallIntegerField(_("version du calendrier"), default=0)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("présents"), related_name="meetings_attended", blank=True
    )
    decisions = models.ManyToManyField(Decision, verbose_name=_("décisions prises en séance"), related_name="meetings", blank=True)
    # Compiled from the committee's open ballots and the dossiers waiting for it.
    agenda = models.JSONField(_("ordre du jour"), default=list, blank=True)
    notes = models.TextField(_("points divers"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("créée par"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("créée le"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("réunion")
        verbose_name_plural = _("réunions")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.reference} · {self.title}"

    def get_absolute_url(self):
        return reverse("letters:meeting", kwargs={"pk": self.pk})

    @property
    def is_plenary(self) -> bool:
        return self.kind in self.PLENARY_KINDS

    @property
    def ends_at(self):
        if self.starts_at is None:
            return None
        return self.starts_at + timezone.timedelta(minutes=self.duration_minutes)


class MeetingAgendaItem(models.Model):
    """One item of a meeting's agenda: an open ballot, a dossier waiting for
    the committee, or a free item; the decision taken on it in session."""

    class Kind(models.TextChoices):
        BALLOT = "ballot", _("Scrutin ouvert")
        DOSSIER = "dossier", _("Dossier en attente")
        FREE = "free", _("Point libre")

    meeting = models.ForeignKey(Meeting, verbose_name=_("réunion"), on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("rang"))
    kind = models.CharField(_("type de point"), max_length=12, choices=Kind.choices, default=Kind.FREE)
    label = models.CharField(_("intitulé"), max_length=300)
    url = models.CharField(_("lien"), max_length=300, blank=True)
    ballot = models.ForeignKey(
        "approvals.Ballot", verbose_name=_("scrutin"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dossier_reference = models.CharField(_("dossier"), max_length=32, blank=True)
    # What the session decided on this item: a ballot's decision, or words for a free item.
    decision = models.ForeignKey(
        Decision, verbose_name=_("décision"), null=True, blank=True, on_delete=models.PROTECT, related_name="agenda_items"
    )
    outcome = models.TextField(_("décision prise en séance"), blank=True)

    class Meta:
        verbose_name = _("point de l'ordre du jour")
        verbose_name_plural = _("points de l'ordre du jour")
        ordering = ["meeting", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "position"], name="one_agenda_item_per_position")]

    def __str__(self):
        return f"{self.position}. {self.label}"


def letter_upload_to(instance, filename):
    # Named by reference only: nothing about the person in a path.
    return f"letters/{instance.issued_at:%Y}/{filename}"


class Letter(models.Model):
    """A letter issued by Relais: one per decision (or per request, or per
    meeting's minutes), re-rendered only on an explicit regeneration, which
    keeps its reference and verification code and bumps its revision."""

    class PdfStatus(models.TextChoices):
        PENDING = "pending", _("En attente")
        DONE = "done", _("Prêt")
        FAILED = "failed", _("Échec de la conversion")

    class RenderStatus(models.TextChoices):
        DONE = "done", _("Produite")
        FAILED = "failed", _("Échec de la production")

    reference = models.CharField(_("référence"), max_length=32, unique=True, editable=False)
    # decision:<id>, request:<outbox message id> or meeting:<id>: one letter per source.
    source_key = models.CharField(_("origine"), max_length=80, unique=True, editable=False)
    kind = models.CharField(_("type de lettre"), max_length=40, choices=KIND_CHOICES)
    language = models.CharField(_("langue"), max_length=8, choices=settings.LANGUAGES)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    dossier = GenericForeignKey("content_type", "object_id")
    dossier_reference = models.CharField(_("dossier"), max_length=32, blank=True, db_index=True)
    # Copied from the dossier kind, so lists and checks need not load the dossier.
    sensitive = models.BooleanField(_("dossier sensible"), default=False)
    decision = models.ForeignKey(
        Decision, verbose_name=_("décision"), null=True, blank=True, on_delete=models.PROTECT, related_name="letters"
    )
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("réunion"), null=True, blank=True, on_delete=models.PROTECT, related_name="letters"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("destinataire"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    template = models.ForeignKey(LetterTemplate, verbose_name=_("modèle"), on_delete=models.PROTECT, related_name="letters")
    revision = models.PositiveSmallIntegerField(_("révision"), default=1)
    file = models.FileField(_("fichier .docx"), storage=get_letter_storage, upload_to=letter_upload_to, max_length=200)
    sha256 = models.CharField(_("empreinte SHA-256 du .docx"), max_length=64)
    pdf_file = models.FileField(_("fichier PDF"), storage=get_letter_storage, upload_to=letter_upload_to, max_length=200, blank=True)
    pdf_sha256 = models.CharField(_("empreinte SHA-256 du PDF"), max_length=64, blank=True)
    pdf_status = models.CharField(_("PDF"), max_length=12, choices=PdfStatus.choices, default=PdfStatus.PENDING)
    pdf_error = models.TextField(_("erreur de conversion"), blank=True)
    # The last render: a failed one (its template went past a letter's limits)
    # leaves the letter without a new file until the chair asks again.
    render_status = models.CharField(
        _("production"), max_length=12, choices=RenderStatus.choices, default=RenderStatus.DONE
    )
    render_error = models.TextField(_("erreur de production"), blank=True)
    # Hashes of the files of earlier revisions: /verify/ recognises them as replaced.
    previous_hashes = models.JSONField(_("empreintes des révisions précédentes"), default=list, blank=True)
    verification_code = models.CharField(_("code de vérification"), max_length=40, unique=True, editable=False)
    issued_at = models.DateTimeField(_("émise le"), default=timezone.now)
    rendered_at = models.DateTimeField(_("produite le"), default=timezone.now)
    rendered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("produite à la demande de"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )

    class Meta:
        verbose_name = _("lettre")
        verbose_name_plural = _("lettres")
        ordering = ["-issued_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "kind"], condition=models.Q(decision__isnull=False), name="one_letter_per_decision_and_kind"
            ),
            models.CheckConstraint(condition=models.Q(revision__gte=1), name="letter_revision_positive"),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("letters:download", kwargs={"pk": self.pk, "fmt": "docx"})

    @property
    def pdf_url(self):
        return reverse("letters:download", kwargs={"pk": self.pk, "fmt": "pdf"})

    @property
    def display_code(self) -> str:
        code = self.verification_code
        return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


class LetterBatch(models.Model):
    """The chair's "regenerate these letters": one item per decision, each
    done in the background; the page follows the items' statuses."""

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("demandé par"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("demandé le"), default=timezone.now)

    class Meta:
        verbose_name = _("lot de lettres")
        verbose_name_plural = _("lots de lettres")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"#{self.pk}"

    def get_absolute_url(self):
        return reverse("letters:batch", kwargs={"pk": self.pk})


class LetterBatchItem(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        DONE = "done", _("Produite")
        SKIPPED = "skipped", _("Sans lettre")
        FAILED = "failed", _("Échec")

    batch = models.ForeignKey(LetterBatch, on_delete=models.CASCADE, related_name="items")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="+")
    letter = models.ForeignKey(Letter, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("statut"), max_length=12, choices=Status.choices, default=Status.PENDING)
    error = models.CharField(_("erreur"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("lettre du lot")
        verbose_name_plural = _("lettres du lot")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["batch", "decision"], name="one_item_per_batch_and_decision")]

    def __str__(self):
        return f"{self.batch_id}:{self.decision_id}"
