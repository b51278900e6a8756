"""A PDF must parse as a PDF (pypdf, under tight limits of its own) and carry
no web page before its start or after its end."""

import io

from django.utils.translation import gettext as _
from pypdf import PdfReader, apply_configuration
from pypdf.errors import PyPdfError

from .filetypes import has_active_content
from .limits import MAX_PDF_PAGES
from .refusing import Refusal


def check_pdf(data: bytes) -> None:
    broken = _("Le fichier « %(name)s » commence comme un PDF mais ne se lit pas comme un PDF. Ré-exportez-le en PDF "
               "depuis votre logiciel, puis déposez-le à nouveau.")
    # A file that is a PDF, then a web page after its end.
    end = data.rfind(b"%%EOF")
    if end < 0 or has_active_content(data[:1024]) or has_active_content(data[end:]):
        raise Refusal(broken, "bad_pdf")
    limits = dict(
        maximum_declared_stream_length=20_000_000,
        zlib_maximum_output_length=20_000_000,
        lzw_maximum_output_length=20_000_000,
        run_length_maximum_output_length=20_000_000,
        array_based_stream_maximum_output_length=20_000_000,
        jbig2_maximum_output_length=20_000_000,
        brotli_maximum_output_length=20_000_000,
        stream_decoding_work_maximum_length=50_000_000,
        page_tree_maximum_entries=MAX_PDF_PAGES * 2,
        page_tree_maximum_page_entries=MAX_PDF_PAGES * 20,
        page_tree_maximum_depth=50,
        jbig2dec_binary=None,  # never an outside program for an upload
    )
    try:
        with apply_configuration(**limits):
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise Refusal(_("Le fichier « %(name)s » est protégé par un mot de passe : enlevez la protection "
                                 "puis déposez-le à nouveau."), "encrypted")
            pages = len(reader.pages)
    except Refusal:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError, OSError,
            AssertionError, LookupError, ArithmeticError):
        raise Refusal(broken, "bad_pdf") from None
    except Exception:  # pypdf on a hostile file raises what it raises; none of it is a server error
        raise Refusal(broken, "bad_pdf") from None
    if not 1 <= pages <= MAX_PDF_PAGES:
        raise Refusal(broken, "bad_pdf")
