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
#: Longest side of an uploaded photo (pixels), read from the file's header before anything is decoded: a
#: 24-megapixel camera's 6,000 × 4,000 passes. A small file can claim a huge image (a 154 KB PNG of one colour
#: is 6,300 × 6,300 px, 160 MB once decoded as RGBA): it is refused unread.
PHOTO_MAX_SIDE_IN = 6000
#: Pixels of an uploaded image that is decoded whole (a PNG: Pillow cannot decode it reduced): 4 bytes a pixel
#: once decoded (RGBA), and as much again while Pillow shrinks an image with transparency (it premultiplies the
#: alpha into a copy), so 8 megapixels (3,264 × 2,448) need about 75 MB. A JPEG is decoded at 1/2, 1/4 or 1/8 of
#: its size (`Image.draft`, done by `thumbnail`), so its bound is the sides only (6,000 × 6,000: about 50 MB);
#: except a progressive JPEG, whose every coefficient libjpeg keeps at full size (2 bytes a pixel and colour
#: channel: 6,000 × 6,000 in CMYK is 290 MB) whatever the reduction, so it has the PNG's bound (about 65 MB).
PHOTO_MAX_PIXELS = 8_000_000
ACCEPTED_FORMATS = ("JPEG", "PNG")


@dataclass(frozen=True)
class Photo:
    """A re-encoded photo: JPEG bytes and its size in pixels."""

    content: bytes
    width: int
    height: int


def _check_size(image: Image.Image) -> None:
    """Refuse, from the header alone, an image too large to decode within the memory bound (see the constants)."""
    width, height = image.size
    if width < 1 or height < 1 or max(width, height) > PHOTO_MAX_SIDE_IN:
        raise RuleViolation(N_("Ảnh quá lớn: %(width)s × %(height)s điểm ảnh (tối đa %(side)s điểm ảnh mỗi cạnh)."),
                            width=width, height=height, side=PHOTO_MAX_SIDE_IN)
    if image.format == "JPEG" and image.info.get("progressive") and width * height > PHOTO_MAX_PIXELS:
        raise RuleViolation(N_("Ảnh JPEG dạng lũy tiến (progressive) quá lớn: %(width)s × %(height)s điểm ảnh (tối "
                               "đa %(mp)s triệu điểm ảnh); hãy thu nhỏ ảnh hoặc lưu lại ở dạng JPEG thường."),
                            width=width, height=height, mp=PHOTO_MAX_PIXELS // 1_000_000)
    if image.format != "JPEG" and width * height > PHOTO_MAX_PIXELS:
        raise RuleViolation(N_("Ảnh PNG quá lớn: %(width)s × %(height)s điểm ảnh (tối đa %(mp)s triệu điểm ảnh); "
                               "hãy lưu ảnh dưới dạng JPEG hoặc thu nhỏ ảnh."),
                            width=width, height=height, mp=PHOTO_MAX_PIXELS // 1_000_000)


def reencode_photo(data: bytes) -> Photo:
    """Check an uploaded photo and re-encode it as a JPEG of at most PHOTO_MAX_SIDE pixels a side.

    Memory: the header is read first (`Image.open` decodes nothing) and the size checked (`_check_size`); the
    image is then shrunk before anything else touches it (`thumbnail`: a JPEG decoded reduced by libjpeg, a PNG
    decoded once and reduced), so the turn by its EXIF orientation and the white background under transparency
    work on the small image. A photo needs at most about 100 MB (`bench/bench_upload.py` prints the peak).

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
                _check_size(image)
                image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))  # decodes (reduced, for a JPEG) and shrinks
                image = ImageOps.exif_transpose(image)
                if image.mode not in ("RGB", "L"):
                    background = Image.new("RGB", image.size, "white")
                    rgba = image.convert("RGBA")
                    background.paste(rgba, mask=rgba.getchannel("A"))
                    image = background
                out = io.BytesIO()
                image.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
                return Photo(out.getvalue(), image.width, image.height)
    except RuleViolation:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise RuleViolation(N_("Ảnh phải là tệp JPEG hoặc PNG.")) from None
    except (OSError, ValueError, SyntaxError, MemoryError):
        raise RuleViolation(N_("Không đọc được tệp ảnh (tệp hỏng?).")) from None
