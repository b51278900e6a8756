"""Templates run within a letter's limits: widths and counts capped, loops
and calls budgeted, recursion bounded, text capped, every render in a child
process under a time and memory limit. A template over the limits is refused
at upload with a reason; a render over them (an old template, long real
data) leaves a failed letter that the chair sees and asks again for."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from approvals.letters import confined
from approvals.letters.kinds import sample_context
from approvals.letters.rendering import (
    MAX_NAME,
    RenderLimitExceeded,
    TemplateRefused,
    check_template,
    render,
)
from approvals.models import Letter, LetterBatch, LetterTemplate, OutboxMessage

from .helpers import docx_text, docx_with

BIG = "1000000000"
SIX_LOOPS = (
    "{% for a in recipient_name %}{% for b in recipient_name %}{% for c in recipient_name %}"
    "{% for d in recipient_name %}{% for e in recipient_name %}{% for f in recipient_name %}x"
    "{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}"
)
THREE_LOOPS = (
    "{% for a in recipient_name %}{% for b in recipient_name %}{% for c in recipient_name %}."
    "{% endfor %}{% endfor %}{% endfor %}"
)
# Each asks for far more than a letter needs; before the limits, some took
# minutes and gigabytes to render, or never finished, or gave a 500.
PAYLOADS = {
    "center": f"{{{{ recipient_name|center({BIG}) }}}}",
    "indent": f"{{{{ recipient_name|indent({BIG}) }}}}",
    "wordwrap": f"{{{{ recipient_name|wordwrap({BIG}) }}}}",
    "truncate": f"{{{{ recipient_name|truncate({BIG}) }}}}",
    "format width": f"{{{{ '%{BIG}s'|format(recipient_name) }}}}",
    "format precision": f"{{{{ '%.{BIG}f'|format(1.5) }}}}",
    "format star": f"{{{{ '%*s'|format({BIG}, recipient_name) }}}}",
    "percent operator": f"{{{{ '%{BIG}s' % recipient_name }}}}",
    "str.format width": f"{{{{ '{{:{BIG}}}'.format(recipient_name) }}}}",
    "str.format nested width": f"{{{{ '{{:{{w}}}}'.format(recipient_name, w={BIG}) }}}}",
    "str.center": f"{{{{ recipient_name.center({BIG}) }}}}",
    "str.ljust": f"{{{{ recipient_name.ljust({BIG}) }}}}",
    "str.rjust": f"{{{{ recipient_name.rjust({BIG}) }}}}",
    "str.zfill": f"{{{{ recipient_name.zfill({BIG}) }}}}",
    "str.expandtabs": f"{{{{ (recipient_name ~ '\t').expandtabs({BIG}) }}}}",
    "str.replace": "{{ recipient_name.replace('', recipient_name).replace('', recipient_name) }}",
    "replace filter": "{{ recipient_name|replace('', recipient_name)|replace('', recipient_name) }}",
    "batch": f"{{{{ recipient_name|batch({BIG}, 'x')|list }}}}",
    "slice": f"{{{{ recipient_name|slice({BIG})|list }}}}",
    "tojson indent": f"{{{{ network|tojson(indent={BIG}) }}}}",
    "join of a huge sequence": "{{ (recipient_name * 50)|list|join(recipient_name * 50) }}",
    "str.join of a huge sequence": "{{ (recipient_name * 50).join((recipient_name * 50)|list) }}",
    "repetition": "{{ recipient_name * 100000 }}",
    "doubling by ~": "{% set a = recipient_name ~ recipient_name %}{% set b = a ~ a %}{% set c = b ~ b %}"
    "{% set d = c ~ c %}{% set e = d ~ d %}{% set f = e ~ e %}{% set g = f ~ f %}{% set h = g ~ g %}"
    "{% set i = h ~ h %}{% set j = i ~ i %}{{ j }}",
    "doubling by +": "{% set a = recipient_name + recipient_name %}{% set b = a + a %}{% set c = b + b %}"
    "{% set d = c + c %}{% set e = d + d %}{% set f = e + e %}{% set g = f + f %}{% set h = g + g %}"
    "{% set i = h + h %}{% set j = i + i %}{{ j }}",
    "six nested loops over the name": SIX_LOOPS,
    "three nested loops over the name": THREE_LOOPS,
    "a loop over a huge sequence": "{% for a in recipient_name * 50 %}{% for b in recipient_name * 50 %}."
    "{% endfor %}{% endfor %}",
    "a loop over a range": f"{{% for i in range({BIG}) %}}.{{% endfor %}}",
    "a loop over slices": f"{{% for part in recipient_name|slice({BIG}) %}}.{{% endfor %}}",
    "recursive macro": "{% macro again(x) %}{{ again(x) }}{% endmacro %}{{ again(recipient_name) }}",
    "mutually recursive macros": "{% macro a(x) %}{{ b(x) }}{% endmacro %}{% macro b(x) %}{{ a(x) }}{% endmacro %}{{ a(1) }}",
    "recursive loop": "{% for x in recipient_name recursive %}{{ loop(recipient_name) }}{% endfor %}",
    "too much text": "{% for a in recipient_name %}{{ conditions }}{% endfor %}",
    "an unlisted str method": "{{ recipient_name.encode() }}",
}


@pytest.fixture
def administrator(make_user):
    return make_user("administrator", is_staff=True, email="secretariat@example.org")


def upload(client, content: bytes, *, kind="membership_approved"):
    return client.post(
        "/admin/approvals/lettertemplate/add/",
        {"kind": kind, "language": "fr", "note": "essai", "file": SimpleUploadedFile("modele.docx", content)},
    )


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_each_payload_is_refused_at_upload_with_a_reason(payload, administrator, client_for):
    # when an administrator uploads a template that asks for more than a letter needs
    response = upload(client_for(administrator), docx_with("Bonjour {{ recipient_name }}", payload))
    # then the form comes back with the reason, and no version is added
    assert response.status_code == 200
    page = response.content.decode()
    assert "errornote" in page or "errorlist" in page
    assert any(
        reason in page
        for reason in ("dépasse les limites d&#x27;une lettre", "ne s&#x27;exécute pas", "Variables inconnues", "interdit")
    ), page[-3000:]
    assert LetterTemplate.objects.filter(kind="membership_approved", language="fr").count() == 1


def test_the_reason_says_which_limit(db):
    with translation.override("fr"), pytest.raises(TemplateRefused) as refused:
        check_template(docx_with(SIX_LOOPS), "membership_approved")
    assert "dépasse les limites d'une lettre" in refused.value.errors[0]
    assert "tours de boucle" in refused.value.errors[0]


def test_the_reason_is_translated(db):
    with translation.override("en"), pytest.raises(TemplateRefused) as refused:
        check_template(docx_with(f"{{{{ recipient_name|center({BIG}) }}}}"), "membership_approved")
    assert refused.value.errors == ["The template goes past a letter's limits: width or count too large (at most 1000)."]


def test_a_template_that_only_fails_with_long_data_is_refused_too(db):
    # three loops over the sample name (13 characters) make 2,197 turns, but
    # over a name of MAX_NAME characters 8 million: the upload tries both
    check_template(docx_with("{% for a in recipient_name %}.{% endfor %}"), "membership_approved")
    with translation.override("fr"), pytest.raises(TemplateRefused) as refused:
        check_template(docx_with(THREE_LOOPS), "membership_approved")
    assert f"noms de {MAX_NAME} caractères" in refused.value.errors[0]


@pytest.mark.parametrize(
    "payload,expected",
    [
        ("{{ ('9' * 9000)|int }}", "0"),  # Python refuses to convert so many digits; the filter gives its default
        ("{{ ('9' * 9000)|float }}", "inf"),
        ("{{ recipient_name|center(60) }}", "Jeanne Mballa"),
        ("{{ recipient_name.ljust(20, '.') }}", "Jeanne Mballa......."),
        ("{{ '%-20s|'|format(recipient_name) }}", "Jeanne Mballa       |"),
        ("{{ '{:>15}'.format(organisation_acronym) }}", "            ADJ"),
        ("{{ recipient_name|wordwrap(6) }}", "Jeanne"),
        ("{% for p in recipient_name|batch(5) %}[{{ p|join }}]{% endfor %}", "[Jeann][e Mba][lla]"),
    ],
)
def test_reasonable_widths_and_conversions_render(payload, expected, db):
    context = sample_context("membership_approved")
    check_template(docx_with(payload), "membership_approved")
    assert expected in docx_text(render(docx_with(payload), context))


def test_context_strings_are_cut_to_what_a_letter_needs(db):
    context = {**sample_context("membership_approved"), "recipient_name": "N" * 50_000, "conditions": "C" * 50_000}
    text = docx_text(render(docx_with("[{{ recipient_name }}]", "[{{ conditions }}]"), context))
    name, conditions = [line for line in text.splitlines() if line]
    assert len(name) == MAX_NAME + 2 and name.endswith("…]")
    assert len(conditions) < 5_000


# --- the child process ---------------------------------------------------------------------------


def _forever():
    while True:
        pass


def _greedy():
    return len(bytearray(2 * 1024**3))


def _answer():
    return b"done"


def test_the_child_answers():
    assert confined.run(_answer, seconds=5, memory=64 * 1024**2) == b"done"


def test_a_child_past_its_time_is_stopped():
    started = time.monotonic()
    with pytest.raises(confined.Exceeded) as exceeded:
        confined.run(_forever, seconds=0.5, memory=64 * 1024**2)
    assert exceeded.value.what == "time"
    assert time.monotonic() - started < 5  # the bound asked for: killed at its deadline, not left running


def test_a_child_past_its_memory_is_stopped():
    # 2 GiB asked for under a 64 MiB limit: refused in the child, this process does not grow
    with pytest.raises(confined.Exceeded) as exceeded:
        confined.run(_greedy, seconds=10, memory=64 * 1024**2)
    assert exceeded.value.what == "memory"


# --- failed letters -------------------------------------------------------------------------------


def _install(content: bytes, *, version: int) -> LetterTemplate:
    """A template put in the database without the upload check (an old one)."""
    return LetterTemplate.objects.create(
        kind="membership_approved", language="fr", version=version, content=content, sha256=LetterTemplate.digest(content)
    )


@pytest.fixture
def long_named_owner(make_user):
    owner = make_user("applicant")
    owner.full_name = "Association " + "des défenseurs " * 6  # 102 characters: 1 million turns in three loops
    owner.save()
    return owner


def test_a_render_over_the_limits_leaves_a_failed_letter_the_chair_retries(
    petition_letters, make_petition, club, decide, relay_outbox, copil, client_for, administrator, long_named_owner
):
    # given a template that passes on short names, installed without the upload check
    _install(docx_with("Bonjour", THREE_LOOPS), version=2)
    # when a decision on a dossier whose applicant chose a long name is relayed
    decision = decide(make_petition(owner=long_named_owner, club=club), "approve")
    relay_outbox()
    # then the worker is done with it (no stuck, failing message) and the letter is failed, without a file
    assert OutboxMessage.objects.get(topic="decision.recorded").status == OutboxMessage.Status.DELIVERED
    letter = Letter.objects.get(decision=decision)
    assert letter.render_status == Letter.RenderStatus.FAILED and not letter.file
    assert "tours de boucle" in letter.render_error
    assert not OutboxMessage.objects.filter(topic="letter.pdf").exists()
    assert client_for(copil.chair).get(f"/lettres/{letter.pk}/docx/").status_code == 404
    # and the chair sees it, with the reason and a retry
    chair = client_for(copil.chair)
    page = chair.get("/lettres/decisions/").content.decode()
    assert "Production en échec" in page and "tours de boucle" in page
    assert f'name="decision" value="{decision.pk}"' in page and "Réessayer" in page
    # and on the dossier's letters: failed, with nothing to download
    letters_page = chair.get(f"/dossiers/{decision.dossier_reference}/lettres/").content.decode()
    assert "Production en échec" in letters_page and f"/lettres/{letter.pk}/docx/" not in letters_page
    # a retry while the template is still broken fails again, and says so on the batch page
    chair.post("/lettres/decisions/", {"decision": [decision.pk]})
    relay_outbox()
    batch = LetterBatch.objects.get()
    assert "tours de boucle" in chair.get(batch.get_absolute_url()).content.decode()
    letter.refresh_from_db()
    assert letter.render_status == Letter.RenderStatus.FAILED
    # when the administrator uploads a fixed template and the chair retries
    assert upload(client_for(administrator), docx_with("Bonjour {{ recipient_name }}")).status_code == 302
    chair.post("/lettres/decisions/", {"decision": [decision.pk]})
    relay_outbox()
    # then the letter is made: same reference, first revision, with its file and its PDF
    letter.refresh_from_db()
    assert letter.render_status == Letter.RenderStatus.DONE and letter.render_error == ""
    assert letter.revision == 1 and letter.template.version == 3
    assert "Association des défenseurs" in docx_text(letter.file.read())
    assert letter.pdf_status == Letter.PdfStatus.DONE
    assert "Production en échec" not in chair.get("/lettres/decisions/").content.decode()


def test_a_failed_regeneration_keeps_the_letter_already_sent(
    petition_letters, make_petition, club, decide, relay_outbox, copil, client_for
):
    decision = decide(make_petition(club=club), "approve")
    relay_outbox()
    letter = Letter.objects.get(decision=decision)
    sent = letter.file.name, letter.sha256
    # the time limit is what stops it this time
    _install(docx_with("Bonjour {{ recipient_name }}"), version=2)
    from django.test import override_settings

    with override_settings(RELAIS_LETTER_RENDER_SECONDS=0.001):
        client_for(copil.chair).post("/lettres/decisions/", {"decision": [decision.pk]})
        relay_outbox()
    letter.refresh_from_db()
    assert letter.render_status == Letter.RenderStatus.FAILED and "secondes" in letter.render_error
    assert (letter.file.name, letter.sha256, letter.revision) == (*sent, 1)
    assert client_for(copil.chair).get(f"/lettres/{letter.pk}/docx/").status_code == 200


def test_the_administrator_retries_failed_letters_of_any_origin(
    petition_letters, make_petition, club, relay_outbox, administrator, client_for, long_named_owner
):
    from approvals.letters.services import letter_request

    # a letter that follows no decision, from a template that fails on long names
    content = docx_with("Pièces : {{ requested_items|join(', ') }}", THREE_LOOPS)
    LetterTemplate.objects.create(
        kind="information_requested", language="fr", version=2, content=content, sha256=LetterTemplate.digest(content)
    )
    petition = make_petition(owner=long_named_owner, club=club)
    from django.db import transaction

    with transaction.atomic():
        letter_request(dossier=petition, kind="information_requested", extra_context={"requested_items": ["Statuts"]})
    relay_outbox()
    letter = Letter.objects.get(kind="information_requested")
    assert letter.render_status == Letter.RenderStatus.FAILED
    # the administrator sees it in the admin, fixes the template, and retries from the list
    admin = client_for(administrator)
    listing = admin.get("/admin/approvals/letter/?render_status__exact=failed").content.decode()
    assert letter.reference in listing
    fixed = docx_with("Pièces : {{ requested_items|join(', ') }} pour {{ recipient_name }}")
    LetterTemplate.objects.create(
        kind="information_requested", language="fr", version=3, content=fixed, sha256=LetterTemplate.digest(fixed)
    )
    response = admin.post(
        "/admin/approvals/letter/", {"action": "retry_render", "_selected_action": [letter.pk], "index": 0}
    )
    assert response.status_code == 302
    relay_outbox()
    letter.refresh_from_db()
    assert letter.render_status == Letter.RenderStatus.DONE
    assert "Pièces : Statuts pour Association" in docx_text(letter.file.read())


LIMITS_ONLY = {name: payload for name, payload in PAYLOADS.items() if name not in ("a loop over a range", "an unlisted str method")}


@pytest.mark.parametrize("payload", LIMITS_ONLY.values(), ids=LIMITS_ONLY.keys())
def test_an_old_template_over_the_limits_fails_its_render_with_a_reason(payload, db):
    # each payload rendered directly, as a real render runs an old template, on long real data
    # (the two left out are not limits: an unknown name and a refused attribute, RenderFailed)
    context = {**sample_context("membership_approved"), "recipient_name": "R" * MAX_NAME, "conditions": "C" * 4_000}
    with pytest.raises(RenderLimitExceeded):
        render(docx_with(payload), context)


def test_failed_minutes_are_shown_to_the_chair_and_asked_again(copil, client_for, relay_outbox):
    from django.test import override_settings

    from approvals.models import Meeting

    from .test_meetings import create_meeting

    chair = client_for(copil.chair)
    create_meeting(chair, copil)
    meeting = Meeting.objects.get()
    # the first render is stopped by its time limit
    with override_settings(RELAIS_LETTER_RENDER_SECONDS=0.001):
        chair.post(f"/reunions/{meeting.pk}/proces-verbal/", {"language": "fr"})
        relay_outbox()
    minutes = Letter.objects.get(meeting=meeting)
    assert minutes.render_status == Letter.RenderStatus.FAILED and not minutes.file
    page = chair.get(meeting.get_absolute_url()).content.decode()
    assert "La dernière production du procès-verbal a échoué" in page and "secondes" in page
    assert f"/lettres/{minutes.pk}/docx/" not in page
    # the chair asks again, twice (the failed state is never taken for "already on its way")
    chair.post(f"/reunions/{meeting.pk}/proces-verbal/", {"language": "fr"})
    relay_outbox()
    minutes.refresh_from_db()
    assert minutes.render_status == Letter.RenderStatus.DONE and minutes.revision == 1
    page = chair.get(meeting.get_absolute_url()).content.decode()
    assert f"/lettres/{minutes.pk}/docx/" in page and "a échoué" not in page
    chair.post(f"/reunions/{meeting.pk}/proces-verbal/", {"language": "fr"})
    relay_outbox()
    minutes.refresh_from_db()
    assert minutes.revision == 2


def _render_from_a_thread(results):
    results.append(render(docx_with("{{ recipient_name }}"), sample_context("membership_approved")))


def test_the_helper_started_by_a_thread_that_ended_is_replaced(db):
    import threading

    # a thread (of a pool, say) starts the helper, then ends: the helper dies with it
    confined.stop()
    results = []
    thread = threading.Thread(target=_render_from_a_thread, args=(results,))
    thread.start()
    thread.join()
    # the next render, from another thread, still gets its letter
    assert "Jeanne Mballa" in docx_text(results[0])
    assert "Jeanne Mballa" in docx_text(render(docx_with("{{ recipient_name }}"), sample_context("membership_approved")))


def test_a_long_list_through_a_macro_renders(db):
    # the limits are on what the data can blow up to, not on what a letter legitimately lists
    template = docx_with(
        "{% macro line(reason) %}— {{ reason }}; {% endmacro %}"
        "{% for reason in reasons %}{{ line(reason) }}{% endfor %}"
    )
    check_template(template, "membership_rejected")
    context = {**sample_context("membership_rejected"), "reasons": [f"Motif {i} " + "x" * 500 for i in range(200)]}
    text = docx_text(render(template, context))
    assert "Motif 0 " in text and "Motif 199 " in text
