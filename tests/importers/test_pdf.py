"""PDF reading: order, page spans, clean-up and every refusal, on PDFs the tests make."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib import pdfencrypt
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

import importers
from importers import ImporterError, NoTextLayer, PasswordRequired, WrongPassword
from tests.importers.makers import (
    blank_pdf,
    column_pdf,
    lines_pdf,
    sentences,
    unmapped_glyph_pdf,
    vera,
)


def intact(known: list[str], text: str) -> float:
    flat = " ".join(text.split())
    return sum(s in flat for s in known) / len(known)


@pytest.mark.parametrize("columns", [1, 2, 3])
def test_columns_read_in_order(tmp_path: Path, columns: int) -> None:
    known = sentences(90, seed=columns)
    path = column_pdf(tmp_path / f"c{columns}.pdf", columns, known, title="A Full Width Title")
    doc = importers.read_document(path)
    assert intact(known, doc.text) >= 0.98
    assert doc.text.startswith("A Full Width Title")
    flat = " ".join(doc.text.split())
    positions = [flat.index(s) for s in known if s in flat]
    assert positions == sorted(positions), "sentences must come in reading order"


def test_page_spans_hold_each_pages_text(tmp_path: Path) -> None:
    known = sentences(120, seed=9)
    path = column_pdf(tmp_path / "p.pdf", 2, known)
    doc = importers.read_document(path)
    assert len(doc.pages) >= 3
    assert doc.pages[0].start == 0 and doc.pages[-1].end == len(doc.text)
    for before, after in zip(doc.pages, doc.pages[1:], strict=False):
        assert before.end <= after.start
    flat_pages = [" ".join(doc.text[p.start:p.end].split()) for p in doc.pages]
    for sentence in known[:5]:
        assert sentence in flat_pages[0]
    assert known[-1] in flat_pages[-1]


def test_running_heads_and_page_numbers_leave_the_body(tmp_path: Path) -> None:
    known = sentences(120, seed=3)
    path = column_pdf(tmp_path / "h.pdf", 2, known, running_head="Journal of Peer Support 12(3)",
                      page_numbers=True)
    doc = importers.read_document(path)
    assert "Journal of Peer Support" not in doc.text
    assert intact(known, doc.text) >= 0.98
    kept = importers.read_document(path, keep_headers=True)
    assert kept.text.count("Journal of Peer Support") == len(kept.pages)


def test_line_end_hyphens_and_ligatures(tmp_path: Path) -> None:
    path = lines_pdf(tmp_path / "hy.pdf", [[
        "The peer support inter-",
        "vention improved well-",
        "being for mothers who were self-",
        "referred in the Anglo-",
        "Saxon world, and the \ufb01rst \ufb02ow of staff.",
    ]], font=vera())
    text = importers.read_document(path).text
    assert "intervention improved" in text
    assert "well-being" in text and "self-referred" in text and "Anglo-Saxon" in text
    assert "the first flow of staff" in text


def test_a_closed_em_dash_at_a_line_end_stays_closed_a_spaced_one_spaced(tmp_path: Path) -> None:
    path = lines_pdf(tmp_path / "dash.pdf", [[
        "The journey from clunky typewriters to platforms\u2014",
        "reflects a broader progress, and a leap forward \u2014",
        "spaced as some publishers set it, in a paragraph.",
    ]], font=vera())
    text = importers.read_document(path).text
    assert "platforms\u2014reflects a broader" in text
    assert "leap forward \u2014 spaced as" in text


def test_a_glyph_without_unicode_is_stored_as_a_replacement_character(tmp_path: Path) -> None:
    path = unmapped_glyph_pdf(tmp_path / "sum.pdf", [
        "The sum \x07 of all scores was taken, and the results",
        "are shown in the second table of this short paper.",
    ])
    doc = importers.read_document(path)
    assert "The sum \ufffd of all scores" in doc.text  # seen, not an invisible control code
    assert not any(ord(c) < 32 and c not in "\t\n" for c in doc.text)
    at = doc.text.index("\ufffd")
    assert any(r.start <= at < r.end for r in doc.runs)  # its place on the page is kept


def test_paragraphs_stay_paragraphs(tmp_path: Path) -> None:
    path = lines_pdf(tmp_path / "para.pdf", [[
        "First paragraph line one", "continues here.", "", "Second paragraph", "ends here.",
    ]])
    text = importers.read_document(path).text
    assert text == "First paragraph line one continues here.\n\nSecond paragraph ends here."


def test_metadata(tmp_path: Path) -> None:
    path = column_pdf(tmp_path / "m.pdf", 1, sentences(3), title="Peer Support Study")
    doc = importers.read_document(path)
    assert doc.title == "Peer Support Study" and doc.authors == "Test Author"
    assert doc.year is not None and doc.year >= 2000


def test_encrypted_files(tmp_path: Path) -> None:
    known = sentences(10)
    locked = column_pdf(tmp_path / "locked.pdf", 1, known,
                        encrypt=pdfencrypt.StandardEncryption("user-pw", "owner-pw", strength=128))
    with pytest.raises(PasswordRequired, match="locked.pdf: is encrypted"):
        importers.read_document(locked)
    with pytest.raises(WrongPassword, match="locked.pdf: the password is wrong"):
        importers.read_document(locked, password="nope")
    assert intact(known, importers.read_document(locked, password="user-pw").text) == 1.0
    owner_only = column_pdf(tmp_path / "owner.pdf", 1, known,
                            encrypt=pdfencrypt.StandardEncryption("", "owner-pw", canPrint=0))
    assert intact(known, importers.read_document(owner_only).text) == 1.0


def test_broken_files_get_one_line_messages(tmp_path: Path) -> None:
    good = column_pdf(tmp_path / "good.pdf", 1, sentences(30))
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(good.read_bytes()[:700])
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"this is not a pdf at all")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    for path, words in ((fake, "not a PDF"), (empty, "empty"), (truncated, "truncated.pdf"),
                        (garbage, "garbage.pdf")):
        with pytest.raises(ImporterError) as info:
            importers.read_document(path)
        message = str(info.value)
        assert words in message and "\n" not in message and path.name in message
    with pytest.raises(NoTextLayer, match="ocrmypdf"):
        importers.read_document(blank_pdf(tmp_path / "scan.pdf"))


def test_batch_in_parallel_keeps_order_and_isolates_failures(tmp_path: Path) -> None:
    files = [column_pdf(tmp_path / f"d{i}.pdf", 2, sentences(40, seed=i)) for i in range(3)]
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 nothing")
    batch = [files[0], bad, files[1], files[2]]
    results = list(importers.read_many(batch, workers=2))
    assert [p for p, _ in results] == batch
    assert isinstance(results[1][1], ImporterError)
    assert all(isinstance(r, importers.ImportedDocument) for i, (_, r) in enumerate(results) if i != 1)


def test_progress_per_page_and_cancel(tmp_path: Path) -> None:
    path = column_pdf(tmp_path / "long.pdf", 2, sentences(200))
    seen: list[int] = []
    importers.read_document(path, progress=lambda p: seen.append(p.done))
    assert seen == list(range(1, len(seen) + 1)) and len(seen) >= 3
    with pytest.raises(importers.ImportCancelled):
        importers.read_document(path, cancel=lambda: len(seen) > 0)


def test_fake_bold_is_read_once(tmp_path: Path) -> None:
    """Text drawn twice a fraction of a point apart (fake bold) must not come out doubled."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "bold.pdf"
    canv = canvas.Canvas(str(path))
    canv.setFont("Helvetica", 12)
    for dx in (0.0, 0.4):
        canv.drawString(72 + dx, 700, "Fake bold heading here")
    canv.drawString(72, 680, "Normal body line follows.")
    canv.save()
    assert importers.read_document(path).text == "Fake bold heading here\n\nNormal body line follows."


def test_title_from_metadata_unless_the_producer_made_it_up(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    for wanted, stored in (("Peer support: a realist review", "Peer support: a realist review"),
                           ("Microsoft Word - draft3.docx", ""), ("paper.dvi", ""), ("", "")):
        path = tmp_path / "named.pdf"
        canv = canvas.Canvas(str(path))
        canv.setTitle(wanted)
        canv.drawString(72, 700, "Some text on the page.")
        canv.save()
        assert importers.read_document(path).title == (stored or "named")


def _printed(path: Path, lines: list[tuple[float, str]], title: str = "") -> Path:
    """A page of lines at given type sizes, from the top; no info-dictionary title."""
    canv = canvas.Canvas(str(path), pagesize=A4)
    canv.setTitle(title)
    y = A4[1] - 90
    for size, line in lines:
        canv.setFont("Helvetica", size)
        canv.drawString(60, y, line)
        y -= size * 1.6
    canv.showPage()
    canv.save()
    return path


def test_the_printed_title_names_a_pdf_without_one_unless_headings_tie(tmp_path: Path) -> None:
    body = [(10, s) for s in sentences(12)]
    titled = _printed(tmp_path / "1-s2.0-S027795-main.pdf",
                      [(18, "Peer support for new mothers: a realist review"), *body])
    assert importers.read_document(titled).title == "Peer support for new mothers: a realist review"
    named = _printed(tmp_path / "named.pdf", [(18, "Peer support for new mothers"), *body],
                     title="The Review, as Its Authors Named It")
    assert importers.read_document(named).title == "The Review, as Its Authors Named It"
    tied = _printed(tmp_path / "report.pdf",
                    [(16, "Background to the programme"), *body[:6],
                     (16, "What the evaluation found"), *body[6:]])
    assert importers.read_document(tied).title == "report"  # two headings: neither is the title
