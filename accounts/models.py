from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .roles import SECOND_FACTOR_ROLES, Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractUser):
    """A person who signs in with an email address."""

    username = None
    email = models.EmailField(_("adresse e-mail"), unique=True)
    full_name = models.CharField(_("nom complet"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("langue préférée"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    country = models.CharField(_("pays"), max_length=2, choices=settings.RELAIS_COUNTRIES, blank=True)
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    # Set by load_demo only; a system check refuses active demo accounts in production.
    is_demo = models.BooleanField(_("compte de démonstration"), default=False, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = ["email"]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        # One spelling per address: sign-in, lock counting and uniqueness all rely on it.
        self.email = (self.email or "").strip().lower()

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return (self.full_name or self.email).split(" ")[0]

    @cached_property
    def _group_rows(self) -> tuple[tuple[int, str], ...]:
        # One query per request for the role codes, the group ids (the
        # permission-scoped lists filter on them) and the role rights
        # (accounts.backends.RoleRightsBackend answers from them).
        if self.pk is None:
            return ()
        from .backends import read_roles_and_rights

        return read_roles_and_rights(self)

    @cached_property
    def role_codes(self) -> frozenset[str]:
        return frozenset(name for _pk, name in self._group_rows)

    @cached_property
    def group_ids(self) -> frozenset[int]:
        return frozenset(pk for pk, _name in self._group_rows)

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_codes.intersection(roles))

    @property
    def roles(self) -> list[Role]:
        return [Role(code) for code in Role.values if code in self.role_codes]

    @property
    def needs_second_factor(self) -> bool:
        return self.is_superuser or self.has_role(*SECOND_FACTOR_ROLES)
