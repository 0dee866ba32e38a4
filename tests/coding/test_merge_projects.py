"""Merging a colleague's project: checksum matching, idempotence, nothing of ours overwritten,
a .qdpx from our own export, and the command line."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from coding.annotations import add_annotation, list_annotations
from coding.coders import list_coders
from coding.documents import (
    document_pages,
    document_text,
    find_document,
    import_files,
    list_documents,
)
from coding.exchange.merge import merge_project
from coding.exchange.merge_undo import undo_merge
from coding.exchange.refi_export import export_qdpx
from coding.memos import get_memo, set_memo
from coding.nodes import add_node, find_node, list_nodes
from coding.project import Project
from coding.ratings import rate_reference
from coding.realist.theories import add_element, add_theory, find_theory, list_theories
from coding.references import Region, code, references_for_node, uncode
from coding.regions import code_region
from coding.theory_log import all_entries
from storage.errors import StorageError
from tests.benchmarks.reading_order import REAL
from tests.coding.two_coders import ANA, BEN
from tests.conftest import run_cli

TEXT = ("Mothers said the peer supporter understood them. Some felt judged by family. "
        "Groups that were not facilitated well left some feeling worse.\n")


def _source(folder: Path, text: str = TEXT, name: str = "Smith 2019.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


@pytest.fixture
def ours(tmp_path: Path) -> Path:
    """Ana's project: the document, a node, her coding, a rating and a memo."""
    path = tmp_path / "ana.realist"
    with Project.create(path, coder=ANA) as p:
        import_files(p, [_source(tmp_path / "ana-files")])
        doc = find_document(p, "Smith 2019")
        node = add_node(p, "Mechanisms/Feeling understood", role="mechanism")
        ref = code(p, doc, *_span(TEXT, "understood them"), [node]).created[0]
        rate_reference(p, ref.id, relevance="high")
        set_memo(p, "node", node, "Ana's thinking.")
    return path


@pytest.fixture
def theirs(tmp_path: Path) -> Path:
    """Ben's project, built on his own computer from the same file: the same node, a new one,
    a theory, his coding (one span identical to Ana's), a rating and memos."""
    path = tmp_path / "ben.realist"
    with Project.create(path, coder=BEN) as p:
        import_files(p, [_source(tmp_path / "ben-files")])
        doc = find_document(p, "Smith 2019")
        understood = add_node(p, "Mechanisms/Feeling understood", role="mechanism")
        judged = add_node(p, "Contexts/Fear of judgement", role="context")
        add_theory(p, "T1", topic="Take-up", statement="If judged, then...",
                   contexts=["Fear of judgement"])
        code(p, doc, *_span(TEXT, "understood them"), [understood])
        ref = code(p, doc, *_span(TEXT, "felt judged by family"), [judged]).created[0]
        rate_reference(p, ref.id, relevance="moderate", note="Ben: indirect")
        set_memo(p, "node", understood, "Ben's view.")
        set_memo(p, "node", judged, "Judgement matters.")
    return path


def _snapshot(path: Path) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(path)
    try:
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)
                for t in ("documents", "nodes", "references", "memos", "coders", "theories",
                          "theory_elements", "theory_log", "annotations")}
    finally:
        con.close()


def test_merge_matches_by_checksum_keeps_coders_and_adds_nothing_twice(
        ours: Path, theirs: Path) -> None:
    with Project.open(ours, coder=ANA) as p:
        report = merge_project(p, theirs)
        assert report.documents_matched == ["Smith 2019"] and report.documents_added == []
        assert report.nodes_added == ["Contexts", "Contexts/Fear of judgement",
                                      "Programme theories", "Programme theories/Take-up",
                                      "Programme theories/Take-up/T1"]
        assert report.theories_added == ["T1"]
        assert report.references_added == {"Ben Okafor": 2}
        assert report.coders_added == ["Ben Okafor"]
        coders = {c.name: c for c in list_coders(p)}
        assert coders["Ben Okafor"].references == 2 and coders["Ana Silva"].references == 1
        understood = references_for_node(p, find_node(p, "Mechanisms/Feeling understood"))
        assert sorted(r.coder_id for r in understood) == sorted(
            [coders["Ana Silva"].id, coders["Ben Okafor"].id])  # the same words, twice
        ana_ref = next(r for r in understood if r.coder_id == coders["Ana Silva"].id)
        assert ana_ref.relevance == "high"
        judged = references_for_node(p, find_node(p, "Contexts/Fear of judgement"))
        assert [(r.relevance, r.rating_note, r.rated_by_id) for r in judged] == [
            ("moderate", "Ben: indirect", coders["Ben Okafor"].id)]
        assert [t.label for t in list_theories(p)] == ["T1"]
        assert get_memo(p, "node", find_node(p, "Contexts/Fear of judgement")) == \
            "Judgement matters."
        memo = get_memo(p, "node", find_node(p, "Mechanisms/Feeling understood"))
        assert memo.startswith("Ana's thinking.") and memo.endswith("Ben's view.")
        assert "Ben Okafor, merged from ben.realist" in memo
    before = _snapshot(ours)
    with Project.open(ours, coder=ANA) as p:
        again = merge_project(p, theirs)
    assert not again.added_anything and again.references_present == 2
    assert _snapshot(ours) == before


def test_what_a_merge_adds_to_the_theories_is_in_their_log(ours: Path, theirs: Path) -> None:
    """RAMESES asks how each theory came to be: a theory or element a colleague's file brought
    in is logged, by the person merging, with the file it came from."""
    with Project.open(ours, coder=ANA) as p:
        merge_project(p, theirs)
        created = [e for e in all_entries(p) if e.label == "T1"]
        assert [(e.action, e.coder, e.reason) for e in created] == [
            ("created", "Ana Silva", "merged from ben.realist")]
        assert created[0].new_value == "If judged, then..."
        assert "Contexts: Fear of judgement." in created[0].detail
    with Project.open(theirs, coder=BEN) as p:  # Ben refines T1 afterwards
        add_element(p, find_theory(p, "T1"), find_node(p, "Mechanisms/Feeling understood"))
    with Project.open(ours, coder=ANA) as p:
        report = merge_project(p, theirs)
        assert report.elements_added == ["T1: Mechanisms/Feeling understood"]
        latest = [e for e in all_entries(p) if e.label == "T1"][-1]
        assert (latest.action, latest.field, latest.new_value, latest.detail, latest.reason) == (
            "element_added", "mechanism", "Feeling understood",
            "a refinement, added during coding", "merged from ben.realist")
        undo_merge(p, report.undo)  # undone with the merge
        assert [e.action for e in all_entries(p) if e.label == "T1"] == ["created"]


def test_a_reference_deleted_here_since_the_copy_is_not_brought_back(
        ours: Path, tmp_path: Path) -> None:
    """Ana gives Ben a copy of her project and then uncodes an excerpt of hers; merging Ben's
    copy brings in his new coding, not her deleted excerpt, and says so. Taking the merge back
    and merging again brings Ben's coding in again."""
    copy = tmp_path / "ben-copy.realist"
    shutil.copyfile(ours, copy)
    with Project.open(copy, coder=BEN) as p:
        code(p, find_document(p, "Smith 2019"), *_span(TEXT, "judged by family"),
             [find_node(p, "Mechanisms/Feeling understood")])
    with Project.open(ours, coder=ANA) as p:
        doc = find_document(p, "Smith 2019")
        uncode(p, doc, *_span(TEXT, "understood them"))
        report = merge_project(p, copy)
        assert report.references_added == {"Ben Okafor": 1}
        assert any("1 reference(s) deleted in this project since" in line
                   for line in report.not_merged)
        coded = [TEXT[r.start:r.end] for r in references_for_node(
            p, find_node(p, "Mechanisms/Feeling understood"))]
        assert coded == ["judged by family"]
        undo_merge(p, report.undo)
        again = merge_project(p, copy)
        assert again.references_added == {"Ben Okafor": 1}


def test_merge_never_changes_the_colleagues_file(ours: Path, theirs: Path) -> None:
    before = _snapshot(theirs)
    with Project.open(ours, coder=ANA) as p:
        merge_project(p, theirs)
    assert _snapshot(theirs) == before


def test_a_document_matched_by_name_has_its_excerpts_found_by_their_words(
        tmp_path: Path, ours: Path) -> None:
    """Ben's copy was read differently (a heading line more): offsets shift, words do not."""
    path = tmp_path / "ben2.realist"
    shifted = "Smith et al., Journal of Peer Support\n" + TEXT
    with Project.create(path, coder=BEN) as p:
        import_files(p, [_source(tmp_path / "ben2-files", shifted)])
        doc = find_document(p, "Smith 2019")
        node = add_node(p, "Mechanisms/Feeling understood")
        code(p, doc, *_span(shifted, "peer supporter"), [node])
        code(p, doc, *_span(shifted, "Journal"), [node])  # not in Ana's text: cannot come
    with Project.open(ours, coder=ANA) as p:
        report = merge_project(p, path)
        assert report.documents_by_name == ["Smith 2019 (a different text)"]
        assert report.references_relocated == 1
        assert any("1 reference(s) whose words" in line for line in report.not_merged)
        text = document_text(p, find_document(p, "Smith 2019"))
        refs = references_for_node(p, find_node(p, "Mechanisms/Feeling understood"))
        assert sorted(text[r.start:r.end] for r in refs) == ["peer supporter", "understood them"]


def test_their_excerpt_across_a_break_read_otherwise_is_placed_on_its_words(
        tmp_path: Path, ours: Path) -> None:
    """Ben's reader made a paragraph break where Ana's read a space: his excerpt and his note
    across it are the same words, and land on them (they were reported as not in our text)."""
    path = tmp_path / "ben3.realist"
    broken = TEXT.replace("peer supporter", "peer\n\nsupporter")
    with Project.create(path, coder=BEN) as p:
        import_files(p, [_source(tmp_path / "ben3-files", broken)])
        doc = find_document(p, "Smith 2019")
        node = add_node(p, "Mechanisms/Feeling understood")
        code(p, doc, *_span(broken, "the peer\n\nsupporter understood"), [node])
        add_annotation(p, doc, *_span(broken, "peer\n\nsupporter"), "Who is meant?")
    with Project.open(ours, coder=ANA) as p:
        report = merge_project(p, path)
        assert not any("whose words" in line or "not in our text" in line
                       for line in report.not_merged), report.not_merged
        text = document_text(p, find_document(p, "Smith 2019"))
        refs = references_for_node(p, find_node(p, "Mechanisms/Feeling understood"))
        assert sorted(text[r.start:r.end] for r in refs) == [
            "the peer supporter understood", "understood them"]
        notes = list_annotations(p, find_document(p, "Smith 2019"))
        assert [text[n.start:n.end] for n in notes] == ["peer supporter"]


def test_their_excerpt_as_an_older_reader_wrote_it_is_placed_on_our_words(
        tmp_path: Path, ours: Path) -> None:
    """Ben's reader left a word hyphenated at a line end ("sup- porter"): his excerpt lands
    on "supporter" in Ana's text (relocate.find_loosely)."""
    path = tmp_path / "ben4.realist"
    hyphenated = TEXT.replace("peer supporter", "peer sup-\nporter")
    with Project.create(path, coder=BEN) as p:
        import_files(p, [_source(tmp_path / "ben4-files", hyphenated)])
        code(p, find_document(p, "Smith 2019"), *_span(hyphenated, "the peer sup-\nporter"),
             [add_node(p, "Mechanisms/Feeling understood")])
    with Project.open(ours, coder=ANA) as p:
        report = merge_project(p, path)
        assert report.references_relocated == 1 and not report.not_merged, report.not_merged
        text = document_text(p, find_document(p, "Smith 2019"))
        refs = references_for_node(p, find_node(p, "Mechanisms/Feeling understood"))
        assert sorted(text[r.start:r.end] for r in refs) == ["the peer supporter", "understood them"]


def test_their_region_over_a_figure_comes_though_their_text_was_read_otherwise(
        tmp_path: Path) -> None:
    """A rectangle over no words (a figure) has no words to be found by: it goes where it
    stood in their text, in proportion, with its page and rectangle."""
    pdf = REAL / "cermine_test3.pdf"
    ben = tmp_path / "ben-pdf.realist"
    with Project.create(ben, coder=BEN) as p:
        import_files(p, [pdf])
    con = sqlite3.connect(ben)  # Ben's copy was read by an older reader: a running head more
    (text,) = con.execute("SELECT text FROM documents").fetchone()
    con.execute("UPDATE documents SET text = ?, text_length = ?",
                ("RUNNING HEAD\n\n" + text, len(text) + 14))
    con.execute("UPDATE document_pages SET start = start + 14 * (number > 1), end = end + 14")
    con.commit()
    con.close()
    figure = Region(2, 100.0, 400.0, 300.0, 500.0)
    with Project.open(ben, coder=BEN) as p:
        doc = find_document(p, "cermine_test3")
        at = document_pages(p, doc)[1].start
        code_region(p, doc, figure, [add_node(p, "Figures")], span=(at, at))
    ana = tmp_path / "ana-pdf.realist"
    with Project.create(ana, coder=ANA) as p:
        import_files(p, [pdf])
        report = merge_project(p, ben)
        assert not report.not_merged, report.not_merged
        [ref] = references_for_node(p, find_node(p, "Figures"))
        assert ref.region == figure and ref.start == ref.end
        assert ref.start in range(len(document_text(p, find_document(p, "cermine_test3"))) + 1)


def test_a_document_the_project_lacks_is_added_with_its_coding(
        tmp_path: Path, ours: Path, theirs: Path) -> None:
    other = "A second study about telephone support.\n"
    with Project.open(theirs, coder=BEN) as p:
        import_files(p, [_source(tmp_path / "extra", other, "Jones 2020.txt")])
        code(p, find_document(p, "Jones 2020"), *_span(other, "telephone"),
             [find_node(p, "Contexts/Fear of judgement")])
    with Project.open(ours, coder=ANA) as p:
        report = merge_project(p, theirs)
        assert report.documents_added == ["Jones 2020"]
        assert sorted(d.name for d in list_documents(p)) == ["Jones 2020", "Smith 2019"]
        assert document_text(p, find_document(p, "Jones 2020")) == other


def test_a_qdpx_from_our_own_export_merges_the_same_way(
        tmp_path: Path, ours: Path, theirs: Path) -> None:
    qdpx = tmp_path / "ben.qdpx"
    with Project.open(theirs, coder=BEN, readonly=True) as p:
        export_qdpx(p, qdpx)
    with Project.open(ours, coder=ANA) as p:
        report = merge_project(p, qdpx)
        assert report.documents_matched == ["Smith 2019"]
        assert report.references_added == {"Ben Okafor": 2}  # creatingUser: the coder
        assert "T1" in report.theories_added
        judged = references_for_node(p, find_node(p, "Contexts/Fear of judgement"))
        assert [r.relevance for r in judged] == ["moderate"]
        ben = next(c.id for c in list_coders(p) if c.name == "Ben Okafor")
    con = sqlite3.connect(ours)  # the memo's writer crossed the .qdpx as its creatingUser
    assert con.execute("SELECT coder_id FROM memos WHERE text = 'Judgement matters.'"
                       ).fetchall() == [(ben,)]
    con.close()
    with Project.open(ours, coder=ANA) as p:
        again = merge_project(p, qdpx)
        assert not again.added_anything
        realist_again = merge_project(p, theirs)  # the same coding, by the other route
        assert not realist_again.added_anything
        assert [n.path for n in list_nodes(p)].count("Contexts/Fear of judgement") == 1


def test_merging_a_file_that_is_not_a_project_changes_nothing(
        tmp_path: Path, ours: Path) -> None:
    bad = tmp_path / "notes.realist"
    bad.write_text("not a project")
    before = _snapshot(ours)
    with Project.open(ours, coder=ANA) as p, pytest.raises(StorageError):
        merge_project(p, bad)
    with Project.open(ours, coder=ANA) as p, pytest.raises(StorageError, match="itself"):
        merge_project(p, ours)
    assert _snapshot(ours) == before


def test_merge_and_compare_on_the_command_line(tmp_path: Path, ours: Path, theirs: Path) -> None:
    merged = run_cli("merge", ours, theirs, "--coder", "Ana Silva")
    assert merged.code == 0, merged.err
    assert "references added: 2 (2 Ben Okafor)" in merged.out
    again = run_cli("merge", ours, theirs)
    assert "nothing new" in again.out
    coders = run_cli("coders", ours)
    assert "Ben Okafor\tBO\t2\t1" in coders.out
    out = tmp_path / "kappa.csv"
    compared = run_cli("compare", ours, "--coders", "AS", "Ben Okafor", "--csv", out)
    assert compared.code == 0, compared.err
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("node,document,characters,kappa,agreement_pct,AS_and_BO_pct")
    assert any(line.startswith("Mechanisms/Feeling understood,Smith 2019,") for line in lines)
    unknown = run_cli("compare", ours, "--coders", "AS", "Nobody")
    assert unknown.code == 1 and "no coder named 'Nobody'" in unknown.err
    assert len(unknown.err.strip().splitlines()) == 1
    missing = run_cli("merge", ours, tmp_path / "gone.realist")
    assert missing.code == 1 and "no such file" in missing.err
    csv_by = run_cli("export-csv", ours, tmp_path / "ben.csv", "--coded-by", "BO")
    assert csv_by.code == 0, csv_by.err
    exported = (tmp_path / "ben.csv").read_text(encoding="utf-8")
    assert "Ben Okafor" in exported and "Ana Silva" not in exported


def test_a_merge_undoes_and_redoes_exactly(ours: Path, theirs: Path, tmp_path: Path) -> None:
    from coding.exchange.merge_undo import redo_merge, undo_merge

    other = "A second study about telephone support.\n"
    with Project.open(theirs, coder=BEN) as p:  # a new document too, with pages and coding
        import_files(p, [_source(tmp_path / "extra", other, "Jones 2020.txt")])
        code(p, find_document(p, "Jones 2020"), *_span(other, "telephone"),
             [find_node(p, "Contexts/Fear of judgement")])
    before = _snapshot(ours)
    with Project.open(ours, coder=ANA) as p:
        report = merge_project(p, theirs)
    merged = _snapshot(ours)
    assert merged != before
    with Project.open(ours, coder=ANA) as p:
        undo_merge(p, report.undo)
        assert _snapshot(ours) == before  # the appended memo is Ana's alone again
        redo_merge(p, report.undo)
    assert _snapshot(ours) == merged


def test_a_qdpx_from_another_tool_names_its_coders_by_creating_user(tmp_path: Path) -> None:
    """Ann coded one selection (creatingUser); a second selection has no creatingUser and
    goes to the file's own creatingUser (Ann again), never to the researcher merging."""
    from tests.refi.samples import SOURCE, TEXT, USER, project_xml, write_qdpx

    qde = project_xml().replace('<Project ', f'<Project creatingUser="{USER}" ').replace(
        "</TextSource>",
        '<PlainTextSelection guid="99999999-0000-4000-8000-000000000001" startPosition="0" '
        'endPosition="5"><Coding guid="99999999-0000-4000-8000-000000000002">'
        '<CodeRef targetGUID="6b9c2f1e-4a0d-4a83-9d43-1c2b3a4d5e6f"/></Coding>'
        "</PlainTextSelection></TextSource>")
    qdpx = write_qdpx(tmp_path / "ann.qdpx", qde, {f"sources/{SOURCE}.txt": TEXT})
    path = tmp_path / "ours.realist"
    with Project.create(path, coder=ANA) as p:
        import_files(p, [_source(tmp_path / "files", TEXT, "Interview.txt")])
        report = merge_project(p, qdpx)
        assert report.documents_matched == ["Interview"]  # by its text's checksum
        assert report.references_added == {"Ann": 2}
        assert report.nodes_added == ["Peer support"]
    no_creator = write_qdpx(tmp_path / "anon.qdpx", qde.replace(f'creatingUser="{USER}" ', "", 1),
                            {f"sources/{SOURCE}.txt": TEXT})
    with Project.create(tmp_path / "second.realist", coder=ANA) as p:
        import_files(p, [_source(tmp_path / "files2", TEXT, "Interview.txt")])
        report = merge_project(p, no_creator)
        assert report.references_added == {"Ann": 1, "anon (unnamed coder)": 1}
