"""The insights as CSV (core.spreadsheet), XLSX (openpyxl) and a PDF report (core.pdf).

All three are made from the same rows as the page (`presentation.figure_rows`): a suppressed
figure reads "zu wenige Fälle" everywhere, never a number.
"""

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from reintegra.core.pdf import FONT, Document, pdf_date
from reintegra.core.spreadsheet import cell_safe, csv_text
from reintegra.insights.charts import chart_titles, insights_charts
from reintegra.insights.presentation import curve_rows, display, export_value, figure_rows, trend_rows


def _period_text(figures: dict[str, Any]) -> tuple[str, str]:
    current, previous = figures["period"], figures["previous"]["period"]
    return (
        f"{pdf_date(current['from'])} – {pdf_date(current['to'])}",
        f"{pdf_date(previous['from'])} – {pdf_date(previous['to'])}",
    )


def _header(figures: dict[str, Any]) -> list[str]:
    current, previous = _period_text(figures)
    return [_("Section"), _("Figure"), _("This period (%(period)s)") % {"period": current},
            _("Period before (%(period)s)") % {"period": previous}]  # fmt: skip


def _table(figures: dict[str, Any], organisation_id: Any) -> list[list[Any]]:
    rows = [
        [row.section, row.label, export_value(row.current), export_value(row.previous)]
        for row in figure_rows(figures, organisation_id=organisation_id)
    ]
    trend = _("Cases opened and closed per month")
    for month, opened, closed in trend_rows(figures):
        rows.append([trend, _("%(month)s: opened") % {"month": month}, export_value(opened), ""])
        rows.append([trend, _("%(month)s: closed") % {"month": month}, export_value(closed), ""])
    section = _("Time to return to work (share still absent)")
    for day, share, at_risk in curve_rows(figures):
        rows.append([section, _("Day %(day)s (%(n)s at risk)") % {"day": day, "n": at_risk}, share, ""])
    if figures.get("time_to_rtw") is None and "time_to_rtw" in figures.get("suppressed", []):
        rows.append([section, _("Curve"), _("too few cases"), ""])
    return rows


def insights_csv(figures: dict[str, Any], *, organisation_id: Any) -> str:
    return csv_text(_header(figures), _table(figures, organisation_id))


def insights_xlsx(figures: dict[str, Any], *, organisation_id: Any) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Insights")[:31]
    sheet.append([cell_safe(value) for value in _header(figures)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _table(figures, organisation_id):
        sheet.append([cell_safe(value) for value in row])
    for column, width in zip("ABCD", (34, 60, 26, 26), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def insights_pdf(figures: dict[str, Any], *, organisation_id: Any, organisation_name: str, scope: str) -> bytes:
    current, previous = _period_text(figures)
    compared = _("compared with %(period)s") % {"period": previous}
    doc = Document(
        title=_("Insights: what case management achieves"),
        subtitle=f"{organisation_name} · {scope} · {current} ({compared})",
    )
    section = None
    table: list[list[str]] = []

    def flush() -> None:
        if section is not None and table:
            doc.heading(section)
            doc.table([_("Figure"), _("This period"), _("Period before")], table, widths=[100, 37, 37])

    for row in figure_rows(figures, organisation_id=organisation_id):
        if row.section != section:
            flush()
            section, table = row.section, []
        table.append([row.label, display(row.current, row.kind), display(row.previous, row.kind)])
    flush()
    doc.heading(_("Cases opened and closed per month"))
    doc.table(
        [_("Month"), _("Opened"), _("Closed")],
        [[month, display(opened), display(closed)] for month, opened, closed in trend_rows(figures)],
        widths=[40, 40, 40],
    )
    doc.heading(_("Time to return to work (share still absent)"))
    curve = curve_rows(figures)
    if curve:
        doc.table(
            [_("Day"), _("Still absent"), _("At risk")],
            [[str(day), display(share, "share"), str(at_risk)] for day, share, at_risk in curve],
            widths=[40, 40, 40],
        )
    else:
        doc.paragraph(_("too few cases") if "time_to_rtw" in figures.get("suppressed", []) else "–")
    # The page's charts, drawn from the same SVG (with the PDF's embedded font).
    titles = chart_titles()
    for key, svg in insights_charts(figures, font_family=FONT).items():
        doc.keep_together(90)
        doc.subheading(titles[key])
        doc.image(io.BytesIO(str(svg).encode("utf-8")), w=doc.epw * 0.9)
        doc.ln(4)
    doc.paragraph(
        _("Figures computed from fewer than 5 cases are not shown (“too few cases”), so that no one can be recognised.")
    )
    return doc.render()
