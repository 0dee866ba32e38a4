"""Word documents made by the tests: python-docx for structure, raw XML where it cannot."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest

import importers
from importers import ImporterError

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def rewrite(path: Path, edit: dict[str, object]) -> Path:
    """Replace or add parts of a .docx: {name: bytes | callable(old_text) -> new_text}."""
    with zipfile.ZipFile(path) as old:
        parts = {name: old.read(name) for name in old.namelist()}
    for name, change in edit.items():
        if callable(change):
            parts[name] = change(parts[name].decode("utf-8")).encode("utf-8")
        else:
            parts[name] = change  # type: ignore[assignment]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in parts.items():
            new.writestr(name, data)
    return path


def test_body_order_headings_lists_and_tables(tmp_path: Path) -> None:
    d = docx.Document()
    d.core_properties.title = "Peer support report"
    d.core_properties.author = "Circle Network"
    d.add_heading("Findings", level=1)
    d.add_paragraph("Mothers valued the groups.")
    d.add_paragraph("Felt understood", style="List Bullet")
    d.add_paragraph("Felt less alone", style="List Bullet")
    d.add_paragraph("First step", style="List Number")
    d.add_paragraph("Second step", style="List Number")
    table = d.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = f"r{r}c{c}"
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "wide"
    table.cell(1, 2).merge(table.cell(2, 2)).text = "tall"
    d.add_paragraph("After the table.")
    d.sections[0].header.paragraphs[0].text = "RUNNING HEADER"
    path = tmp_path / "report.docx"
    d.save(str(path))
    doc = importers.read_document(path)
    lines = doc.text.split("\n")
    assert lines[:2] == ["Findings", "Mothers valued the groups."]
    assert "\u2022 Felt understood" in lines and "\u2022 Felt less alone" in lines
    assert "1. First step" in lines and "2. Second step" in lines
    assert lines.count("wide\tr0c2") == 1 and lines.count("wide") == 0
    assert "r1c0\tr1c1\ttall" in lines and "r2c0\tr2c1\t" in lines
    assert lines[-1] == "After the table."
    assert "RUNNING HEADER" not in doc.text
    assert (doc.title, doc.authors) == ("Peer support report", "Circle Network")


def test_a_paragraph_in_the_title_style_names_a_document_without_a_title_property(
        tmp_path: Path) -> None:
    d = docx.Document()
    d.core_properties.title = ""
    d.add_paragraph("An evaluation of  peer support", style="Title")
    d.add_paragraph("Mothers valued the groups.")
    d.save(str(tmp_path / "draft-v3-final.docx"))
    assert importers.read_document(tmp_path / "draft-v3-final.docx").title == \
        "An evaluation of peer support"
    d = docx.Document()
    d.add_paragraph("Mothers valued the groups.")
    d.save(str(tmp_path / "notes.docx"))
    assert importers.read_document(tmp_path / "notes.docx").title == "notes"


def test_tracked_changes_read_as_accepted(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("PLACEHOLDER")
    path = tmp_path / "tracked.docx"
    d.save(str(path))
    para = (
        "<w:p><w:r><w:t xml:space=\"preserve\">Support was </w:t></w:r>"
        "<w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText>rarely </w:delText></w:r></w:del>"
        "<w:ins w:id=\"2\" w:author=\"A\"><w:r><w:t xml:space=\"preserve\">often </w:t></w:r></w:ins>"
        "<w:r><w:t>welcomed.</w:t></w:r></w:p>"
    )
    rewrite(path, {"word/document.xml": lambda xml: re.sub(r"<w:p>.*?PLACEHOLDER.*?</w:p>", para, xml, flags=re.S)})
    text = importers.read_document(path).text
    assert "Support was often welcomed." in text and "rarely" not in text


def test_footnotes_comments_and_text_boxes(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("PLACEHOLDER")
    d.add_paragraph("Closing words.")
    path = tmp_path / "notes.docx"
    d.save(str(path))
    body = (
        "<w:p><w:commentRangeStart w:id=\"5\"/><w:r><w:t xml:space=\"preserve\">Peers helped</w:t></w:r>"
        "<w:commentRangeEnd w:id=\"5\"/><w:r><w:footnoteReference w:id=\"2\"/></w:r>"
        "<w:r><w:t xml:space=\"preserve\"> a lot.</w:t></w:r>"
        "<w:r><w:pict><v:shape xmlns:v=\"urn:schemas-microsoft-com:vml\"><v:textbox><w:txbxContent>"
        "<w:p><w:r><w:t>Boxed quote.</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
    )
    footnotes = (
        f"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:footnotes {W_NS}>"
        "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
        "<w:footnote w:id=\"2\"><w:p><w:r><w:t>Smith 2019, p. 4.</w:t></w:r></w:p></w:footnote></w:footnotes>"
    ).encode()
    comments = (
        f"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:comments {W_NS}>"
        "<w:comment w:id=\"5\" w:author=\"Reviewer\"><w:p><w:r><w:t>Key mechanism</w:t></w:r></w:p>"
        "</w:comment></w:comments>"
    ).encode()
    rels_add = (
        "<Relationship Id=\"rIdFn\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" Target=\"footnotes.xml\"/>"
        "<Relationship Id=\"rIdCm\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments\" Target=\"comments.xml\"/>"
    )
    types_add = (
        "<Override PartName=\"/word/footnotes.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml\"/>"
        "<Override PartName=\"/word/comments.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/>"
    )
    rewrite(path, {
        "word/document.xml": lambda xml: re.sub(r"<w:p>.*?PLACEHOLDER.*?</w:p>", body, xml, flags=re.S),
        "word/footnotes.xml": footnotes,
        "word/comments.xml": comments,
        "word/_rels/document.xml.rels": lambda x: x.replace("</Relationships>", rels_add + "</Relationships>"),
        "[Content_Types].xml": lambda x: x.replace("</Types>", types_add + "</Types>"),
    })
    doc = importers.read_document(path)
    lines = doc.text.split("\n")
    assert lines[0] == "Peers helped[1] a lot."
    assert lines[1] == "Boxed quote."
    assert lines[-2:] == ["Notes", "[1] Smith 2019, p. 4."]
    (note,) = doc.notes
    assert doc.text[note.start:note.end] == "Peers helped"
    assert (note.text, note.author) == ("Key mechanism", "Reviewer")


def test_bad_word_files_get_clear_messages(tmp_path: Path) -> None:
    protected = tmp_path / "protected.docx"
    protected.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    d = docx.Document()
    d.add_paragraph("Some text " * 200)
    good = tmp_path / "good.docx"
    d.save(str(good))
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(good.read_bytes()[:3000])
    not_word = tmp_path / "notword.docx"
    with zipfile.ZipFile(not_word, "w") as z:
        z.writestr("hello.txt", "hi")
    garbage = tmp_path / "garbage.docx"
    garbage.write_bytes(b"plain words, not a zip")
    cases = {protected: "password-protected or an old Word 97-2003", truncated: "damaged",
             not_word: "not a Word document", garbage: "not a Word .docx"}
    for path, words in cases.items():
        with pytest.raises(ImporterError) as info:
            importers.read_document(path)
        assert words in str(info.value) and path.name in str(info.value)
        assert "Package not found" not in str(info.value)


def test_text_encodings(tmp_path: Path) -> None:
    sample = "Mères et pairs — “soutien” 𝑥\nligne deux"
    variants = {
        "utf8.txt": sample.encode("utf-8"),
        "bom.txt": b"\xef\xbb\xbf" + sample.encode("utf-8"),
        "le.txt": sample.encode("utf-16"),
        "be.txt": b"\xfe\xff" + sample.encode("utf-16-be"),
        "crlf.md": sample.replace("\n", "\r\n").encode("utf-8"),
    }
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        assert importers.read_document(tmp_path / name).text == sample, name
    legacy = "Mères et pairs — “soutien” à l'hôpital, ça va très bien. " * 3
    (tmp_path / "cp1252.txt").write_bytes(legacy.encode("cp1252"))
    assert importers.read_document(tmp_path / "cp1252.txt").text == legacy


def test_a_markdown_files_first_heading_is_its_title(tmp_path: Path) -> None:
    (tmp_path / "notes-2024.md").write_text("\n# Interviews with  peer workers\n\nText.\n")
    (tmp_path / "plain.md").write_text("Text first.\n# A heading later\n")
    (tmp_path / "heading.txt").write_text("# Not markdown\n")
    assert importers.read_document(tmp_path / "notes-2024.md").title == "Interviews with peer workers"
    assert importers.read_document(tmp_path / "plain.md").title == "plain"
    assert importers.read_document(tmp_path / "heading.txt").title == "heading"


NUMBERING = (
    f"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:numbering {W_NS}>"
    "<w:abstractNum w:abstractNumId=\"7\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.%2\"/></w:lvl>"
    "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"(%3)\"/></w:lvl>"
    "</w:abstractNum>"
    "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"7\"/></w:num>"
    "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"7\"/>"
    "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"
    "</w:numbering>"
).encode()


def _numbered(num: int, level: int, text: str) -> str:
    return (f"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{num}\"/></w:numPr>"
            f"</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")


def _with_body(tmp_path: Path, name: str, body: str, extra: dict[str, object] | None = None) -> Path:
    d = docx.Document()
    d.add_paragraph("PLACEHOLDER")
    path = tmp_path / name
    d.save(str(path))
    edits: dict[str, object] = {
        "word/document.xml": lambda xml: re.sub(r"<w:p>.*?PLACEHOLDER.*?</w:p>", body, xml, flags=re.S)}
    edits.update(extra or {})
    return rewrite(path, edits)


def test_multi_level_numbers_as_word_shows_them(tmp_path: Path) -> None:
    body = "".join([
        _numbered(3, 0, "Context"), _numbered(3, 1, "Setting"), _numbered(3, 1, "Actors"),
        _numbered(3, 2, "Nurses"), _numbered(3, 2, "Peers"), _numbered(3, 0, "Mechanism"),
        _numbered(3, 1, "Trust"), _numbered(4, 0, "Restarted list"), _numbered(4, 1, "Its child"),
    ])
    path = _with_body(tmp_path, "levels.docx", body, {"word/numbering.xml": NUMBERING})
    lines = importers.read_document(path).text.split("\n")
    assert lines[:9] == ["1. Context", "  1.1 Setting", "  1.2 Actors", "    (a) Nurses",
                         "    (b) Peers", "2. Mechanism", "  2.1 Trust", "1. Restarted list",
                         "  1.1 Its child"]


def test_pages_from_explicit_rendered_and_section_breaks(tmp_path: Path) -> None:
    body = (
        "<w:p><w:r><w:t>Page one.</w:t></w:r><w:r><w:br w:type=\"page\"/></w:r></w:p>"
        "<w:p><w:r><w:lastRenderedPageBreak/><w:t>Page two starts</w:t></w:r></w:p>"
        "<w:p><w:r><w:t xml:space=\"preserve\">and runs on </w:t></w:r>"
        "<w:r><w:lastRenderedPageBreak/><w:t>onto page three.</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:sectPr/></w:pPr><w:r><w:t>End of section.</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Page four.</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>Page five.</w:t></w:r></w:p>"
    )
    doc = importers.read_document(_with_body(tmp_path, "pages.docx", body))
    texts = [" ".join(doc.text[p.start:p.end].split()) for p in doc.pages]
    assert texts == ["Page one.", "Page two starts and runs on", "onto page three. End of section.",
                     "Page four.", "Page five."]
    assert [p.number for p in doc.pages] == [1, 2, 3, 4, 5]
    assert doc.pages[-1].end == len(doc.text)


def test_a_document_without_breaks_is_one_page(tmp_path: Path) -> None:
    doc = importers.read_document(_with_body(tmp_path, "one.docx", "<w:p><w:r><w:t>Only.</w:t></w:r></w:p>"))
    assert [(p.number, p.start, p.end) for p in doc.pages] == [(1, 0, len(doc.text))]


def test_table_rows_on_lines_cells_by_tabs_and_cell_breaks_kept(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Before.")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Programme"
    table.cell(0, 1).text = "Outcome"
    table.cell(1, 0).text = "Peer visits"
    cell = table.cell(1, 1)
    cell.text = "Less isolation"
    cell.add_paragraph("More confidence")
    d.add_paragraph("After.")
    layout = d.add_table(rows=1, cols=1)
    layout.cell(0, 0).text = "Layout cell first paragraph."
    for i in range(14):
        layout.cell(0, 0).add_paragraph(f"Layout paragraph {i}.")
    path = tmp_path / "table.docx"
    d.save(str(path))
    doc = importers.read_document(path)
    lines = doc.text.split("\n")
    assert lines[:4] == ["Before.", "Programme\tOutcome", "Peer visits\tLess isolation\u2028More confidence",
                         "After."]
    (block,) = [b for b in doc.blocks if b.kind == "table"]
    assert doc.text[block.start:block.end] == "\n".join(lines[1:3])
    assert "Layout paragraph 13." in lines and "Layout cell first paragraph." in lines


def test_word_comments_reach_the_import_summary(tmp_path: Path) -> None:
    from coding.annotations import list_annotations
    from coding.documents import import_files
    from coding.project import Project

    source = _commented(tmp_path)
    with Project.create(tmp_path / "p.realist") as project:
        report = import_files(project, [source])
        ((path, doc_id),) = report.imported
        assert report.annotations == {path: 1}
        (note,) = list_annotations(project, doc_id)
        assert note.text == "Key mechanism"


def _commented(tmp_path: Path) -> Path:
    body = ("<w:p><w:commentRangeStart w:id=\"5\"/><w:r><w:t>Peers helped</w:t></w:r>"
            "<w:commentRangeEnd w:id=\"5\"/></w:p>")
    comments = (
        f"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:comments {W_NS}>"
        "<w:comment w:id=\"5\" w:author=\"Reviewer\"><w:p><w:r><w:t>Key mechanism</w:t></w:r></w:p>"
        "</w:comment></w:comments>"
    ).encode()
    rel = ("<Relationship Id=\"rIdCm\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
           "relationships/comments\" Target=\"comments.xml\"/>")
    kind = ("<Override PartName=\"/word/comments.xml\" ContentType=\"application/"
            "vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/>")
    return _with_body(tmp_path, "commented.docx", body, {
        "word/comments.xml": comments,
        "word/_rels/document.xml.rels": lambda x: x.replace("</Relationships>", rel + "</Relationships>"),
        "[Content_Types].xml": lambda x: x.replace("</Types>", kind + "</Types>"),
    })


def test_headings_are_marked_and_kept_with_the_document(tmp_path: Path) -> None:
    """A Word file's headings (its styles with an outline level, and the title) are blocks the
    text view sets in bold, stored with the document as a PDF's are."""
    from coding.documents import import_files
    from coding.page_layout import load_blocks
    from coding.project import Project

    d = docx.Document()
    d.add_paragraph("Peer support for new mothers", style="Title")
    d.add_heading("Findings", level=1)
    d.add_paragraph("Mothers valued the groups.")
    d.add_heading("Why it worked", level=2)
    d.add_paragraph("Volunteers had been there themselves.")
    path = tmp_path / "headed.docx"
    d.save(str(path))
    doc = importers.read_document(path)
    headings = [doc.text[b.start:b.end] for b in doc.blocks if b.kind == "heading"]
    assert headings == ["Peer support for new mothers", "Findings", "Why it worked"]
    with Project.create(tmp_path / "p.realist") as project:
        [(_, doc_id)] = import_files(project, [path]).imported
        stored = load_blocks(project, doc_id)
    assert [(b.start, b.end, b.kind) for b in stored] == [
        (b.start, b.end, b.kind) for b in doc.blocks]
