"""Co-occurrence: overlap, within N characters, same paragraph."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.errors import InvalidInput
from coding.filters import ReferenceFilter
from coding.nodes import add_node, find_node
from coding.project import Project
from coding.ratings import rate_reference
from coding.references import code, references_for_node
from coding.review.cooccurrence import cooccurrences
from tests.conftest import add_text_document

TEXT = "Mothers feared judgement.\nA peer made them feel understood.\nLater they felt less alone."


def test_three_tests_of_together(empty_project: Project, tmp_path: Path) -> None:
    p = empty_project
    doc = add_text_document(p, tmp_path, "d", TEXT)
    c = add_node(p, "Contexts/Fear", role="context")
    child = add_node(p, "Contexts/Fear/Of family", role="context")
    m = add_node(p, "Mechanisms/Understood", role="mechanism")
    line2 = TEXT.index("A peer")
    code(p, doc, 0, 24, [c])                       # line 1
    code(p, doc, line2, line2 + 6, [child])        # line 2, under C
    code(p, doc, line2 + 2, line2 + 33, [m])       # line 2, overlaps the child
    overlap = cooccurrences(p, c, m)
    assert [(o.a_start, o.b_start) for o in overlap] == [(line2, line2 + 2)]
    assert overlap[0].text == TEXT[line2:line2 + 33]
    assert cooccurrences(p, c, m, flt=ReferenceFilter(with_descendants=False)) == []
    near = cooccurrences(p, c, m, mode="near", distance=line2 + 2 - 24)
    assert len(near) == 2
    assert len(cooccurrences(p, c, m, mode="near", distance=line2 + 1 - 24)) == 1
    para = cooccurrences(p, c, m, mode="paragraph")
    assert [o.a_start for o in para] == [line2]
    rate_reference(p, references_for_node(p, m)[0].id, relevance="low")
    assert cooccurrences(p, c, m, flt=ReferenceFilter(relevance=("high",))) == []
    with pytest.raises(InvalidInput):
        cooccurrences(p, c, m, mode="sentence")
    with pytest.raises(InvalidInput):
        cooccurrences(p, c, m, mode="near", distance=-1)


def test_cooccur_command(tmp_path: Path) -> None:
    """Through the real command line: the overlap on the known project, near, CSV, errors."""
    import csv

    from tests.coding.review_project import known_file
    from tests.coding.test_cli import assert_one_line_failure
    from tests.conftest import run_cli

    path = known_file(tmp_path)
    # Fear [0,50) [100,120) and Understood [40,60) [100,120) in d1
    overlap = run_cli("cooccur", path, "Contexts/Fear", "Mechanisms/Understood")
    assert overlap.code == 0, overlap.err
    lines = overlap.out.splitlines()
    assert lines[0].split("\t") == ["document", "pages", "start", "end", "a_start", "a_end",
                                    "b_start", "b_end", "text"]
    assert [line.split("\t")[:8] for line in lines[1:]] == [
        ["d1", "", "0", "60", "0", "50", "40", "60"],
        ["d1", "", "100", "120", "100", "120", "100", "120"]]
    out = tmp_path / "co.csv"
    near = run_cli("cooccur", path, "Contexts", "Mechanisms/Understood", "--mode", "near",
                   "--distance", "40", "--csv", out)
    assert near.code == 0, near.err
    # + Fear [100,120) with Understood [40,60): 40 characters apart; [0,50) to [100,120) is 50
    assert near.out.strip() == f"wrote 3 co-occurrence(s) to {out}"
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["a_start"], r["b_start"]) for r in rows] == [("0", "40"), ("100", "40"),
                                                             ("100", "100")]
    none = run_cli("cooccur", path, "Contexts", "Mechanisms/Understood", "--no-descendants")
    assert none.code == 0 and none.out.splitlines()[1:] == []
    assert_one_line_failure(run_cli("cooccur", path, "Contexts/Fear", "Nope"), "Nope")
    assert_one_line_failure(run_cli("cooccur", path, "Contexts/Fear", "Other", "--mode", "near",
                                    "--distance", "-1"), "distance")


def test_a_node_with_itself_or_its_parent_lists_each_pair_once(
    empty_project: Project, tmp_path: Path
) -> None:
    p = empty_project
    doc = add_text_document(p, tmp_path, "d", TEXT)
    fear = add_node(p, "Contexts/Fear", role="context")
    code(p, doc, 0, 7, [fear])
    code(p, doc, 26, 32, [fear])
    (pair,) = cooccurrences(p, fear, fear, mode="near", distance=30)
    assert (pair.a_start, pair.b_start, pair.text) == (0, 26, TEXT[0:32])
    parent = find_node(p, "Contexts")
    assert len(cooccurrences(p, parent, fear, mode="near", distance=30)) == 1
    assert cooccurrences(p, fear, fear) == []  # a reference does not co-occur with itself
