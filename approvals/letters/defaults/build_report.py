"""The default annual report templates (`annual_report.<language>.docx`),
built by build.py with the letters. A docxtpl template like a letter's,
reading only the variables of the "annual_report" kind (kinds.py): the
period, a few facts, and each figure as a title, a description, its chart
(an image) and its table, whose columns repeat with `{%tc %}` and rows with
`{%tr %}`. Real Word heading styles, so the PDF has an outline and a
reader can jump from figure to figure.
"""

from datetime import datetime

from docx import Document
from docx.shared import Cm, Pt, RGBColor

BRAND = RGBColor(0x0B, 0x5C, 0x55)

WORDS = {
    "fr": {
        "period": "Période : du {{ period_start }} au {{ period_end }}",
        "made": "Établi le {{ today }} à partir des données de Relais.",
        "facts": "L'année en bref",
        "privacy": "Protection des personnes : un effectif de moins de {{ small_cell }} personnes à risque est "
        "masqué et noté « <{{ small_cell }} » ; le nombre n'apparaît nulle part dans ce rapport.",
        "figures": "Les chiffres de l'année",
        "no_figures": "Aucun chiffre pour cette période.",
        "footer": "{{ network.name }} · {{ report_title }}",
    },
    "en": {
        "period": "Period: {{ period_start }} to {{ period_end }}",
        "made": "Drawn up on {{ today }} from the data in Relais.",
        "facts": "The year at a glance",
        "privacy": "Protecting people: a count of fewer than {{ small_cell }} people at risk is hidden and shown "
        "as “<{{ small_cell }}”; the number appears nowhere in this report.",
        "figures": "The year's figures",
        "no_figures": "No figures for this period.",
        "footer": "{{ network.name }} · {{ report_title }}",
    },
    "es": {
        "period": "Período: del {{ period_start }} al {{ period_end }}",
        "made": "Elaborado el {{ today }} a partir de los datos de Relais.",
        "facts": "El año en resumen",
        "privacy": "Protección de las personas: un número inferior a {{ small_cell }} personas en riesgo se oculta "
        "y se indica «<{{ small_cell }}»; la cifra no aparece en ninguna parte de este informe.",
        "figures": "Las cifras del año",
        "no_figures": "No hay cifras para este período.",
        "footer": "{{ network.name }} · {{ report_title }}",
    },
    "pt": {
        "period": "Período: de {{ period_start }} a {{ period_end }}",
        "made": "Elaborado em {{ today }} a partir dos dados do Relais.",
        "facts": "O ano em resumo",
        "privacy": "Proteção das pessoas: um número inferior a {{ small_cell }} pessoas em risco é ocultado e "
        "indicado «<{{ small_cell }}»; o número não aparece em nenhuma parte deste relatório.",
        "figures": "Os números do ano",
        "no_figures": "Não há números para este período.",
        "footer": "{{ network.name }} · {{ report_title }}",
    },
}


def _tag(document, text: str):
    return document.add_paragraph(text)


def _coloured(style, size: int):
    style.font.name = "Arial"
    style.font.size = Pt(size)
    style.font.color.rgb = BRAND


def build_report(language: str):
    words = WORDS[language]
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(10)
    _coloured(document.styles["Title"], 24)
    _coloured(document.styles["Heading 1"], 16)
    _coloured(document.styles["Heading 2"], 13)
    props = document.core_properties
    props.author = "Relais"
    props.title = "{{ report_title }}"
    props.subject = "{{ network.name }}"
    props.comments = ""
    props.language = language
    props.created = props.modified = datetime(2026, 1, 1)
    props.revision = 1

    header = section.header
    header.paragraphs[0].text = "{%p if network.logo %}"
    header.add_paragraph("{{ network.logo }}")
    header.add_paragraph("{%p endif %}")
    header.add_paragraph("{{ network.name }} — {{ network.long_name }}").runs[0].font.size = Pt(9)
    section.footer.paragraphs[0].text = words["footer"]
    section.footer.paragraphs[0].runs[0].font.size = Pt(8)

    document.add_paragraph("{{ report_title }}", style="Title")
    document.add_paragraph("{{ network.long_name }}")
    document.add_paragraph(words["period"])
    document.add_paragraph(words["made"])

    _tag(document, "{%p if facts %}")
    document.add_paragraph(words["facts"], style="Heading 1")
    _tag(document, "{%p for fact in facts %}")
    document.add_paragraph("{{ fact.label }} : {{ fact.value }}" if language == "fr" else "{{ fact.label }}: {{ fact.value }}",
                           style="List Bullet")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p endif %}")
    document.add_paragraph(words["privacy"])

    document.add_paragraph(words["figures"], style="Heading 1")
    _tag(document, "{%p for table in tables %}")
    document.add_paragraph("{{ table.title }}", style="Heading 2")
    _tag(document, "{%p if table.description %}")
    document.add_paragraph("{{ table.description }}")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p if table.chart %}")
    document.add_paragraph("{{ table.chart }}")
    _tag(document, "{%p endif %}")
    grid = document.add_table(rows=4, cols=4)
    grid.style = document.styles["Table Grid"]
    head = grid.rows[0].cells
    head[0].text, head[1].text, head[2].text, head[3].text = (
        "{{ table.label_header }}",
        "{%tc for column in table.columns %}",
        "{{ column }}",
        "{%tc endfor %}",
    )
    for cell in head:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    grid.rows[1].cells[0].text = "{%tr for row in table.rows %}"
    body = grid.rows[2].cells
    body[0].text, body[1].text, body[2].text, body[3].text = (
        "{{ row.label }}",
        "{%tc for value in row.cells %}",
        "{{ value }}",
        "{%tc endfor %}",
    )
    grid.rows[3].cells[0].text = "{%tr endfor %}"
    _tag(document, "{%p for note in table.notes %}")
    document.add_paragraph("{{ note }}").runs[0].italic = True
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p else %}")
    document.add_paragraph(words["no_figures"])
    _tag(document, "{%p endfor %}")
    return document
