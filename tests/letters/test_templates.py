"""Templates are versioned, checked on upload, and run sandboxed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from approvals.letters.kinds import sample_context
from approvals.letters.rendering import RenderFailed, TemplateRefused, check_template, render
from approvals.letters.services import decision_letter_issue
from approvals.models import Letter, LetterTemplate, OutboxMessage

from .helpers import docx_text, docx_with

ESCAPES = [
    "{{ ''.__class__.__mro__ }}",
    "{{ organisation_name.__class__ }}",
    "{{ network['__class__'] }}",
    "{{ organisation_name|attr('__class__') }}",
    "{% include 'x.html' %}",
]


@pytest.fixture
def administrator(make_user):
    return make_user("administrator", is_staff=True, email="secretariat@example.org")


def upload(client, *, kind="membership_approved", language="fr", content: bytes, name="modele.docx"):
    return client.post(
        "/admin/approvals/lettertemplate/add/",
        {"kind": kind, "language": language, "note": "essai", "file": SimpleUploadedFile(name, content)},
    )


def test_fresh_database_has_version_one_of_every_kind_and_language(db):
    templates = LetterTemplate.objects.all()
    assert templates.count() == 52  # 10 letter kinds, the annual report, the adopted document and the election's minutes × 4 languages
    assert set(templates.values_list("version", flat=True)) == {1}
    assert set(templates.values_list("language", flat=True)) == {"fr", "en", "es", "pt"}


@pytest.mark.parametrize("escape", ESCAPES)
def test_a_template_reaching_outside_its_data_is_refused_at_upload(escape, administrator, client_for):
    # when an administrator uploads a template that reaches for Python internals
    response = upload(client_for(administrator), content=docx_with("Bonjour {{ recipient_name }}", escape))
    # then it is refused with a reason, and no version is added
    assert response.status_code == 200
    assert "interdit" in response.content.decode()
    assert LetterTemplate.objects.filter(kind="membership_approved", language="fr").count() == 1


def test_an_escaping_template_cannot_render_either(db):
    # a template that got into the database by another way than the upload check
    content = docx_with("{{ ''.__class__.__mro__ }}")
    with pytest.raises(RenderFailed):
        render(content, sample_context("membership_approved"))
    with pytest.raises(RenderFailed):
        render(docx_with("{{ recipient_name.__class__.__mro__[1].__subclasses__() }}"), sample_context("membership_approved"))


def test_an_escaping_template_in_the_database_yields_no_letter(petition_letters, make_petition, club, decide, relay_outbox):
    LetterTemplate.objects.create(
        kind="membership_approved", language="fr", version=2, content=docx_with("{{ ''.__class__.__mro__ }}"), sha256="x"
    )
    decision = decide(make_petition(club=club), "approve")
    relay_outbox()
    assert not Letter.objects.filter(decision=decision).exists()
    failed = OutboxMessage.objects.get(topic="decision.recorded")
    assert failed.attempts == 1 and "RenderFailed" in failed.last_error


def test_unknown_variables_are_listed(administrator, client_for):
    response = upload(client_for(administrator), content=docx_with("{{ organisation_name }} {{ iban }} {{ network.bank }}"))
    page = response.content.decode()
    assert "Variables inconnues" in page and "iban" in page and "network.bank" in page
    assert LetterTemplate.objects.filter(kind="membership_approved").count() == 4  # fr, en, es and pt v1 only


def test_a_file_that_is_not_a_docx_is_refused(administrator, client_for):
    response = upload(client_for(administrator), content=b"%PDF-1.4 not a word file", name="lettre.docx")
    assert "comme un document Word (.docx)" in response.content.decode()
    assert LetterTemplate.objects.filter(kind="membership_approved", language="fr").count() == 1


def test_a_jinja_syntax_error_is_refused():
    from django.utils import translation

    with translation.override("fr"), pytest.raises(TemplateRefused) as refused:
        check_template(docx_with("{% if organisation_name %}"), "membership_approved")
    assert "syntaxe" in refused.value.errors[0]


def test_a_good_upload_is_a_new_version_and_old_letters_keep_theirs(
    petition_letters, administrator, client_for, make_petition, club, decide, relay_outbox
):
    # given a letter made from version 1
    first = decide(make_petition(club=club), "approve")
    relay_outbox()
    old_letter = Letter.objects.get(decision=first)
    # when the administrator uploads a new French template
    content = docx_with("Nouvelle lettre pour {{ organisation_name }} — {{ decision_reference }}")
    response = upload(client_for(administrator), content=content)
    assert response.status_code == 302
    new_version = LetterTemplate.objects.get(kind="membership_approved", language="fr", version=2)
    assert new_version.uploaded_by == administrator and bytes(new_version.content) == content
    # then new letters use it, and the old letter still names version 1
    second = decide(make_petition(club=club, title="Autre"), "approve")
    relay_outbox()
    assert Letter.objects.get(decision=second).template == new_version
    old_letter.refresh_from_db()
    assert old_letter.template.version == 1
    # and version 1 is still there, unchanged
    assert LetterTemplate.objects.filter(kind="membership_approved", language="fr", version=1).exists()


def test_special_characters_render_into_a_docx_that_opens(petition_letters, make_petition, club, decide, relay_outbox):
    club.name = 'Droits & Libertés <Tchad> "ADL"'
    club.save()
    decision = decide(make_petition(club=club), "approve")
    relay_outbox()
    letter = Letter.objects.get(decision=decision)
    with letter.file.open("rb") as handle:
        text = docx_text(handle.read())  # python-docx parses it: the XML is valid
    assert 'Droits & Libertés <Tchad> "ADL"' in text


def test_context_must_be_plain_data(petition_letters, monkeypatch, make_petition, club, decide):
    from tests.dossiers.models import Petition

    monkeypatch.setattr(Petition, "letter_context", lambda self, decision: {"organisation_name": self.club}, raising=False)
    decision = decide(make_petition(club=club), "approve")
    with pytest.raises(TypeError, match="not plain data"):
        decision_letter_issue(decision_id=decision.pk)


def test_a_template_may_not_build_huge_text():
    with pytest.raises(RenderFailed):
        render(docx_with("{{ organisation_name * 100000 }}"), sample_context("membership_approved"))
