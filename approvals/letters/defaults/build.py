"""Build the default letter templates shipped with Relais.

    .venv/bin/python approvals/letters/defaults/build.py

writes `<kind>.<language>.docx` next to this file, one per letter kind and
language. They are docxtpl templates: Jinja in Word paragraphs, reading only
the variables of their kind (approvals/letters/kinds.py). The letterhead
(name, logo, address, signatory) comes from the context, so another network
changes its settings, not these files. Commit the .docx files with this
script; migration 0004 loads them as version 1 of each template, and
`manage.py load_letter_templates --update` adds a new version when they change.
"""

import sys
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
BRAND = RGBColor(0x0B, 0x5C, 0x55)

try:
    from . import texts, texts_es_pt
    from .build_report import build_report
except ImportError:  # run as a script: python approvals/letters/defaults/build.py
    import texts
    import texts_es_pt
    from build_report import build_report

COMMON = {**texts.COMMON, **texts_es_pt.COMMON}
MINUTES = {**texts.MINUTES, **texts_es_pt.MINUTES}
LETTERS = {kind: {**by_language, **texts_es_pt.LETTERS.get(kind, {})} for kind, by_language in texts.LETTERS.items()}


def _document(language: str):
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    props = document.core_properties
    props.author = "Relais"
    props.title = "{{ letter_reference }}"
    props.subject = "{{ dossier_reference }}"
    props.comments = ""
    props.language = language
    props.created = props.modified = datetime(2026, 1, 1)
    props.revision = 1

    header = section.header
    header.paragraphs[0].text = "{%p if network.logo %}"
    header.add_paragraph("{{ network.logo }}")
    header.add_paragraph("{%p endif %}")
    name = header.add_paragraph()
    run = name.add_run("{{ network.name }}")
    run.bold, run.font.size, run.font.color.rgb = True, Pt(16), BRAND
    header.add_paragraph("{{ network.long_name }}").runs[0].font.size = Pt(9)
    header.add_paragraph("{{ network.address }} · {{ network.email }}").runs[0].font.size = Pt(9)

    footer = section.footer
    footer.paragraphs[0].text = COMMON[language]["footer"]
    footer.paragraphs[0].runs[0].font.size = Pt(8)
    return document


def _paragraph(document, kind: str, text: str):
    if kind == "tag":
        return document.add_paragraph(text)
    if kind == "bullet":
        return document.add_paragraph(f"• {text}")
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    if kind in {"b", "h"}:
        run.bold = True
    if kind == "h":
        run.font.size = Pt(12)
        run.font.color.rgb = BRAND
    return paragraph


def build_letter(kind: str, language: str, spec: dict):
    words = COMMON[language]
    document = _document(language)
    date = document.add_paragraph(words["date"])
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if spec.get("confidential"):
        _paragraph(document, "b", spec["confidential"].upper())
    document.add_paragraph(words["reference"])
    if spec.get("decision", True):
        document.add_paragraph(words["decision"])
    document.add_paragraph(words["dossier"])
    document.add_paragraph()
    _paragraph(document, "b", words["to"])
    if spec.get("to_extra"):
        document.add_paragraph(spec["to_extra"])
    document.add_paragraph()
    _paragraph(document, "b", words["subject"] + spec["subject"])
    document.add_paragraph(words["salutation"])
    for item_kind, text in spec["body"]:
        _paragraph(document, item_kind, text)
    if spec.get("decision", True):
        _paragraph(document, "tag", "{%p if amount %}")
        _paragraph(document, "b", words["amount"])
        _paragraph(document, "tag", "{%p endif %}")
        _paragraph(document, "tag", "{%p if conditions %}")
        document.add_paragraph(words["conditions"])
        _paragraph(document, "tag", "{%p endif %}")
    document.add_paragraph(words["closing"])
    document.add_paragraph()
    _paragraph(document, "b", "{{ network.signatory }}")
    document.add_paragraph("{{ network.signatory_title }}")
    return document


def build_minutes(language: str):
    words = MINUTES[language]
    document = _document(language)
    title = document.add_paragraph()
    run = title.add_run(words["title"])
    run.bold, run.font.size, run.font.color.rgb = True, Pt(16), BRAND
    _paragraph(document, "b", "{{ meeting_title }}")
    document.add_paragraph(words["meeting"])
    document.add_paragraph(words["reference"])
    _paragraph(document, "h", words["present"])
    _paragraph(document, "tag", "{%p for name in attendees %}")
    _paragraph(document, "bullet", "{{ name }}")
    _paragraph(document, "tag", "{%p endfor %}")
    document.add_paragraph(words["absent"])
    _paragraph(document, "tag", "{%p if agenda %}")
    _paragraph(document, "h", words["agenda"])
    _paragraph(document, "tag", "{%p for item in agenda %}")
    _paragraph(document, "bullet", "{{ item }}")
    _paragraph(document, "tag", "{%p endfor %}")
    _paragraph(document, "tag", "{%p endif %}")
    _paragraph(document, "h", words["decisions"])
    _paragraph(document, "tag", "{%p for d in decisions %}")
    _paragraph(document, "bullet", words["decision"])
    _paragraph(document, "tag", "{%p else %}")
    document.add_paragraph(words["no_decision"])
    _paragraph(document, "tag", "{%p endfor %}")
    _paragraph(document, "tag", "{%p if notes %}")
    _paragraph(document, "h", words["notes"])
    document.add_paragraph("{{ notes }}")
    _paragraph(document, "tag", "{%p endif %}")
    document.add_paragraph()
    document.add_paragraph(words["done"])
    _paragraph(document, "b", words["signed"])
    return document


def build(directory: Path = HERE) -> list[Path]:
    try:
        from .build_elections import build_election_minutes
    except ImportError:  # run as a script
        from build_elections import build_election_minutes

    written = []
    for language in COMMON:
        for kind, spec in LETTERS.items():
            path = directory / f"{kind}.{language}.docx"
            build_letter(kind, language, spec[language]).save(path)
            written.append(path)
        path = directory / f"meeting_minutes.{language}.docx"
        build_minutes(language).save(path)
        written.append(path)
        path = directory / f"annual_report.{language}.docx"
        build_report(language).save(path)
        written.append(path)
        path = directory / f"election_minutes.{language}.docx"
        build_election_minutes(language).save(path)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(path.name)
