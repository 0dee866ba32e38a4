"""Opening a project as a new person makes their coder record; closing it again having coded,
rated or written nothing drops it, so a command that failed, or a look at a colleague's file,
does not list them among its coders. A record that anything refers to is never touched."""

from __future__ import annotations

from pathlib import Path

from coding.coders import list_coders
from coding.identity import CoderIdentity
from coding.memos import set_memo
from coding.nodes import add_node
from coding.project import Project
from coding.references import code
from tests.coding.two_coders import ANA, BEN
from tests.conftest import add_text_document, run_cli

CLEO = CoderIdentity("Cleo Marsh", "CM", "0c0c0c0c-0000-4000-8000-00000000000c")


def _project(tmp_path: Path) -> tuple[Path, int, int]:
    path = tmp_path / "p.realist"
    with Project.create(path, coder=ANA) as project:
        doc = add_text_document(project, tmp_path, "notes", "Mothers felt understood by volunteers.")
        node = add_node(project, "Feeling understood")
    return path, doc, node


def _names(path: Path) -> list[str]:
    with Project.open(path, readonly=True) as project:
        return sorted(c.name for c in list_coders(project))


def test_a_session_that_coded_nothing_leaves_no_coder(tmp_path: Path) -> None:
    path, _, _ = _project(tmp_path)
    with Project.open(path, coder=BEN) as project:
        assert "Ben Okafor" in [c.name for c in list_coders(project)]  # while it is open
    assert _names(path) == ["Ana Silva"]


def test_coding_a_rating_or_a_memo_keeps_the_coder(tmp_path: Path) -> None:
    path, doc, node = _project(tmp_path)
    with Project.open(path, coder=BEN) as project:
        code(project, doc, 0, 7, [node])
    with Project.open(path, coder=CLEO) as project:
        set_memo(project, "node", node, "Cleo's thoughts on this node")
    assert _names(path) == ["Ana Silva", "Ben Okafor", "Cleo Marsh"]


def test_a_second_open_in_the_same_process_keeps_the_coder_it_codes_as(tmp_path: Path) -> None:
    path, doc, node = _project(tmp_path)
    first = Project.open(path, coder=BEN)  # makes Ben's record
    with Project.open(path, coder=BEN) as second:
        first.close()  # Ben has coded nothing yet, but the second open codes as him
        code(second, doc, 0, 7, [node])
    assert _names(path) == ["Ana Silva", "Ben Okafor"]


def test_a_command_that_fails_does_not_list_its_user_as_a_coder(tmp_path: Path) -> None:
    path, _, _ = _project(tmp_path)
    failed = run_cli("--coder", "Bo New", "node", "rename", path, "No such node", "Other")
    assert failed.code == 1 and "no node" in failed.err
    assert _names(path) == ["Ana Silva"]
