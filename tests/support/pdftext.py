"""The text of a PDF as `pdftotext` reads it (the letters' and plans' text checks)."""

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

GERMAN_WORDS = ("Ziel", "Massnahme", "Klient", "Fallführung", "Datum", "Seite", "Betreff", "Unterschrift", "und")


def pdf_text(data: bytes) -> str:
    """The PDF's text, lines joined as pdftotext prints them (soft hyphens at a break removed)."""
    assert data.startswith(b"%PDF"), data[:200]
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext missing: apt-get install poppler-utils")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(data)
        out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)  # noqa: S603,S607
    return out.stdout


def german_words(text: str) -> list[str]:
    """German words of GERMAN_WORDS found in `text` (whole words, any case)."""
    import re

    return [word for word in GERMAN_WORDS if re.search(rf"\b{word}", text, flags=re.IGNORECASE)]
