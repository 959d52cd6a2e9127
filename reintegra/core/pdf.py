"""PDF documents with an embedded Unicode font (DejaVu Sans, shipped in core/fonts/).

The font travels with the code, so umlauts render whatever fonts the machine has.

- `Document`: a titled A4 document (plans, exports, the playbook).
- `Letter`: a document addressed to someone: the organisation's letterhead (name, postal address,
  logo), the recipient's address block, place and date, and a subject line. Every letter the
  product writes (document templates, the screening invitation, the referral letter) is one.

Text wraps by words; long words are hyphenated in the active language (pyphen soft hyphens,
which fpdf2 breaks at and otherwise does not print), in paragraphs and in table cells alike.
"""

import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pyphen
from django.utils import translation
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


SOFT_HYPHEN = "\u00ad"
# Dictionaries by language (pyphen's names); words shorter than this are never hyphenated.
HYPHENATION = {"de": "de_CH", "fr": "fr", "it": "it_IT", "en": "en_GB"}
MIN_HYPHENATED = 8
WORD_RE = re.compile(rf"[^\W\d_]{{{MIN_HYPHENATED},}}")


@cache
def _hyphenator(language: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=HYPHENATION.get(language, "de_CH"))


def hyphenate(text: str, language: str | None = None) -> str:
    """`text` with soft hyphens in its long words (the active language's rules): the PDF breaks a
    word only there ("Arbeitsplatz-beratung", never "Arbeitsplatzbe ratung")."""
    if not text:
        return text
    lang = (language or translation.get_language() or "de").split("-")[0].lower()
    hyphenator = _hyphenator(lang)
    return WORD_RE.sub(lambda match: hyphenator.inserted(match.group(0), hyphen=SOFT_HYPHEN), text)


@dataclass(frozen=True)
class Letterhead:
    """Who writes: the organisation's name, postal address (lines), place and logo (PNG/JPEG bytes)."""

    name: str
    address: str = ""
    place: str = ""
    logo: bytes | None = None

    @classmethod
    def of(cls, organisation: Any) -> "Letterhead":
        logo = organisation.logo
        return cls(
            name=organisation.name,
            address=organisation.postal_address or "",
            place=organisation.place or "",
            logo=bytes(logo) if logo else None,
        )


class Document(FPDF):
    """An A4 document with a title line, page numbers and the Unicode font registered."""

    def __init__(self, *, title: str, subtitle: str = "") -> None:
        self._setup(title)
        self.doc_subtitle = subtitle
        self.set_font(FONT, "B", 16)
        self.multi_cell(0, 8, hyphenate(title), new_x="LMARGIN", new_y="NEXT")
        if subtitle:
            self.set_font(FONT, "", 10)
            self.multi_cell(0, 6, subtitle, new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def _setup(self, title: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.doc_title = title
        self.set_title(title)
        self.set_creator("Reintegra")
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 18, 18)
        self.add_page()

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.cell(0, 6, f"{self.doc_title} · {self.page_no()}/{{nb}}", align="C")

    def heading(self, text: str) -> None:
        self.ln(2)
        self.set_font(FONT, "B", 12)
        self.multi_cell(0, 7, hyphenate(text), new_x="LMARGIN", new_y="NEXT")

    def subheading(self, text: str) -> None:
        """A bold line under a heading, e.g. one goal of a plan."""
        self.set_font(FONT, "B", 11)
        self.multi_cell(0, 6, hyphenate(text), new_x="LMARGIN", new_y="NEXT")

    def keep_together(self, height: float) -> None:
        """Start a new page unless `height` mm still fit (e.g. a closing sentence with signature lines)."""
        if self.get_y() > self.h - height:
            self.add_page()

    def paragraph(self, text: str, *, size: int = 10) -> None:
        self.set_font(FONT, "", size)
        self.multi_cell(0, 5, hyphenate(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def field(self, label: str, value: str) -> None:
        self.set_font(FONT, "B", 10)
        self.cell(50, 5, label)
        self.set_font(FONT, "", 10)
        self.multi_cell(0, 5, hyphenate(value) or "–", new_x="LMARGIN", new_y="NEXT")

    def table(  # type: ignore[override]  # a simpler table than FPDF's context manager
        self, headers: list[str], rows: list[list[str]], widths: list[float] | None = None
    ) -> None:
        self.set_font(FONT, "", 9)
        with super().table(col_widths=widths, text_align="LEFT", line_height=5) as table:
            header = table.row()
            for text in headers:
                header.cell(hyphenate(text))
            for values in rows:
                row = table.row()
                for text in values:
                    row.cell(hyphenate(text))

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


class Letter(Document):
    """A letter: letterhead (logo right, name and address left), the recipient's address block in the
    window position (right), place and date, the subject in bold; then the body as paragraphs."""

    LOGO_WIDTH = 40.0
    LOGO_HEIGHT = 20.0

    def __init__(self, *, letterhead: Letterhead, recipient: list[str], subject: str, day: date) -> None:
        self._setup(subject)
        self.letterhead = letterhead
        top = self.get_y()
        if letterhead.logo:
            self.image(
                io.BytesIO(letterhead.logo),
                x=self.w - self.r_margin - self.LOGO_WIDTH,
                y=top - 6,
                w=self.LOGO_WIDTH,
                h=self.LOGO_HEIGHT,
                keep_aspect_ratio=True,
            )
        self.set_xy(self.l_margin, top)
        self.set_font(FONT, "B", 11)
        self.multi_cell(100, 5, letterhead.name, new_x="LMARGIN", new_y="NEXT")
        self.set_font(FONT, "", 9)
        for line in letterhead.address.replace("\r\n", "\n").split("\n"):
            if line.strip():
                self.multi_cell(100, 4.5, line.strip(), new_x="LMARGIN", new_y="NEXT")
        # The recipient in the window of a C5/C6 envelope (right window, Swiss custom).
        self.set_xy(118, 50)
        self.set_font(FONT, "", 10)
        for line in recipient:
            if line.strip():
                self.set_x(118)
                self.multi_cell(self.w - self.r_margin - 118, 5, line.strip(), new_x="LMARGIN", new_y="NEXT")
        self.set_y(max(self.get_y(), 80) + 8)
        dated = format_date(day)
        self.multi_cell(
            0, 5, f"{letterhead.place}, {dated}" if letterhead.place else dated, new_x="LMARGIN", new_y="NEXT"
        )
        self.ln(6)
        self.set_font(FONT, "B", 12)
        self.multi_cell(0, 6, hyphenate(subject), new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.cell(0, 6, f"{self.letterhead.name} · {self.page_no()}/{{nb}}", align="C")

    def body(self, text: str) -> None:
        """Paragraphs separated by an empty line; single line breaks are kept."""
        for block in text.replace("\r\n", "\n").split("\n\n"):
            if block.strip():
                self.paragraph(block.strip())
