"""Re-reading a document with the current reader, its coding carried over (coding.reread).

The stored text of an older import is made here by hand from today's: a running head the old
reader kept, paragraphs it ran together, as earlier readers did. Excerpts and an annotation
coded in that text must land on the same words in the text read today; when any cannot, nothing
changes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from coding.annotations import add_annotation, list_annotations
from coding.document_history import restore_document, snapshot_document
from coding.documents import delete_document, document_text, find_document, import_files
from coding.errors import InvalidInput
from coding.nodes import add_node
from coding.project import Project
from coding.references import code, references_for_document
from coding.reread import apply_reread, plan_reread
from tests.benchmarks.reading_order import REAL
from tests.conftest import run_cli

PDF = REAL / "cermine_test3.pdf"
PHRASES = ("Lupeol (1), epilupeol (2)", "n-hexane", "Rashid")


def _older(path: Path, damage: str = "") -> str:
    """Import the PDF, then store the text an older reader would have given; code PHRASES in
    it (node "Findings", the first twice over: two nodes) and note the second."""
    with Project.create(path) as p:
        import_files(p, [PDF])
    con = sqlite3.connect(path)
    (today,) = con.execute("SELECT text FROM documents").fetchone()
    old = "RUNNING HEAD 1\n\n" + today.replace("\n\n", " ", 6)
    if damage:  # the coded occurrence read otherwise then (same length: offsets stand)
        at = old.index(damage)
        old = old[:at] + damage.upper() + old[at + len(damage):]
    con.execute("UPDATE documents SET text = ?, text_length = ?", (old, len(old)))
    con.commit()
    con.close()
    with Project.open(path) as p:
        doc = find_document(p, "cermine_test3")
        findings, figures = add_node(p, "Findings"), add_node(p, "Figures")
        for phrase in PHRASES:
            start = old.lower().index(phrase.lower())
            code(p, doc, start, start + len(phrase), [findings])
        first = old.index(PHRASES[0])
        code(p, doc, first, first + len(PHRASES[0]), [figures])
        second = old.lower().index(PHRASES[1])
        add_annotation(p, doc, second, second + len(PHRASES[1]), "solvent", "A")
    return today


def _coded(p: Project) -> list[str]:
    doc = find_document(p, "cermine_test3")
    text = document_text(p, doc)
    return sorted(text[r.start:r.end] for r in references_for_document(p, doc))


def test_excerpts_and_annotations_land_on_the_same_words(tmp_path: Path) -> None:
    path = tmp_path / "old.realist"
    today = _older(path)
    with Project.open(path) as p:
        doc = find_document(p, "cermine_test3")
        before = _coded(p)
        snapshot = snapshot_document(p, doc)
        plan = plan_reread(p, doc)
        assert not plan.unchanged and not plan.lost and len(plan.moves) == 5
        apply_reread(p, plan)
        assert document_text(p, doc) == today
        assert _coded(p) == before == sorted([PHRASES[0], *PHRASES])
        (note,) = list_annotations(p, doc)
        assert today[note.start:note.end] == PHRASES[1]
        assert plan_reread(p, doc).unchanged  # read again: nothing more to do
        delete_document(p, doc)  # what the app's undo does: the document as it was
        restore_document(p, snapshot)
        assert document_text(p, doc).startswith("RUNNING HEAD 1") and _coded(p) == before


def test_nothing_changes_when_a_coded_passage_is_not_in_the_new_text(tmp_path: Path) -> None:
    path = tmp_path / "lost.realist"
    _older(path, damage="n-hexane")  # the old text read "N-HEXANE" where today's reads n-hexane
    with Project.open(path) as p:
        doc = find_document(p, "cermine_test3")
        text, coded = document_text(p, doc), _coded(p)
        plan = plan_reread(p, doc)
        assert {m.kind for m in plan.lost} == {"excerpt", "annotation"}
        with pytest.raises(InvalidInput, match="nothing was changed"):
            apply_reread(p, plan)
        assert document_text(p, doc) == text and _coded(p) == coded


def test_a_passage_an_older_reader_wrote_with_a_ligature_is_carried_over(
        tmp_path: Path) -> None:
    """The older reader kept "ﬁ" as one character (and its text is a character shorter):
    the excerpt on "the ﬁrst time" lands on "the first time", and the summary says so."""
    path = tmp_path / "ligature.realist"
    with Project.create(path) as p:
        import_files(p, [PDF])
    con = sqlite3.connect(path)
    (today,) = con.execute("SELECT text FROM documents").fetchone()
    old = today.replace("the first time", "the \ufb01rst time")
    con.execute("UPDATE documents SET text = ?, text_length = ?", (old, len(old)))
    con.commit()
    con.close()
    with Project.open(path) as p:
        doc = find_document(p, "cermine_test3")
        start = old.index("the \ufb01rst time")
        code(p, doc, start, start + len("the \ufb01rst time"), [add_node(p, "Firsts")])
        plan = plan_reread(p, doc)
        assert not plan.lost and [m.loose for m in plan.moves] == [True]
        assert "1 where the older reader wrote the words otherwise" in plan.summary
        apply_reread(p, plan)
        assert _coded(p) == ["the first time"]


def test_the_command_line_rereads_or_says_what_stands_in_the_way(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.realist", tmp_path / "bad.realist"
    _older(good)
    _older(bad, damage="Rashid")
    dry = run_cli("document", "reread", good, "cermine_test3", "--dry-run")
    assert dry.code == 0 and dry.out.startswith("(dry run) cermine_test3: read again")
    done = run_cli("document", "reread", good, "cermine_test3")
    assert done.code == 0 and "4 excerpts and 1 annotation carried over" in done.out
    again = run_cli("document", "reread", good, "cermine_test3")
    assert "gives the same text; nothing to change" in again.out
    refused = run_cli("document", "reread", bad, "cermine_test3")
    assert refused.code == 1 and "not found: excerpt" in refused.err
    assert "nothing was changed" in refused.err


def test_a_plan_made_before_more_coding_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "busy.realist"
    _older(path)
    with Project.open(path) as p:
        doc = find_document(p, "cermine_test3")
        plan = plan_reread(p, doc)
        text = document_text(p, doc)
        at = text.index("Phoenix")
        code(p, doc, at, at + 7, [add_node(p, "Plants")])  # coded while it was being read
        coded = _coded(p)
        with pytest.raises(InvalidInput, match="changed while it was read again"):
            apply_reread(p, plan)
        assert document_text(p, doc) == text and _coded(p) == coded
