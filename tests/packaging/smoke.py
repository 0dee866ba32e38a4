"""What an installed Realist Coder must do from any folder: the one smoke test the wheel and the
bundle both pass (version, demo, a PDF import, exports, the app offscreen for a few seconds).

Each command runs in a folder outside the repository, with a clean environment: no PYTHONPATH,
a fresh HOME and XDG data folder, PATH holding only the installation and the system, so nothing
of the checkout can be found by accident.

Also a script, for the release workflow on each system (it imports nothing of the checkout):
`python -m tests.packaging.smoke path/to/realist-coder` prints each step's seconds as JSON.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# What Windows needs to start any process at all (SystemRoot for Python's random seed).
WINDOWS_KEEP = ("SYSTEMROOT", "WINDIR", "COMSPEC", "PATHEXT", "TEMP", "TMP", "SYSTEMDRIVE")

PDF = REPO / "resources" / "demo" / "sources" / "04_Kinship_study.pdf"
OLD_PROJECTS = sorted((REPO / "tests" / "storage" / "fixtures").glob("project-*.realist"))


def project_version() -> str:
    with (REPO / "pyproject.toml").open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


@dataclass
class Installed:
    """A `realist-coder` command (a venv's script or a bundle's executable) and where to run it."""

    command: list[str]
    home: Path
    bin_dir: Path

    @property
    def env(self) -> dict[str, str]:
        names = ("LANG", "LC_ALL", "TMPDIR", *(WINDOWS_KEEP if os.name == "nt" else ()))
        keep = {k: os.environ[k] for k in names if k in os.environ}
        system = (os.path.join(os.environ.get("SYSTEMROOT", r"C:\Windows"), "System32")
                  if os.name == "nt" else f"/usr/bin{os.pathsep}/bin")
        return {**keep, "HOME": str(self.home), "USERPROFILE": str(self.home),
                "APPDATA": str(self.home / "appdata"), "LOCALAPPDATA": str(self.home / "local"),
                "XDG_DATA_HOME": str(self.home / "share"),
                "XDG_CONFIG_HOME": str(self.home / "config"), "QT_QPA_PLATFORM": "offscreen",
                "PATH": f"{self.bin_dir}{os.pathsep}{system}"}

    def run(self, *args: object, timeout: float = 180,
            platform: str = "offscreen") -> subprocess.CompletedProcess[str]:
        proc = subprocess.run([*self.command, *map(str, args)], capture_output=True, text=True,
                              cwd=self.home, env={**self.env, "QT_QPA_PLATFORM": platform},
                              timeout=timeout)
        assert "Traceback" not in proc.stderr, proc.stderr
        return proc

    def ok(self, *args: object, timeout: float = 180) -> str:
        proc = self.run(*args, timeout=timeout)
        assert proc.returncode == 0, (args, proc.stdout, proc.stderr)
        return proc.stdout


def check_everything(installed: Installed) -> dict[str, float]:
    """The smoke test; returns seconds per step (reported by the tests, never asserted)."""
    seconds: dict[str, float] = {}

    def timed(name: str, step: object) -> None:
        start = time.perf_counter()
        step()  # type: ignore[operator]
        seconds[name] = round(time.perf_counter() - start, 2)

    timed("version", lambda: check_version(installed))
    timed("demo", lambda: check_demo(installed))
    timed("import_export", lambda: check_import_and_exports(installed))
    timed("old_projects", lambda: check_old_projects_upgrade(installed))
    timed("platform_check", lambda: check_platform_check_sees_the_plugins(installed))
    timed("app", lambda: check_app_starts(installed))
    return seconds


def check_version(installed: Installed) -> None:
    assert installed.ok("--version").strip() == f"realist-coder {project_version()}"


def check_demo(installed: Installed) -> None:
    path = Path(installed.ok("demo", "--no-gui").strip())
    assert path == installed.home / "share" / "realist-coder" / "demo.realist"
    documents = installed.ok("documents", path)
    assert "04_Kinship_study" in documents and "Harbour" in documents
    assert "T4" in installed.ok("theories", path)


def check_import_and_exports(installed: Installed) -> None:
    """A PDF through the importer into a new project (migrations stamp it), then out as CSV and
    as REFI-QDA, which is validated against the packaged schemas before it is written."""
    work = installed.home / "work"
    work.mkdir(exist_ok=True)
    pdf = shutil.copy(PDF, work / "Kinship study.pdf")
    project = work / "review.realist"
    installed.ok("new", project)
    assert "imported Kinship study.pdf" in installed.ok("import", project, pdf)
    installed.ok("node", "add", project, "Mechanisms/Trust", "--role", "mechanism")
    installed.ok("code", project, "Kinship study", "Mechanisms/Trust", "--span", 0, 40)
    installed.ok("export-csv", project, work / "excerpts.csv")
    assert "Mechanisms/Trust" in (work / "excerpts.csv").read_text(encoding="utf-8")
    installed.ok("export-qdpx", installed.home / "share" / "realist-coder" / "demo.realist",
                 work / "demo.qdpx")
    with zipfile.ZipFile(work / "demo.qdpx") as archive:
        assert "project.qde" in archive.namelist()


def check_old_projects_upgrade(installed: Installed) -> None:
    """Every frozen old-version project opens for writing, which the packaged Alembic scripts
    upgrade it for (and back it up first), and then passes the check."""
    for fixture in OLD_PROJECTS:
        copy = shutil.copy(fixture, installed.home / fixture.name)
        installed.ok("node", "add", copy, "Smoke/Upgraded")
        installed.ok("check", copy)


def check_platform_check_sees_the_plugins(installed: Installed) -> None:
    """The start-up check finds this installation's Qt plugins (a bundle keeps them elsewhere):
    asked for a platform there is no plugin for, it answers in one line instead of Qt's abort."""
    if not sys.platform.startswith("linux"):
        return  # the check is Linux's
    proc = installed.run("gui", platform="nosuch")
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.strip() == ("realist-coder: cannot open the app: Qt has no 'nosuch' "
                                   "platform plugin (QT_QPA_PLATFORM)")


def check_app_starts(installed: Installed, seconds: float = 3.0) -> None:
    """The app offscreen on the demo: it opens the project (its lock file appears) and is still
    running a few seconds later; then it is stopped."""
    demo = installed.home / "share" / "realist-coder" / "demo.realist"
    lock = Path(f"{demo}.lock")
    assert not lock.exists()
    # A fresh user is asked who is coding before the window opens (a modal dialog); answer
    # it the command-line way, into this HOME's config folder.
    assert "Smoke Tester" in installed.ok("whoami", "--set", "Smoke Tester")
    proc = subprocess.Popen([*installed.command, "gui", str(demo)], cwd=installed.home,
                            env=installed.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        deadline = time.monotonic() + 120
        while not lock.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert lock.exists(), "the app never opened the project"
        time.sleep(seconds)
        assert proc.poll() is None, "the app stopped by itself"
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=60)
    assert "Traceback" not in err, err


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m tests.packaging.smoke REALIST_CODER_COMMAND...", file=sys.stderr)
        return 2
    command = [str(Path(argv[0]).resolve()), *argv[1:]]
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        seconds = check_everything(Installed(command, home, Path(command[0]).parent))
    print(json.dumps(seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
