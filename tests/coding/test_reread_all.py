"""Reading every document of a project again (coding.reread_all, `document reread --all`):
each document read again or left as it was, and the pass undone and redone by its states
(coding.reread_undo)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from coding.annotations import add_annotation, list_annotations
from coding.backups import list_backups
from coding.documents import document_pages, document_text, find_document, import_files
from coding.nodes import add_node
from coding.project import Project
from coding.references import code, references_for_document
from coding.reread_all import reread_all
from coding.reread_undo import put_back, read_state
from tests.coding.test_reread import PDF
from tests.conftest import add_text_document, run_cli


def _project(path: Path, tmp_path: Path) -> str:
    """Three documents: the PDF as an older reader read it (a running head, paragraphs run
    together), a copy of it whose coded words that reader read otherwise, and a text file
    today's reader reads the same. Returns today's text of the PDF."""
    with Project.create(path) as p:
        import_files(p, [PDF])
        import_files(p, [PDF])  # "cermine_test3 (2)"
        add_text_document(p, tmp_path, "Notes", "Peer support helped.\n")
    con = sqlite3.connect(path)
    (today,) = con.execute("SELECT text FROM documents WHERE id = 1").fetchone()
    old = "RUNNING HEAD 1\n\n" + today.replace("\n\n", " ", 6)
    damaged = old.replace("n-hexane", "N-HEXANE")
    for doc_id, text in ((1, old), (2, damaged)):
        con.execute("UPDATE documents SET text = ?, text_length = ? WHERE id = ?",
                    (text, len(text), doc_id))
    con.commit()
    con.close()
    with Project.open(path) as p:
        node = add_node(p, "Findings")
        for name, text in (("cermine_test3", old), ("cermine_test3 (2)", damaged)):
            doc = find_document(p, name)
            for phrase in ("Lupeol (1)", "N-HEXANE" if text is damaged else "n-hexane"):
                at = text.index(phrase)
                code(p, doc, at, at + len(phrase), [node])
            add_annotation(p, doc, text.index("Rashid"), text.index("Rashid") + 6, "who", "A")
        notes = find_document(p, "Notes")
        code(p, notes, 0, 12, [node])
    return today


def _coded(p: Project, name: str) -> list[str]:
    doc = find_document(p, name)
    text = document_text(p, doc)
    return sorted(text[r.start:r.end] for r in references_for_document(p, doc))


def test_each_document_is_read_again_or_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "all.realist"
    today = _project(path, tmp_path)
    with Project.open(path) as p:
        first, second = find_document(p, "cermine_test3"), find_document(p, "cermine_test3 (2)")
        left_text, left_coded = document_text(p, second), _coded(p, "cermine_test3 (2)")
        old_pages = document_pages(p, first)
        report = reread_all(p, keep_states=True)
        assert [o.name for o in report.changed] == ["cermine_test3"]
        (backup,) = [b for b in list_backups(path) if b.kind == "before-reread"]
        with Project.open(backup.path, readonly=True) as before:  # the old reading, kept
            assert document_text(before, first).startswith("RUNNING HEAD 1")
        assert [o.name for o in report.refused] == ["cermine_test3 (2)"]
        assert report.summary == "1 document read again, 1 the same already, 1 left as they were"
        assert document_text(p, first) == today
        assert _coded(p, "cermine_test3") == ["Lupeol (1)", "n-hexane"]
        (note,) = list_annotations(p, first)
        assert today[note.start:note.end] == "Rashid"
        assert document_text(p, second) == left_text
        assert _coded(p, "cermine_test3 (2)") == left_coded

        (changed,) = report.changed
        assert changed.before is not None and changed.after is not None
        put_back(p, changed.before)  # the pass's undo
        assert document_text(p, first).startswith("RUNNING HEAD 1")
        assert document_pages(p, first) == old_pages and read_state(p, first) == changed.before
        assert _coded(p, "cermine_test3") == ["Lupeol (1)", "n-hexane"]
        put_back(p, changed.after)  # and its redo
        assert read_state(p, first) == changed.after and document_text(p, first) == today


def test_the_command_line_reads_all_again_and_says_which_were_left(tmp_path: Path) -> None:
    path = tmp_path / "cli.realist"
    _project(path, tmp_path)
    dry = run_cli("document", "reread", path, "--all", "--dry-run")
    assert dry.code == 1, dry.err
    assert "(dry run) 1 document read again, 1 the same already, 1 left" in dry.out
    assert "not found in cermine_test3 (2): excerpt coded to Findings, p. 1, at " in dry.err
    with Project.open(path, readonly=True) as p:
        assert document_text(p, find_document(p, "cermine_test3")).startswith("RUNNING HEAD")
    assert not [b for b in list_backups(path) if b.kind == "before-reread"]  # a dry run
    done = run_cli("document", "reread", path, "--all")
    assert done.code == 1 and "left as it was: cermine_test3 (2)" in done.out, done.out
    with Project.open(path, readonly=True) as p:
        assert not document_text(p, find_document(p, "cermine_test3")).startswith("RUNNING")
    again = run_cli("document", "reread", path, "--all")
    assert "0 documents read again, 2 the same already, 1 left" in again.out
    neither = run_cli("document", "reread", path)
    assert neither.code != 0 and "name one document (DOC) or give --all" in neither.err


def test_cancel_stops_between_documents_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "stop.realist"
    _project(path, tmp_path)
    names: list[str] = []
    with Project.open(path) as p:
        report = reread_all(p, step=lambda _d, _t, name: names.append(name),
                            cancel=lambda: len(names) >= 1)
        assert report.stopped and [o.name for o in report.outcomes] == ["cermine_test3"]
        assert report.summary.endswith("(stopped: the rest were not read)")
        assert not document_text(p, find_document(p, "cermine_test3")).startswith("RUNNING")
