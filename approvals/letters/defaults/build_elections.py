"""The default election procès-verbal (election_minutes), built by build.py."""

from docx.shared import Pt

try:
    from .build import BRAND, _document, _paragraph
    from .texts_elections import ELECTION_MINUTES
except ImportError:  # run as a script: python approvals/letters/defaults/build.py
    from build import BRAND, _document, _paragraph
    from texts_elections import ELECTION_MINUTES


def build_election_minutes(language: str):
    words = ELECTION_MINUTES[language]
    document = _document(language)
    title = document.add_paragraph()
    run = title.add_run(words["title"])
    run.bold, run.font.size, run.font.color.rgb = True, Pt(16), BRAND
    _paragraph(document, "b", "{{ election_title }}")
    document.add_paragraph(words["body"])
    document.add_paragraph(words["reference"])
    _paragraph(document, "h", words["rules"])
    document.add_paragraph(words["seats"])
    _paragraph(document, "tag", "{%p for rule in rules %}")
    _paragraph(document, "bullet", "{{ rule }}")
    _paragraph(document, "tag", "{%p endfor %}")
    document.add_paragraph(words["secret"])
    document.add_paragraph(words["count"])
    _paragraph(document, "h", words["results"])
    _paragraph(document, "tag", "{%p for r in results %}")
    _paragraph(document, "bullet", words["result"])
    _paragraph(document, "tag", "{%p endfor %}")
    _paragraph(document, "h", words["elected"])
    _paragraph(document, "tag", "{%p for name in elected %}")
    _paragraph(document, "bullet", "{{ name }}")
    _paragraph(document, "tag", "{%p else %}")
    document.add_paragraph(words["none"])
    _paragraph(document, "tag", "{%p endfor %}")
    _paragraph(document, "tag", "{%p if ties %}")
    document.add_paragraph(words["ties"])
    _paragraph(document, "tag", "{%p endif %}")
    document.add_paragraph()
    document.add_paragraph(words["done"])
    _paragraph(document, "b", words["signed"])
    return document
