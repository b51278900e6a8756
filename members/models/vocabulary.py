"""Controlled lists shared by members, grants and casework: countries, themes
and target groups."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def country_choices():
    return list(settings.RELAIS_COUNTRIES)


def country_name(code: str) -> str:
    return str(dict(settings.RELAIS_COUNTRIES).get(code, code))


class _Vocabulary(models.Model):
    """A short controlled list (themes, target groups), named in French and English."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("nom (français)"), max_length=120)
    name_en = models.CharField(_("nom (anglais)"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The name in the reader's language (French when no English name)."""
        if (translation.get_language() or "fr").startswith("en") and self.name_en:
            return self.name_en
        return self.name


class Theme(_Vocabulary):
    """A thematic domain (civic space, women's rights, …): of members,
    funders and opportunities."""

    class Meta(_Vocabulary.Meta):
        verbose_name = _("domaine thématique")
        verbose_name_plural = _("domaines thématiques")


class TargetGroup(_Vocabulary):
    """A group of people an organisation works with (women, children, …)."""

    class Meta(_Vocabulary.Meta):
        verbose_name = _("groupe cible")
        verbose_name_plural = _("groupes cibles")

