"""Text search: words, phrases, whole words, case, regex, context, pages; then code the hits."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from coding.errors import InvalidInput
from coding.nodes import add_node, find_node
from coding.project import Project
from coding.references import references_for_node
from coding.review.search import code_hits, search_text
from tests.coding.test_cli import assert_one_line_failure
from tests.conftest import add_text_document, run_cli

TEXT_A = "𝑥 Peer support helped.\nThe peer\nsupport worker; supportive PEER groups."
TEXT_B = "Nothing here but support."


def test_query_kinds(empty_project: Project, tmp_path: Path) -> None:
    p = empty_project
    add_text_document(p, tmp_path, "a", TEXT_A)
    add_text_document(p, tmp_path, "b", TEXT_B)
    words = search_text(p, "support")
    assert (words.total, words.documents) == (4, 2)
    first = words.hits[0]
    assert (first.document, first.start, first.end) == ("a", 7, 14)  # code points: 𝑥 is one
    assert TEXT_A[first.start:first.end] == "support"
    assert first.before == "𝑥 Peer " and first.after.startswith(" helped.")
    assert search_text(p, "support", whole_word=True).total == 3
    assert search_text(p, "peer", case_sensitive=True).total == 1
    phrase = search_text(p, '"peer support"')
    assert [h.match for h in phrase.hits] == ["Peer support", "peer\nsupport"]
    either = search_text(p, 'helped worker')
    assert [h.match for h in either.hits] == ["helped", "worker"]
    regex = search_text(p, r"support\w+", regex=True)
    assert [h.match for h in regex.hits] == ["supportive"]
    limited = search_text(p, "support", limit=1)
    assert (len(limited.hits), limited.total, limited.truncated) == (1, 4, True)
    assert "[support]" in limited.hits[0].kwic
    with pytest.raises(InvalidInput, match="regular expression"):
        search_text(p, "(unclosed", regex=True)
    with pytest.raises(InvalidInput):
        search_text(p, "   ")


def test_select_hits_and_code_them_in_one_action(empty_project: Project, tmp_path: Path) -> None:
    p = empty_project
    add_text_document(p, tmp_path, "a", TEXT_A)
    node = add_node(p, "Mechanisms/Support", role="mechanism")
    hits = search_text(p, "support", whole_word=True).hits
    result = code_hits(p, hits[:2], node)
    assert len(result.created) == 2 and result.changes.references
    spans = [(r.start, r.end) for r in references_for_node(p, node)]
    assert spans == [(hits[0].start, hits[0].end), (hits[1].start, hits[1].end)]
    with pytest.raises(InvalidInput):
        code_hits(p, [], node)


def test_search_command_lists_counts_and_codes(tmp_path: Path) -> None:
    path = tmp_path / "s.realist"
    with Project.create(path) as p:
        add_text_document(p, tmp_path, "a", TEXT_A)
        add_node(p, "Support")
    listed = run_cli("search", path, "support", "--whole-word", "--limit", "1")
    assert listed.code == 0, listed.err
    lines = listed.out.splitlines()
    assert lines[0] == "document\tpage\tstart\tend\tmatch\tcontext"
    assert lines[1].startswith("a\t\t7\t14\tsupport\t")
    assert lines[-1] == "2 hit(s) in 1 document(s) (listing 1)"
    coded = run_cli("search", path, r"support\b", "--regex", "--code", "Support",
                    "--csv", tmp_path / "hits.csv")
    assert coded.code == 0, coded.err
    assert "coded 2 hit(s) to Support: 2 reference(s) created" in coded.out
    with Project.open(path) as p:
        assert len(references_for_node(p, find_node(p, "Support"))) == 2
    assert_one_line_failure(run_cli("search", path, "(", "--regex"), "regular expression")


def test_coding_hits_is_one_action_all_or_nothing(empty_project: Project, tmp_path: Path) -> None:
    """Touching hits merge into one reference; undo takes the whole action back; a failure
    part-way codes nothing."""
    from coding.reference_undo import undo_coding

    p = empty_project
    add_text_document(p, tmp_path, "t", "abab ab")
    node = add_node(p, "Pattern")
    hits = search_text(p, "ab").hits
    assert [(h.start, h.end) for h in hits] == [(0, 2), (2, 4), (5, 7)]
    result = code_hits(p, hits, node)
    assert sorted((r.start, r.end) for r in result.created) == [(0, 4), (5, 7)]
    assert result.removed == ()  # the merged-away (0, 2) was never there before the action
    assert sorted((r.start, r.end) for r in references_for_node(p, node)) == [(0, 4), (5, 7)]
    undo_coding(p, result)
    assert references_for_node(p, node) == []
    beyond = replace(hits[0], start=5, end=99)  # a stale hit: the text is 7 long
    with pytest.raises(InvalidInput, match="not inside"):
        code_hits(p, [hits[0], beyond], node)
    assert references_for_node(p, node) == []  # the first hit was not kept either


def test_hits_carry_the_page_they_fall_on(tmp_path: Path) -> None:
    """A three-page PDF: each hit names its page, in the core and on the command line."""
    from coding.documents import import_files
    from tests.coding.test_exports_office import _pdf

    path = tmp_path / "paged.realist"
    with Project.create(path) as p:
        pdf = _pdf(tmp_path / "Smith 2019.pdf", ["Mothers feared judgement.",
                                                 "A peer made them feel understood.",
                                                 "Later a peer was there again."])
        assert not import_files(p, [pdf]).failed
        hits = search_text(p, "peer").hits
        assert [h.page for h in hits] == [2, 3]
        assert search_text(p, "Mothers").hits[0].page == 1
    listed = run_cli("search", path, "peer", "--csv", tmp_path / "hits.csv")
    assert listed.code == 0, listed.err
    assert listed.out.strip() == "2 hit(s) in 1 document(s)"
    import csv

    with (tmp_path / "hits.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["document"], r["page"], r["match"]) for r in rows] == [
        ("Smith 2019", "2", "peer"), ("Smith 2019", "3", "peer")]
    assert "[peer]" in rows[0]["context"]
