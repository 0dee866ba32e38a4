"""Every foundation subcommand through the real command line, on a real project file."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, CliResult, run_cli

SOURCES = REPO / "resources" / "demo" / "sources"


def assert_one_line_failure(result, *words: str) -> None:  # type: ignore[no-untyped-def]
    assert result.code == 1, result
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert "Traceback" not in result.err
    for word in words:
        assert word in lines[0], lines[0]


def test_full_workflow(tmp_path: Path) -> None:
    project = tmp_path / "review.realist"
    assert run_cli("new", project).code == 0
    result = run_cli("import", project, *sorted(SOURCES.iterdir()), "--case", "Scheme A")
    assert result.code == 0, result.err
    assert result.out.count("imported ") == 4

    docs = run_cli("documents", project)
    assert docs.code == 0
    rows = [line.split("\t") for line in docs.out.strip().splitlines()]
    assert rows[0][:3] == ["id", "name", "format"]
    assert {r[2] for r in rows[1:]} == {"txt", "docx", "pdf"}
    assert all(r[6] == "#1 Scheme A" for r in rows[1:])

    added = run_cli("node", "add", project, "Mechanisms/Feeling understood", "--role", "mechanism",
                    "--origin", "deductive", "--color", "#112233")
    assert added.code == 0, added.err
    nodes = run_cli("nodes", project)
    assert "Mechanisms/Feeling understood\tmechanism\tdeductive\t#112233" in nodes.out

    coded = run_cli("code", project, "04_Kinship_study", "Feeling understood",
                    "--text", "felt understood without having to explain")
    assert coded.code == 0, coded.err
    assert run_cli("code", project, "01_Harbour_peer_visits_evaluation",
                   "Mechanisms/Feeling understood", "--span", "0", "20").code == 0

    out = tmp_path / "excerpts.csv"
    assert run_cli("export-csv", project, out).code == 0
    with out.open(encoding="utf-8", newline="") as fh:
        excerpts = list(csv.DictReader(fh))
    assert {e["excerpt"] for e in excerpts} == {
        "felt understood without having to explain", "Harbour Peer Visits:"}

    cov = run_cli("coverage", project)
    assert "Mechanisms/Feeling understood\tmechanism\tdeductive\t2\t2\t1\t" in cov.out
    by_doc = run_cli("coverage", project, "--by", "document", "--csv", tmp_path / "cov.csv")
    assert by_doc.code == 0
    assert "04_Kinship_study" in (tmp_path / "cov.csv").read_text(encoding="utf-8")
    assert "#1 Scheme A" in run_cli("coverage", project, "--by", "case").out


def test_failures_are_one_line_with_file_and_reason(tmp_path: Path) -> None:
    project = tmp_path / "p.realist"
    assert run_cli("new", project).code == 0
    assert_one_line_failure(run_cli("new", project), "p.realist", "already exists")
    assert_one_line_failure(run_cli("documents", tmp_path / "missing.realist"), "missing.realist")
    bogus = tmp_path / "bogus.realist"
    bogus.write_text("not a project")
    assert_one_line_failure(run_cli("nodes", bogus), "bogus.realist", "not an SQLite")
    assert_one_line_failure(run_cli("code", project, "nodoc", "N", "--span", "0", "1"), "nodoc")
    assert_one_line_failure(run_cli("node", "add", project, "X", "--color", "red"), "red")
    imported = run_cli("import", project, SOURCES / "02_Telephone_befriending_pilot.txt",
                       tmp_path / "absent.pdf")
    assert imported.code == 1 and "absent.pdf" in imported.err and "imported" in imported.out


def test_usage_errors_exit_2_and_every_command_has_help() -> None:
    assert run_cli("frobnicate").code == 2
    assert run_cli("code", "p.realist", "doc", "node").code == 2  # needs --span or --text
    for command in (["new"], ["import"], ["documents"], ["node", "add"], ["nodes"], ["code"],
                    ["export-csv"], ["coverage"], ["demo"], ["gui"]):
        result = run_cli(*command, "--help")
        assert result.code == 0 and "usage:" in result.out, command


def _cli_without_display(*args: object) -> CliResult:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run([sys.executable, "-m", "coding.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=REPO, timeout=120,
                          env={**env, "PYTHONPATH": str(REPO)})
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


def test_the_app_without_a_display_or_on_a_bad_file_fails_in_one_line(tmp_path: Path) -> None:
    """Qt would abort (exit 134, several lines); the gui command says why in one line first."""
    project = tmp_path / "p.realist"
    assert run_cli("new", project).code == 0
    assert_one_line_failure(_cli_without_display("gui", project), "p.realist", "no display")
    assert_one_line_failure(_cli_without_display(), "no display")  # no command = gui
    assert_one_line_failure(run_cli("gui", tmp_path / "absent.realist"), "absent.realist",
                            "no such project")
    assert_one_line_failure(run_cli("gui", tmp_path), "is a folder")
    (tmp_path / "notes.realist").write_text("hello")
    assert_one_line_failure(run_cli("gui", tmp_path / "notes.realist"), "notes.realist",
                            "not an SQLite")


def test_import_password_through_the_command_line(tmp_path: Path) -> None:
    from reportlab.lib import pdfencrypt

    from tests.importers.makers import column_pdf, sentences

    project = tmp_path / "p.realist"
    assert run_cli("new", project).code == 0
    locked = column_pdf(tmp_path / "locked.pdf", 1, sentences(5),
                        encrypt=pdfencrypt.StandardEncryption("user-pw", "owner-pw", strength=128))
    assert_one_line_failure(run_cli("import", project, locked), "locked.pdf", "encrypted")
    assert_one_line_failure(run_cli("import", project, locked, "--password", "nope"),
                            "locked.pdf", "password is wrong")
    assert run_cli("documents", project).out.strip().count("\n") == 0  # header only
    opened = run_cli("import", project, locked, "--password", "user-pw")
    assert opened.code == 0, opened.err
    assert "imported locked.pdf" in opened.out
    assert "\tlocked\tpdf\t1\t" in run_cli("documents", project).out


def test_a_reader_that_stops_early_is_not_an_error(demo_path: Path) -> None:
    """`realist-coder nodes P | head -1`: no traceback, no blame on the project; SIGPIPE's code."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "coding.cli", "nodes", str(demo_path)], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.stdout is not None
    proc.stdout.close()  # before the child has printed anything
    _, err = proc.communicate(timeout=120)
    assert (proc.returncode, err) == (141, b"")
