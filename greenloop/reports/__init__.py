"""Documents every domain generates: one block model rendered to DOCX and PDF.

    doc = Document(title="…")
    doc.heading(1, "…")      # numbered 一、（一）1.（1） as GB/T 9704-2012 prescribes
    doc.paragraph("…")
    doc.table(["列"], [["值"]], caption="…")
    doc.figure(charts.bar(...), caption="…")
    render_docx(doc), render_pdf(doc)   # bytes

The DOCX follows the official-document layout (GB/T 9704-2012); the PDF embeds the
open-licensed CJK font that ships in ``reports/fonts`` so Chinese shows on any machine.
"""

from greenloop.reports.document import Document
from greenloop.reports.docx_render import render_docx
from greenloop.reports.pdf_render import render_pdf

__all__ = ["Document", "render_docx", "render_pdf"]
