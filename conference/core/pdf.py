"""PDF documents set in the official font (ReportLab; no Flask).

Times New Roman is the font of Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục
I.3); Liberation Serif, vendored in static/vendor/liberation-fonts with its licence, has the same widths and
every Vietnamese letter, so a PDF set in it prints the same on any machine, Windows included.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from conference.core.textfit import FONT_DIR

__all__ = ["FONTS", "Fonts", "mm", "register_fonts"]


@dataclass(frozen=True)
class Fonts:
    """The ReportLab names of the official font's faces, for `canvas.setFont` and paragraph styles."""

    regular: str = "LiberationSerif"
    bold: str = "LiberationSerif-Bold"
    italic: str = "LiberationSerif-Italic"


FONTS = Fonts()


def register_fonts() -> Fonts:
    """Register the vendored faces with ReportLab (once per process; later calls only return the names).

    Returns the `Fonts` names. Raises `OSError` when the font files are missing from static/vendor.
    """
    if FONTS.regular in pdfmetrics.getRegisteredFontNames():
        return FONTS
    # The regular face last: once it is registered, every face is.
    for name, file in ((FONTS.bold, "LiberationSerif-Bold.ttf"), (FONTS.italic, "LiberationSerif-Italic.ttf"),
                       (FONTS.regular, "LiberationSerif-Regular.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
    pdfmetrics.registerFontFamily(FONTS.regular, normal=FONTS.regular, bold=FONTS.bold, italic=FONTS.italic,
                                  boldItalic=FONTS.bold)
    return FONTS
