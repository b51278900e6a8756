from io import BytesIO

import docx


def docx_with(*paragraphs: str) -> bytes:
    """A .docx whose paragraphs are the given texts (Jinja included)."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    output = BytesIO()
    document.save(output)
    return output.getvalue()


def docx_text(content: bytes) -> str:
    document = docx.Document(BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)
