"""The reading-order score used to judge the PDF reader, and the real files to judge it on.

The score is the share of ground-truth sentences of eight words or more found intact in the
extracted text, after folding case, whitespace, line-end hyphenation and ligatures: the same
measure as the development corpus's `score_order.py`, here so CI can use it without the corpus.
Ground truth is docling's reviewed Markdown; its syntax (headings, table rows, image tags) is
stripped first, as the corpus README asks.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from tests.corpus import CORPUS, REAL

GROUND_TRUTH = ".groundtruth.docling.md"


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    text = re.sub(r"\s+", " ", text).lower()
    return re.sub(r"[^\w ]", "", text)


def strip_markdown(markdown: str) -> str:
    kept = []
    for line in markdown.splitlines():
        line = line.strip()
        if line.startswith(("|", "<!--", "```")):
            continue
        line = re.sub(r"^#+\s*", "", line)
        line = re.sub(r"^[-*]\s+", "", line)
        kept.append(re.sub(r"[*_`]", "", line))
    return "\n".join(kept)


def sentences(truth: str) -> list[str]:
    found = []
    for sentence in re.split(r"(?<=[.!?])\s+", re.sub(r"\s+", " ", truth)):
        if len(sentence.split()) >= 8 and fold(sentence).strip():
            found.append(fold(sentence).strip())
    return found


def score(truth_markdown: str, text: str) -> float:
    hay = fold(text)
    wanted = sentences(strip_markdown(truth_markdown))
    return sum(s in hay for s in wanted) / max(1, len(wanted))


def real_pdfs() -> list[Path]:
    """The committed real files, then the development corpus's when it is there (by name, so a
    file in both is read once)."""
    found = {p.name: p for p in sorted(REAL.glob("*.pdf"))}
    if CORPUS.is_dir():
        for path in sorted(CORPUS.glob("*.pdf")):
            found.setdefault(path.name, path)
    return list(found.values())


def ground_truth(pdf: Path) -> str | None:
    truth = pdf.with_name(pdf.name + GROUND_TRUTH)
    return truth.read_text(encoding="utf-8") if truth.exists() else None


def pdfium_text(path: Path) -> str:
    """The baseline: raw pypdfium2 text of every page, no layout analysis at all."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        texts = []
        for page in pdf:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n".join(texts)
    finally:
        pdf.close()
