from io import StringIO

from django.core.management import call_command

from approvals.letters.defaults import DEFAULTS_DIR, shipped
from approvals.models import LetterTemplate


def test_loading_the_defaults_again_adds_nothing(db):
    out = StringIO()
    call_command("load_letter_templates", stdout=out)
    assert "0 template version(s) added" in out.getvalue()
    assert LetterTemplate.objects.count() == len(shipped()) == 52  # 10 letter kinds, the annual report, the adopted document and the election's minutes × fr, en, es, pt


def test_update_adds_a_version_only_where_the_shipped_file_changed(db):
    LetterTemplate.objects.filter(kind="opportunity_go", language="en").update(sha256="changed-since")
    out = StringIO()
    call_command("load_letter_templates", "--update", stdout=out)
    assert "+ opportunity_go.en v2" in out.getvalue() and "1 template version(s) added" in out.getvalue()
    newest = LetterTemplate.objects.get(kind="opportunity_go", language="en", version=2)
    assert bytes(newest.content) == (DEFAULTS_DIR / "opportunity_go.en.docx").read_bytes()
