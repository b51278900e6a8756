"""What hangs off a case: the kinds of support asked for, the wellbeing
checks of the follow-up, and guardian's direct object-permission tables."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from ..fields import EncryptedTextField
from .choices import SupportType


class CaseSupport(models.Model):
    """One kind of support requested for a case (a row each, so they can be counted)."""

    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="support_types")
    kind = models.CharField(_("soutien"), max_length=20, choices=SupportType.choices)

    class Meta:
        verbose_name = _("soutien demandé")
        verbose_name_plural = _("soutiens demandés")
        constraints = [models.UniqueConstraint(fields=["case", "kind"], name="one_support_kind_per_case")]

    def __str__(self):
        return self.get_kind_display()


class WellbeingCheck(models.Model):
    """A check on how the beneficiary is doing, due 30 and 90 days into follow-up."""

    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="wellbeing_checks")
    due_on = models.DateField(_("prévu le"))
    done_at = models.DateTimeField(_("fait le"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = EncryptedTextField(_("note"))

    class Meta:
        verbose_name = _("point de suivi")
        verbose_name_plural = _("points de suivi")
        ordering = ["due_on"]
        constraints = [models.UniqueConstraint(fields=["case", "due_on"], name="one_wellbeing_check_per_case_and_day")]

    def __str__(self):
        return f"{self.case.reference} · {self.due_on}"


class CaseUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey("casework.Case", on_delete=models.CASCADE)


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey("casework.Case", on_delete=models.CASCADE)
