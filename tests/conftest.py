"""Shared, Qt-free fixtures. The demo project is built once per session and copied per test."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from coding import identity
from coding.project import Project

REPO = Path(__file__).resolve().parent.parent

# The suite gates a landing: property tests and fuzzers draw the same examples every run, so a
# red run is a regression, not a new draw (a random draw once failed one run in fourteen on a
# real bug, since fixed). HYPOTHESIS_PROFILE=explore draws new examples: run it by hand with
# `-m slow` to look for more.
hypothesis_settings.register_profile("gate", derandomize=True)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "gate"))

# Never the user's own identity file, never their REALIST_CODER: every test (and every CLI child
# process, which inherits the environment) codes as this researcher unless it says otherwise.
TEST_CODER = ("Test Researcher", "TR")
os.environ["REALIST_CODER_CONFIG"] = tempfile.mkdtemp(prefix="realist-coder-config-")
os.environ.pop("REALIST_CODER", None)
_SESSION_IDENTITY = identity.save_identity(*TEST_CODER)


@pytest.fixture(autouse=True)
def coder_identity(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A private copy of the identity file per test (same person, same GUID as the session's
    templates were built by), so a test may change or delete it."""
    source = identity.config_path()
    folder = tmp_path_factory.mktemp("identity")
    shutil.copyfile(source, folder / identity.FILENAME)
    monkeypatch.setenv(identity.CONFIG_ENV, str(folder))
    monkeypatch.delenv(identity.CODER_ENV, raising=False)
    identity.use_for_process(None)
    yield
    identity.use_for_process(None)


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def run_cli(*args: object, cwd: Path | None = None) -> CliResult:
    """Run the real command line in a child process, as a user's script would."""
    proc = subprocess.run(
        [sys.executable, "-m", "coding.cli", *map(str, args)],
        capture_output=True, text=True, cwd=cwd or REPO, timeout=120,
        env={**__import__("os").environ, "PYTHONPATH": str(REPO)},
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


def run_main(capsys: pytest.CaptureFixture[str], *args: object) -> CliResult:
    """The real command line in this process: the same code, without the second or so a new
    Python takes to start (for tests that run many commands)."""
    from coding.cli import main

    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return CliResult(code, out, err)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from coding.cli.demo import build_demo

    path = tmp_path_factory.mktemp("template") / "demo.realist"
    build_demo(path).close()
    return path


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo.realist"
    shutil.copyfile(demo_template, target)
    return target


@pytest.fixture
def demo(demo_path: Path) -> Iterator[Project]:
    with Project.open(demo_path) as project:
        yield project


@pytest.fixture
def empty_project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "empty.realist") as project:
        yield project


def add_text_document(project: Project, tmp_path: Path, name: str, text: str) -> int:
    """A real .txt file on disk, imported through the real importer."""
    from coding.documents import import_files

    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    report = import_files(project, [path])
    assert not report.failed, report.failed
    return report.imported[0][1]
