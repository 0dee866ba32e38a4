"""The app's edits as commands (issue 14): a contract scripts rely on, through the real CLI."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from coding.documents import find_document, list_documents
from coding.memos import get_memo
from coding.nodes import find_node, get_node, list_nodes
from coding.project import Project
from coding.references import references_for_document
from tests.coding.test_cli import assert_one_line_failure
from tests.conftest import run_cli


def test_version_comes_from_the_package_metadata() -> None:
    result = run_cli("--version")
    assert result.code == 0 and result.out.strip() == f"realist-coder {version('realist-coder')}"


def test_document_rename_and_delete(demo_path: Path) -> None:
    renamed = run_cli("document", "rename", demo_path, "01_Harbour_peer_visits_evaluation",
                      "Harbour 2019")
    assert renamed.code == 0, renamed.err
    deleted = run_cli("document", "delete", demo_path, "Harbour 2019")
    assert deleted.code == 0 and "and its 7 coding(s)" in deleted.out
    with Project.open(demo_path, readonly=True) as project:
        assert "Harbour 2019" not in [d.name for d in list_documents(project)]
    assert_one_line_failure(run_cli("document", "delete", demo_path, "Harbour 2019"),
                            "no document named 'Harbour 2019'")
    assert_one_line_failure(run_cli("document", "rename", demo_path, "02_Telephone_befriending_pilot",
                                    "03_Circle_groups_report"), "already named")


def test_node_rename_move_describe_merge_delete(demo_path: Path) -> None:
    p = demo_path
    assert run_cli("node", "rename", p, "Outcomes/Feels worse", "Feels judged").code == 0
    moved = run_cli("node", "move", p, "Outcomes/Feels judged", "Mechanisms")
    assert moved.code == 0 and "to Mechanisms/Feels judged" in moved.out
    assert run_cli("node", "move", p, "Mechanisms/Feels judged", "/").code == 0
    assert run_cli("node", "describe", p, "Feels judged", "-- worse after a visit").code == 0
    assert_one_line_failure(run_cli("node", "move", p, "Outcomes", "Outcomes/Takes up support"),
                            "inside itself")
    merged = run_cli("node", "merge", p, "Feels judged", "Outcomes/Feels less alone")
    assert merged.code == 0, merged.err
    deleted = run_cli("node", "delete", p, "Outcomes/Feels less alone")
    assert deleted.code == 0 and "reference(s)" in deleted.out
    assert "theory element(s) went with them (in the theory log)" in deleted.out  # T3's outcome
    with Project.open(p, readonly=True) as project:
        paths = [n.path for n in list_nodes(project)]
        assert "Feels judged" not in paths and "Outcomes/Feels less alone" not in paths


def test_description_may_start_with_a_dash(demo_path: Path) -> None:
    assert run_cli("node", "describe", demo_path, "Outcomes/Feels worse", "--",
                   "-- harm").code == 0
    with Project.open(demo_path, readonly=True) as project:
        assert get_node(project, find_node(project, "Outcomes/Feels worse")).description == "-- harm"


def test_code_and_uncode_a_phrase_that_starts_with_a_dash(tmp_path: Path) -> None:
    project = tmp_path / "p.realist"
    source = tmp_path / "maths.txt"
    source.write_text("The score went from -2+3 to 7.", encoding="utf-8")
    assert run_cli("new", project).code == 0
    assert run_cli("import", project, source).code == 0
    assert run_cli("node", "add", project, "Outcomes/Score").code == 0
    coded = run_cli("code", project, "maths", "Score", "--text", "-2+3")
    assert coded.code == 0, coded.err
    assert "coded 20-24" in coded.out
    uncoded = run_cli("uncode", project, "maths", "Score", "--text", "-2+3")
    assert uncoded.code == 0 and "1 reference(s) removed" in uncoded.out
    with Project.open(project, readonly=True) as opened:
        assert references_for_document(opened, find_document(opened, "maths")) == []
    assert_one_line_failure(run_cli("uncode", project, "maths", "Score", "--span", "5", "2"),
                            "END must be after START")


def test_memo_prints_sets_and_appends(demo_path: Path) -> None:
    p = demo_path
    assert run_cli("memo", p, "--project", "--set", "- first point").code == 0
    assert run_cli("memo", p, "--project", "--append", "Second.").code == 0
    shown = run_cli("memo", p, "--project")
    assert shown.code == 0 and shown.out == "- first point\n\nSecond.\n"
    assert run_cli("memo", p, "--document", "04_Kinship_study", "--set", "Thesis").code == 0
    assert run_cli("memo", p, "--node", "Outcomes/Feels worse", "--append", "Rare").code == 0
    with Project.open(p, readonly=True) as project:
        assert get_memo(project, "document", find_document(project, "04_Kinship_study")) == "Thesis"
        assert get_memo(project, "node", find_node(project, "Outcomes/Feels worse")).endswith("Rare")
    usage = run_cli("memo", p, "--project", "--node", "X")
    assert usage.code == 2


def test_show_prints_the_stored_text_with_page_markers(demo_path: Path) -> None:
    with Project.open(demo_path, readonly=True) as project:
        from coding.documents import document_text

        text = document_text(project, find_document(project, "04_Kinship_study"))
    # page 2 begins with its first paragraph (found, not written in: the reader's paragraphs
    # before it may change their length)
    start, end = text.index("Some mothers were worried"), len(text)
    whole = run_cli("show", demo_path, "04_Kinship_study")
    assert whole.code == 0
    assert whole.out.startswith("--- page 1 (from character 0) ---\nKinship: a qualitative study")
    assert f"--- page 2 (from character {start}) ---\n" in whole.out
    page = run_cli("show", demo_path, "04_Kinship_study", "--page", "2")
    assert page.code == 0
    assert page.out.startswith(f"--- page 2 (characters {start}–{end}) ---\nSome mothers")
    assert page.out.split("---\n", 1)[1] == text[start:end] + "\n"
    assert_one_line_failure(run_cli("show", demo_path, "04_Kinship_study", "--page", "9"),
                            "no page 9")


def test_search_codes_with_spread(demo_path: Path) -> None:
    assert run_cli("node", "add", demo_path, "Mechanisms/Lived it").code == 0
    result = run_cli("search", demo_path, '"lived through similar difficulties"', "--code",
                     "Mechanisms/Lived it", "--spread", "sentence")
    assert result.code == 0, result.err
    assert "each with its sentence" in result.out
    with Project.open(demo_path, readonly=True) as project:
        doc = find_document(project, "01_Harbour_peer_visits_evaluation")
        from coding.documents import document_text

        text = document_text(project, doc)
        node = find_node(project, "Mechanisms/Lived it")
        (ref,) = [r for r in references_for_document(project, doc) if r.node_id == node]
    assert text[ref.start:ref.end].startswith("Harbour Peer Visits matched mothers")
    assert_one_line_failure(run_cli("search", demo_path, "x", "--spread", "paragraph"),
                            "--spread goes with --code")
