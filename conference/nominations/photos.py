"""The exemplar's photo: JPEG or PNG in, a re-encoded JPEG out (no metadata, no hidden payload).

Re-encoding with Pillow drops EXIF (GPS position, camera serial) and anything appended to the file, and
bounds the stored size. Stored in the database (DESIGN.md "Past one machine": photos in the database or one
configured storage path), so several app processes agree.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from conference.core.errors import N_, RuleViolation

#: Largest upload accepted (bytes).
PHOTO_MAX_BYTES = 2 * 1024 * 1024
#: Longest side of the stored photo (pixels): enough for a badge or a printed citation.
PHOTO_MAX_SIDE = 800
#: Refuse images whose pixel count could exhaust memory when decoded (a "decompression bomb").
PHOTO_MAX_PIXELS = 40_000_000
ACCEPTED_FORMATS = ("JPEG", "PNG")


@dataclass(frozen=True)
class Photo:
    """A re-encoded photo: JPEG bytes and its size in pixels."""

    content: bytes
    width: int
    height: int


def reencode_photo(data: bytes) -> Photo:
    """Check an uploaded photo and re-encode it as a JPEG of at most PHOTO_MAX_SIDE pixels a side.

    Args:
        data: the uploaded file's bytes.

    Raises:
        RuleViolation: empty, larger than PHOTO_MAX_BYTES, not a JPEG or PNG (whatever its name says),
            too many pixels, or unreadable.
    """
    if not data:
        raise RuleViolation(N_("Tệp ảnh trống."))
    if len(data) > PHOTO_MAX_BYTES:
        raise RuleViolation(N_("Ảnh quá lớn (tối đa %(mb)s MB)."), mb=PHOTO_MAX_BYTES // (1024 * 1024))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in ACCEPTED_FORMATS:
                    raise RuleViolation(N_("Ảnh phải là tệp JPEG hoặc PNG."))
                if image.width * image.height > PHOTO_MAX_PIXELS:
                    raise RuleViolation(N_("Ảnh có quá nhiều điểm ảnh."))
                image.load()
                image = ImageOps.exif_transpose(image)
                if image.mode not in ("RGB", "L"):
                    background = Image.new("RGB", image.size, "white")
                    rgba = image.convert("RGBA")
                    background.paste(rgba, mask=rgba.getchannel("A"))
                    image = background
                image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
                out = io.BytesIO()
                image.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
                return Photo(out.getvalue(), image.width, image.height)
    except RuleViolation:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise RuleViolation(N_("Ảnh phải là tệp JPEG hoặc PNG.")) from None
    except (OSError, ValueError, SyntaxError):
        raise RuleViolation(N_("Không đọc được tệp ảnh (tệp hỏng?).")) from None
