"""An fpdf2 document with the shipped CJK font, for any PDF greenloop generates.

``new_pdf()`` registers the font as family ``"cjk"`` (regular and bold) and falls back to
the regular face for a bold character the bold subset lacks. Certificates and statements
with their own layout draw on it directly; ``render_pdf`` builds documents on it.
"""

from __future__ import annotations

from fpdf import FPDF

from greenloop.reports import fonts

FAMILY = "cjk"


def new_pdf(orientation: str = "portrait", unit: str = "mm", format: str = "A4") -> FPDF:
    pdf = FPDF(orientation=orientation, unit=unit, format=format)
    register_fonts(pdf)
    return pdf


def register_fonts(pdf: FPDF) -> None:
    pdf.add_font(FAMILY, "", str(fonts.REGULAR))
    pdf.add_font(FAMILY, "B", str(fonts.BOLD))
    pdf.set_fallback_fonts([FAMILY], exact_match=False)
    pdf.set_font(FAMILY, size=12)
    pdf.set_creator("greenloop")
