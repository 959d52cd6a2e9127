import shutil
import subprocess

import pytest

from reintegra.core.pdf import Document


def test_pdf_renders_umlauts_with_the_embedded_font(tmp_path):
    doc = Document(title="Massnahmenplan für Jürg Müller", subtitle="Fall BEM-2026-0001")
    doc.heading("Ziele")
    doc.paragraph("Rückkehr an den Arbeitsplatz – schrittweise, größere Belastbarkeit.")
    doc.table(["Ziel", "Fällig"], [["Ärztliche Abklärung", "3.11.2026"]])
    doc.signature_lines(["Klient:in", "Case Manager:in"])
    data = doc.render()
    assert data.startswith(b"%PDF")
    from pypdf import PdfReader

    path = tmp_path / "plan.pdf"
    path.write_bytes(data)
    text = PdfReader(str(path)).pages[0].extract_text()
    assert "Jürg Müller" in text
    assert "Ärztliche Abklärung" in text
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext missing: apt-get install poppler-utils")
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603,S607
    assert "größere Belastbarkeit" in out
