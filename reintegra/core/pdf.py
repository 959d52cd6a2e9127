"""PDF documents with an embedded Unicode font (DejaVu Sans, shipped in core/fonts/).

The font travels with the code, so umlauts render whatever fonts the machine has.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

from fpdf import FPDF

from reintegra.core.formatting import format_date, format_money

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"


def pdf_date(day: date | None) -> str:
    """3.11.2026 (3 Nov 2026 in English), or – when there is no date: `core.formatting.format_date`."""
    return format_date(day)


def pdf_money(amount: Decimal | None, currency: str) -> str:
    """CHF 1'200.00 / EUR 1.200,00, or – when there is no amount: `core.formatting.format_money`,
    the same function the pages use."""
    return format_money(amount, currency)


class Document(FPDF):
    """An A4 document with a title line, page numbers and the Unicode font registered."""

    def __init__(self, *, title: str, subtitle: str = "") -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.doc_title = title
        self.doc_subtitle = subtitle
        self.set_title(title)
        self.set_creator("Reintegra")
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 18, 18)
        self.add_page()
        self.set_font(FONT, "B", 16)
        self.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
        if subtitle:
            self.set_font(FONT, "", 10)
            self.multi_cell(0, 6, subtitle, new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.cell(0, 6, f"{self.doc_title} · {self.page_no()}/{{nb}}", align="C")

    def heading(self, text: str) -> None:
        self.ln(2)
        self.set_font(FONT, "B", 12)
        self.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")

    def subheading(self, text: str) -> None:
        """A bold line under a heading, e.g. one goal of a plan."""
        self.set_font(FONT, "B", 11)
        self.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")

    def keep_together(self, height: float) -> None:
        """Start a new page unless `height` mm still fit (e.g. a closing sentence with signature lines)."""
        if self.get_y() > self.h - height:
            self.add_page()

    def paragraph(self, text: str, *, size: int = 10) -> None:
        self.set_font(FONT, "", size)
        self.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def field(self, label: str, value: str) -> None:
        self.set_font(FONT, "B", 10)
        self.cell(50, 5, label)
        self.set_font(FONT, "", 10)
        self.multi_cell(0, 5, value or "–", new_x="LMARGIN", new_y="NEXT")

    def table(  # type: ignore[override]  # a simpler table than FPDF's context manager
        self, headers: list[str], rows: list[list[str]], widths: list[float] | None = None
    ) -> None:
        self.set_font(FONT, "", 9)
        with super().table(col_widths=widths, text_align="LEFT", line_height=5) as table:
            header = table.row()
            for text in headers:
                header.cell(text)
            for values in rows:
                row = table.row()
                for text in values:
                    row.cell(text)

    def signature_lines(self, labels: list[str]) -> None:
        self.ln(12)
        self.set_font(FONT, "", 9)
        width = (self.w - self.l_margin - self.r_margin) / max(len(labels), 1)
        y = self.get_y()
        for index, label in enumerate(labels):
            x = self.l_margin + index * width
            self.line(x + 2, y, x + width - 6, y)
            self.set_xy(x + 2, y + 1)
            self.cell(width - 8, 5, label)
        self.ln(8)

    def render(self) -> bytes:
        return bytes(self.output())
