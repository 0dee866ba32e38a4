"""Issue 18, point 9: `model import` is one transaction, linear, strict about its CSV, and
takes a '/' in a name as text.

The reproduction: a kill left 712 of 10,000 theories; 1,000 rows took 144 s (every element
looked itself up by reading the whole node tree); an unterminated quote swallowed a row;
non-UTF-8 input and oversized cells were taken or crashed; "Rural/remote" became two nodes.
Speed is a benchmark (`python -m tests.benchmarks --only model_import`), not a timed test.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coding.errors import InvalidInput
from coding.nodes import find_node, get_node, list_nodes
from coding.project import Project
from coding.realist.model_csv import import_model
from coding.realist.theories import list_theories
from coding.tables import MAX_CELL_CHARS
from importers.base import ImporterError
from tests.benchmarks.bench_model_import import write_model
from tests.conftest import REPO, run_cli

HEADER = "label,topic,statement,contexts,mechanisms,outcomes\n"


def _theory_count(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT count(*) FROM theories").fetchone()[0])
    finally:
        con.close()


def test_a_bad_last_row_leaves_nothing(empty_project: Project, tmp_path: Path) -> None:
    model = write_model(tmp_path / "model.csv", 300)
    with model.open("a", encoding="utf-8") as fh:
        fh.write("T299,Topic,duplicate label at the end,C,M,O\n")
    with pytest.raises(InvalidInput, match="line 302: theory T299 already exists"):
        import_model(empty_project, model)
    assert list_theories(empty_project) == []
    assert [n.name for n in list_nodes(empty_project)] == []


def test_a_kill_mid_import_leaves_all_or_nothing(tmp_path: Path) -> None:
    project = tmp_path / "model.realist"
    assert run_cli("new", project).code == 0
    model = write_model(tmp_path / "model.csv", 3_000)
    rng = random.Random(9)
    for _ in range(2):
        proc = subprocess.Popen([sys.executable, "-m", "coding.cli", "model", "import",
                                 str(project), str(model)], cwd=REPO,
                                env={**os.environ, "PYTHONPATH": str(REPO)},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 2.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert _theory_count(project) in (0, 3_000)
        if _theory_count(project):
            break
    assert run_cli("check", project).out.strip() == "ok"


@pytest.mark.parametrize(("content", "expected"), [
    (HEADER + 'T1,Topic,"an open quote,C,M,O\nT2,Topic,lost,C,M,O\n', "line 2: not well-formed CSV"),
    (HEADER + 'T1,Topic,"closed" then text,C,M,O\n', "line 2: not well-formed CSV"),
    (HEADER + 'T1,"Topic\nT2",x,C,M,O\n', "line 2: the topic cell runs over several lines"),
    (HEADER + "T1,Topic,x,C,M,O,extra\n", "line 2: 7 cells under a header of 6"),
    (HEADER + "T1,Topic," + "x" * (MAX_CELL_CHARS + 1) + ",C,M,O\n", "line 2: a cell holds"),
], ids=["open-quote", "stray-quote", "quoted-newline-in-topic", "extra-cell", "huge-cell"])
def test_malformed_csv_is_refused_in_one_line(
    empty_project: Project, tmp_path: Path, content: str, expected: str
) -> None:
    model = tmp_path / "model.csv"
    model.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidInput, match=expected):
        import_model(empty_project, model)
    assert list_theories(empty_project) == []


def test_non_utf8_and_non_files_are_refused(demo_path: Path, tmp_path: Path) -> None:
    latin = tmp_path / "latin1.csv"
    latin.write_bytes((HEADER + "T1,Sant\xe9,x,C,M,O\n").encode("latin-1"))
    result = run_cli("model", "import", demo_path, latin)
    assert result.code == 1 and "line 2: not UTF-8 text (byte 0xe9)" in result.err, result
    assert len(result.err.strip().splitlines()) == 1
    fifo = tmp_path / "model.fifo"
    os.mkfifo(fifo)
    with Project.open(demo_path) as project, pytest.raises(ImporterError, match="pipe"):
        import_model(project, fifo)


def test_a_slash_in_an_element_or_a_topic_is_text(empty_project: Project, tmp_path: Path) -> None:
    model = tmp_path / "model.csv"
    model.write_text(HEADER + "T1,Health/social care,x,Rural/remote; Urban,Trust/distrust,"
                     "Uptake\nT2,Health/social care,y,Rural/remote,Trust/distrust,Uptake\n",
                     encoding="utf-8")
    assert import_model(empty_project, model) == ["T1", "T2"]
    rural = find_node(empty_project, "Contexts/Rural/remote")
    info = get_node(empty_project, rural)
    assert info.name == "Rural/remote" and info.depth == 1 and info.role == "context"
    theory = find_node(empty_project, "Programme theories/Health/social care/T1")
    assert get_node(empty_project, theory).depth == 2
    names = {n.name for n in list_nodes(empty_project)}
    assert {"Rural", "remote", "Health", "social care", "Trust"}.isdisjoint(names)
    [t1, t2] = list_theories(empty_project)
    assert {e.name for e in t1.elements} == {"Rural/remote", "Urban", "Trust/distrust", "Uptake"}
    assert t1.topic == t2.topic == "Health/social care"
