"""Relais settings: one module, driven by environment variables.

Embedded default (nothing set): SQLite in var/, Celery tasks run in-process.
Production (RELAIS_ENV=production): SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL
are required; the process refuses to start without them, saying which is missing.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from config.beat import beat_schedule
from config.environment import env, env_bool, env_list
from config.logging import logging_settings

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("RELAIS_VAR_DIR") or BASE_DIR / "var")


RELAIS_ENV = env("RELAIS_ENV", "development")
PRODUCTION = RELAIS_ENV == "production"

if PRODUCTION:
    for required in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"):
        if not env(required):
            sys.exit(f"Relais: {required} must be set when RELAIS_ENV=production.")

SECRET_KEY = env("SECRET_KEY", "relais-development-only-key-never-use-in-production-0123456789")
DEBUG = env_bool("DEBUG", not PRODUCTION)
if PRODUCTION and DEBUG:
    # Debug pages show settings, SQL and the data of the request: never in production.
    sys.exit("Relais: DEBUG must be off when RELAIS_ENV=production (unset DEBUG or set it to false).")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "guardian",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "accounts",
    "approvals",
    "members",
    "grants",
    "casework",
    "governance",
    "indicators",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "accounts.middleware.NulBytesRefusedMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so its process_exception sees a view's exception first: a domain
    # refusal (approvals.refusals.Refused) becomes its 403/404/409 page.
    "approvals.refusals.RefusalMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.shell",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=int(env("DB_CONN_MAX_AGE", "60")))}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env("DB_JIT", "off").lower() != "on":
        # PostgreSQL's JIT compiles a plan whose estimated cost passes
        # jit_above_cost; for Relais's short queries (a page, a count over
        # permission rows) compiling takes far longer than running: 317 of
        # 348 ms of a count over 100,000 dossiers. Off for our connections.
        _options = DATABASES["default"].setdefault("OPTIONS", {})
        _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
    # The engine's per-transition statements and the home page's probes are
    # kept prepared on the server (config.prepared); Django's own queries
    # never are (its cursors bind on the client). Off behind a pooler that
    # cannot keep them.
    RELAIS_DB_PREPARED = env_bool("DB_PREPARED", True)
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and RELAIS_DB_PREPARED:
        # psycopg prepares only where asked (prepare=True) below this many runs.
        DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 1_000_000
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "relais.sqlite3",
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rate limits count in their own table (approvals.RateCounter, exact windows);
# this cache is shared by every server process and works when Redis is down.
# (`createcachetable` makes its table; the test runner makes it by itself.)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "relais_cache",
        "OPTIONS": {"MAX_ENTRIES": 50_000},
    }
}

# --- Accounts, sign-in, second factor ---------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Reads role rights in one query for ModelBackend below (accounts/backends.py).
    "accounts.backends.RoleRightsBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("AXES_COOLOFF_MINUTES", "15")))
# Lock the account, not the address: member organisations often share one
# NAT address, and one person's typos must not lock out a whole office.
AXES_LOCKOUT_PARAMETERS = ["username"]
# The sign-in forms (ours and the admin's) post the email as "username";
# axes would otherwise look for "email" (USERNAME_FIELD) and count nothing.
AXES_USERNAME_FORM_FIELD = "username"
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# Failed attempts are cleared by accounts once a person is fully signed in
# (password, then second factor), so wrong codes count towards the same lock.
AXES_RESET_ON_SUCCESS = False
# A lock lasts AXES_COOLOFF_TIME from the last counted failure; retrying
# during the lock does not extend it (the page tells how long to wait).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_VERBOSE = False
OTP_TOTP_ISSUER = f"{env('RELAIS_NETWORK_NAME', 'DEFI')} · Relais"
GUARDIAN_RAISE_403 = False
ANONYMOUS_USER_NAME = None

# --- Internationalisation ----------------------------------------------------
LANGUAGE_CODE = "fr"
# es, pt: Equatorial Guinea, São Tomé and Príncipe; every catalogue complete (tests/test_translations.py).
LANGUAGES = [("fr", _("Français")), ("en", _("English")), ("es", _("Español")), ("pt", _("Português"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "Africa/Douala")
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Private files (letters, documents) are never served from a public URL.
PRIVATE_STORAGE_ROOT = Path(env("PRIVATE_STORAGE_ROOT", VAR_DIR / "private"))
MEDIA_ROOT = PRIVATE_STORAGE_ROOT

# --- Email ---------------------------------------------------------------------
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "relais@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery ------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
# Above the longest task (time limit 300 s): an unacknowledged task is
# redelivered only once its worker is surely gone. The sweep that puts a
# dead worker's tasks back runs every RELAIS_CELERY_RESTORE_SECONDS.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(env("RELAIS_CELERY_VISIBILITY_SECONDS", "3600")),
    "unacked_restore_interval": int(env("RELAIS_CELERY_RESTORE_SECONDS", "60")),
    "unacked_restore_throttle": 1,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A dead Redis must not hang a request: publishing gives up quickly and the
# outbox relay on the beat schedule delivers what was recorded.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = beat_schedule()  # config/beat.py

# --- Security -----------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(8 * 3600)))
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content-Security-Policy (django-csp 4): our own files only. No inline script
# or style anywhere (templates use classes and static files); nothing may
# frame a page, and forms post only to Relais. The admin lives by the same rule.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
# Added by config.middleware.SecurityHeadersMiddleware to every response.
RELAIS_PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), usb=(), "
    "browsing-topics=()"
)
RELAIS_CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

LOGGING = logging_settings(level=env("LOG_LEVEL", "INFO"))

# How many reverse proxies of ours stand in front of gunicorn (nginx: 1).
# Rate limits and access logs then read the client's address from the
# X-Forwarded-For entry our proxy wrote; 0 reads REMOTE_ADDR only.
RELAIS_TRUSTED_PROXY_COUNT = int(env("RELAIS_TRUSTED_PROXY_COUNT", "0"))
# Absolute address of the site, for links in emails.
RELAIS_SITE_URL = env("RELAIS_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Per-kind deadlines in hours, overriding the defaults in code:
# {"ADH": {"screening": 336}}. JSON in the environment.
RELAIS_DEADLINES = __import__("json").loads(env("RELAIS_DEADLINES", "{}"))
RELAIS_OUTBOX_MAX_ATTEMPTS = int(env("RELAIS_OUTBOX_MAX_ATTEMPTS", "8"))

# --- The network (configuration, not code) ------------------------------------------
RELAIS_NETWORK = {
    "name": env("RELAIS_NETWORK_NAME", "DEFI"),
    "long_name": env("RELAIS_NETWORK_LONG_NAME", "Réseau des défenseurs des droits humains en Afrique centrale"),
    "address": env("RELAIS_NETWORK_ADDRESS", "B.P. 0000, Douala, Cameroun"),
    "email": env("RELAIS_NETWORK_EMAIL", "secretariat@example.org"),
    "signatory": env("RELAIS_SIGNATORY", "La présidence du COPIL"),
    "signatory_title": env("RELAIS_SIGNATORY_TITLE", "Présidente du comité de pilotage"),
}
RELAIS_COUNTRIES = [
    ("CM", _("Cameroun")),
    ("GA", _("Gabon")),
    ("TD", _("Tchad")),
    ("CF", _("République centrafricaine")),
    ("CG", _("Congo")),
    ("CD", _("RD Congo")),
    ("GQ", _("Guinée équatoriale")),
    ("ST", _("Sao Tomé-et-Principe")),
]
# Demo passwords are refused in production (see accounts.checks).
RELAIS_DEMO_PASSWORD_PREFIX = "demo-"
# The demo (set by bin/demo): a banner on every page and /compte/demo/ to act
# as any demo person. Never in production: accounts.demo.demo_enabled() is
# off there whatever this says, and `check --deploy` fails (accounts.E002).
RELAIS_DEMO = env_bool("RELAIS_DEMO", False)

# --- Emergency fund (read by casework/) ------------------------------------------------
# Fernet keys for the encrypted fields of emergency cases, comma-separated. The
# first encrypts, every one decrypts: to rotate, put a new key first, run
# `manage.py rotate_encryption_keys`, then remove the old one. Required in
# production (deploy check casework.E001); elsewhere a key derived from
# SECRET_KEY is used when none is set.
RELAIS_FIELD_ENCRYPTION_KEYS = env_list("RELAIS_FIELD_ENCRYPTION_KEYS")
# From this amount on, per currency, a second person confirms each disbursement
# (a currency not listed always needs one). JSON in the environment.
RELAIS_DISBURSEMENT_CONFIRMATION_THRESHOLD = __import__("json").loads(
    env("RELAIS_DISBURSEMENT_CONFIRMATION_THRESHOLD", '{"XAF": "500000", "EUR": "750", "USD": "850"}')
)
# Identities of cases ended more than this many months ago are erased
# (`manage.py erase_closed_case_identities`); anonymous figures are kept.
RELAIS_CASE_RETENTION_MONTHS = int(env("RELAIS_CASE_RETENTION_MONTHS", "24"))
RELAIS_CASE_DOCUMENT_MAX_BYTES = int(env("RELAIS_CASE_DOCUMENT_MAX_BYTES", str(5 * 1024 * 1024)))
# Wrong guesses of a status link (any dossier's, emergency cases included)
# allowed per address in 15 minutes.
RELAIS_STATUS_LINK_MAX_FAILURES = int(env("RELAIS_STATUS_LINK_MAX_FAILURES", "5"))
# Direct applications accepted per address and hour (spam guard).
RELAIS_INTAKE_MAX_PER_HOUR = int(env("RELAIS_INTAKE_MAX_PER_HOUR", "5"))

# --- members (membership applications and the directory) ---------------------------
# Largest document an applicant may upload (statutes, receipt, activity report).
RELAIS_UPLOAD_MAX_BYTES = int(env("RELAIS_UPLOAD_MAX_BYTES", str(5 * 1024 * 1024)))
# Per-field visibility overrides of the directory, e.g. {"phone": "members"};
# levels: public, members, committee (defaults in members/visibility.py). JSON.
RELAIS_DIRECTORY_VISIBILITY = __import__("json").loads(env("RELAIS_DIRECTORY_VISIBILITY", "{}"))

# --- grants: funding opportunities and joint proposals ------------------------------
# Currencies the network works in (ISO codes); amounts are Decimal, never float.
RELAIS_CURRENCIES = env_list("RELAIS_CURRENCIES", "XAF,CDF,EUR,USD")
# The network's usual grant range, for the "amount" part of an opportunity's fit score.
RELAIS_GRANT_RANGE = {
    "currency": env("RELAIS_GRANT_RANGE_CURRENCY", "EUR"),
    "min": env("RELAIS_GRANT_RANGE_MIN", "20000"),
    "max": env("RELAIS_GRANT_RANGE_MAX", "500000"),
}
# Transfers to a grant's partners above this amount (per currency) wait for a second person.
RELAIS_GRANT_TRANSFER_CONFIRM_ABOVE = __import__("json").loads(
    env("RELAIS_GRANT_TRANSFER_CONFIRM_ABOVE", '{"XAF": "5000000", "CDF": "20000000", "EUR": "7500", "USD": "8500"}')
)

# --- Decision letters (read by approvals/letters) -------------------------------------
# Optional PNG logo for the letterhead of every letter (a path on the server).
RELAIS_NETWORK_LOGO = env("RELAIS_NETWORK_LOGO", "")
# LibreOffice makes the PDF copies, in the worker; a conversion is killed past the timeout.
RELAIS_SOFFICE = env("RELAIS_SOFFICE", "soffice")
RELAIS_PDF_TIMEOUT_SECONDS = int(env("RELAIS_PDF_TIMEOUT_SECONDS", "60"))
# Letters go to PDF in batches: files per LibreOffice call, calls at once, the
# time a call gets per further letter, and where work directories live (swept
# by `sweep_pdf_leftovers` and at worker start).
RELAIS_PDF_FILES_PER_CALL = int(env("RELAIS_PDF_FILES_PER_CALL", "50"))
RELAIS_PDF_PARALLEL = int(env("RELAIS_PDF_PARALLEL", "1"))
RELAIS_PDF_SECONDS_PER_LETTER = int(env("RELAIS_PDF_SECONDS_PER_LETTER", "5"))
RELAIS_PDF_WORK_ROOT = env("RELAIS_PDF_WORK_ROOT", "")
# The chair's bulk regeneration: letters rendered and converted per step.
RELAIS_LETTER_BATCH_CHUNK = int(env("RELAIS_LETTER_BATCH_CHUNK", "20"))
# A render runs in a confined helper process: wall-clock and memory limits.
RELAIS_LETTER_RENDER_SECONDS = int(env("RELAIS_LETTER_RENDER_SECONDS", "10"))
RELAIS_LETTER_RENDER_MEMORY_MB = int(env("RELAIS_LETTER_RENDER_MEMORY_MB", "512"))
# Public /verify/ page: checks allowed per client address and window ("count/seconds").
RELAIS_VERIFY_RATE = env("RELAIS_VERIFY_RATE", "20/600")
# The letters' own catalog (approvals/letters/locale), after the project's.
LOCALE_PATHS = [*LOCALE_PATHS, BASE_DIR / "approvals" / "letters" / "locale"]

# --- Uploads (approvals/uploads/) ---------------------------------------------------------
# Archives (.docx, .xlsx, .odt, .ods) are inflated in chunks under these caps,
# and images decoded under a pixel cap: a bomb is refused before it costs anything.
RELAIS_UPLOAD_ARCHIVE_MAX_BYTES = int(env("RELAIS_UPLOAD_ARCHIVE_MAX_BYTES", str(50 * 1024 * 1024)))
RELAIS_UPLOAD_ARCHIVE_MAX_MEMBERS = int(env("RELAIS_UPLOAD_ARCHIVE_MAX_MEMBERS", "1000"))
RELAIS_UPLOAD_ARCHIVE_MAX_RATIO = int(env("RELAIS_UPLOAD_ARCHIVE_MAX_RATIO", "100"))
RELAIS_UPLOAD_MAX_PIXELS = int(env("RELAIS_UPLOAD_MAX_PIXELS", "25000000"))


# --- API (/api/v1/) --------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.TokenAuthentication", "api.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.SignedIn", "api.permissions.ScopedToken"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ApiRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser", "rest_framework.parsers.FormParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.problems.handle",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Relais API",
    "DESCRIPTION": "Dossiers, scrutins, messages, lettres et annuaire public de Relais. "
    "Authentification : `Authorization: Bearer rls_…` (jeton personnel, page « Jetons d'API »). "
    "Erreurs : problem details (RFC 9457).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "api.problems.add_problem_responses"],
}
RELAIS_API_TOKEN_RATE = env("RELAIS_API_TOKEN_RATE", "600/600")
RELAIS_API_ANONYMOUS_RATE = env("RELAIS_API_ANONYMOUS_RATE", "120/600")
