"""The demo project the first README command opens, built through the real command line."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli
from tests.reliability.test_lock import _holder_process


def test_demo_builds_where_asked_and_is_reused(tmp_path: Path) -> None:
    target = tmp_path / "demo.realist"
    first = run_cli("demo", target, "--no-gui")
    assert first.code == 0, first.err
    assert first.out.strip() == str(target)
    docs = run_cli("documents", target)
    assert {"txt", "docx", "pdf"} <= {row.split("\t")[2] for row in docs.out.splitlines()[1:]}
    nodes = run_cli("nodes", target).out
    for topic in ("Take-up of support", "Positive impact", "Negative impact"):
        assert f"Programme theories/{topic}/" in nodes
    stamp = target.stat().st_mtime_ns
    assert run_cli("demo", target, "--no-gui").code == 0
    assert target.stat().st_mtime_ns == stamp  # reused, not rebuilt
    assert run_cli("demo", target, "--no-gui", "--rebuild").code == 0


def test_sheet_choices_match_the_exporter() -> None:
    """The CLI spells the choices out so that --help need not import openpyxl."""
    from coding.cli import build_parser
    from coding.exports.xlsx_export import SHEETS

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    xlsx = sub.choices["export-xlsx"]  # type: ignore[index]
    sheets = next(a for a in xlsx._actions if a.dest == "sheets")
    assert tuple(sheets.choices) == SHEETS


def test_rebuild_refuses_while_the_demo_is_open(tmp_path: Path) -> None:
    """Deleting the file under an app that has it open would lose what it writes next."""
    target = tmp_path / "demo.realist"
    assert run_cli("demo", target, "--no-gui").code == 0
    holder = _holder_process(target)
    try:
        inode = target.stat().st_ino
        rebuilt = run_cli("demo", target, "--no-gui", "--rebuild")
        assert rebuilt.code == 1 and "is open in" in rebuilt.err, rebuilt
        assert len(rebuilt.err.strip().splitlines()) == 1
        assert target.stat().st_ino == inode  # the open file was not replaced
    finally:
        holder.kill()
        holder.wait()
    assert run_cli("demo", target, "--no-gui", "--rebuild").code == 0  # stale lock cleared
