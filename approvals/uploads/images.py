"""An image must decode under a pixel cap, and is re-encoded: what is stored
is the decoded picture, so a polyglot's hidden payload, comments and metadata
(GPS position of a photo) are dropped."""

import io

from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from .filetypes import JPEG, PNG, WEBP, FileType
from .limits import max_pixels
from .refusing import Refusal

_PILLOW_FORMAT = {PNG: "PNG", JPEG: "JPEG", WEBP: "WEBP"}


def reencode_image(data: bytes, kind: FileType) -> bytes:
    broken = _("L'image « %(name)s » ne se lit pas comme une image %(format)s. Enregistrez-la à nouveau (ou faites une "
               "capture d'écran), puis déposez-la.")
    cap = max_pixels()
    fmt = _PILLOW_FORMAT[kind]
    try:
        with Image.open(io.BytesIO(data), formats=[fmt]) as image:
            width, height = image.size
            if width <= 0 or height <= 0 or width * height > cap:
                raise Refusal(
                    _("L'image « %(name)s » est trop grande (%(width)s × %(height)s pixels ; %(max)s millions de pixels "
                      "au plus). Réduisez sa résolution, puis déposez-la à nouveau."),
                    "too_many_pixels", width=width, height=height, max=cap // 1_000_000,
                )
            image.load()
            icc = image.info.get("icc_profile")
            picture = ImageOps.exif_transpose(image)
            out = io.BytesIO()
            if kind is JPEG:
                if picture.mode not in ("RGB", "L"):
                    picture = picture.convert("RGB")
                picture.save(out, "JPEG", quality=90, icc_profile=icc if icc and len(icc) < 1_000_000 else None)
            elif kind is PNG:
                if picture.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"):
                    picture = picture.convert("RGBA")
                picture.save(out, "PNG")
            else:
                if picture.mode not in ("RGB", "RGBA"):
                    picture = picture.convert("RGBA")
                picture.save(out, "WEBP", quality=90)
            return out.getvalue()
    except Refusal:
        raise
    except Image.DecompressionBombError:
        raise Refusal(
            _("L'image « %(name)s » est trop grande (%(max)s millions de pixels au plus). Réduisez sa résolution, "
              "puis déposez-la à nouveau."),
            "too_many_pixels", max=cap // 1_000_000,
        ) from None
    except Exception:  # Pillow raises OSError, SyntaxError, ValueError… on a broken or hostile file
        raise Refusal(broken, "bad_image", format=kind.label) from None
