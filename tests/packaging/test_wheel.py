"""The wheel, built from the files git tracks and installed outside the repository, works.

Kept cheap so it runs on every `./dev test`: the wheel is built by pip from a copy of the
tracked files (as a clean clone has them); the fresh virtual environment gets the wheel with
`pip install --no-deps`, and its dependencies by a `.pth` line onto a folder of links to the
test environment's installed distributions (all but our own editable install), so nothing is
downloaded or compiled. That those dependencies are the ones the wheel asks for is then
checked by `pip check` inside the fresh environment, which reads the wheel's Requires-Dist
(PySide6 pin included) and fails on any missing or out-of-range one. Resolving them from an
index on each system is the release workflow's job (.github/workflows/release.yml).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import time
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tests.conftest import REPO
from tests.packaging.smoke import Installed, check_everything, project_version

PACKAGES = ("app", "coding", "importers", "storage", "resources")
OURS = ("realist_coder", "__editable__", "_realist_coder", *PACKAGES)


def tracked_files() -> list[Path]:
    listing = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True,
                             check=True, timeout=60).stdout.decode()
    return [Path(name) for name in listing.split("\0") if name and (REPO / name).is_file()]


def build_wheel(out: Path) -> Path:
    """pip builds it (PEP 517, setuptools from the local indexes) from the tracked files only."""
    source = out / "source"
    for rel in tracked_files():
        target = source / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((REPO / rel).read_bytes())
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, source],
                   check=True, capture_output=True, timeout=600)
    (wheel,) = out.glob("realist_coder-*.whl")
    return wheel


def dependency_folder(out: Path) -> Path:
    """Links to the test venv's installed distributions, less our own (editable) install."""
    folder = out / "deps"
    folder.mkdir()
    sites = {Path(sysconfig.get_paths()[kind]) for kind in ("purelib", "platlib")}
    for entry in (e for site in sorted(sites) for e in site.iterdir()):
        if entry.name.startswith(OURS) or entry.suffix == ".pth" or entry.name == "__pycache__":
            continue
        if not (folder / entry.name).exists():
            (folder / entry.name).symlink_to(entry)
    return folder


def install(wheel: Path, out: Path) -> Path:
    venv = out / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True, timeout=120)
    python = venv / "bin" / "python"
    purelib = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True, timeout=60).stdout.strip()
    Path(purelib, "realist_coder_test_deps.pth").write_text(f"{dependency_folder(out)}\n")
    subprocess.run([python, "-m", "pip", "install", "--no-deps", "-q", wheel], check=True,
                   capture_output=True, timeout=300, cwd=out)
    return venv


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, float]]:
    out = tmp_path_factory.mktemp("wheel")
    assert not out.resolve().is_relative_to(REPO)
    start = time.perf_counter()
    wheel = build_wheel(out)
    built = time.perf_counter()
    venv = install(wheel, out)
    cost = {"build": round(built - start, 2), "install": round(time.perf_counter() - built, 2)}
    return wheel, venv, cost


def test_the_wheel_holds_exactly_the_tracked_package_files(
    installed_wheel: tuple[Path, Path, dict[str, float]],
) -> None:
    """Every icon, schema, demo file and Alembic revision git tracks ships, and no litter."""
    wheel, _, _ = installed_wheel
    with zipfile.ZipFile(wheel) as archive:
        names = {n for n in archive.namelist() if ".dist-info/" not in n}
    expected = {rel.as_posix() for rel in tracked_files() if rel.parts[0] in PACKAGES}
    assert names == expected
    assert any(n.startswith("storage/migrations/versions/") for n in names)


def test_the_wheel_declares_pyprojects_dependencies_with_the_pyside_pin(
    installed_wheel: tuple[Path, Path, dict[str, float]],
) -> None:
    wheel, _, _ = installed_wheel
    with zipfile.ZipFile(wheel) as archive:
        metadata = next(archive.read(n).decode() for n in archive.namelist()
                        if n.endswith(".dist-info/METADATA"))
    declared = {str(Requirement(line.split(":", 1)[1].strip()))
                for line in metadata.splitlines() if line.startswith("Requires-Dist:")
                and "extra ==" not in line}
    with (REPO / "pyproject.toml").open("rb") as fh:
        wanted = {str(Requirement(r)) for r in tomllib.load(fh)["project"]["dependencies"]}
    assert declared == wanted
    assert any("<6.12" in r and "python_version < \"3.12\"" in r for r in declared)


def test_the_installed_wheel_works_from_another_folder(
    installed_wheel: tuple[Path, Path, dict[str, float]], tmp_path: Path,
) -> None:
    wheel, venv, cost = installed_wheel
    python = venv / "bin" / "python"
    check = subprocess.run([python, "-m", "pip", "check"], capture_output=True, text=True,
                           timeout=120, cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr  # Requires-Dist all satisfied
    home = tmp_path / "home"
    home.mkdir()
    installed = Installed([str(venv / "bin" / "realist-coder")], home, venv / "bin")
    where = subprocess.run(
        [python, "-c", "import json, app, coding, storage, importers, resources; "
         "print(json.dumps([m.__file__ for m in (app, coding, storage, importers, resources)]))"],
        capture_output=True, text=True, check=True, cwd=home, env=installed.env, timeout=60)
    for module_file in json.loads(where.stdout):
        assert Path(module_file).resolve().is_relative_to(venv.resolve()), module_file
    steps = check_everything(installed)
    print(f"\nwheel {wheel.name}: {wheel.stat().st_size / 1e3:.0f} kB; seconds: {cost | steps}")


def test_the_version_comes_from_the_package_metadata() -> None:
    from importlib.metadata import version

    proc = subprocess.run([sys.executable, "-m", "coding.cli", "--version"], capture_output=True,
                          text=True, timeout=60, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"realist-coder {version('realist-coder')}"
    assert version("realist-coder") == project_version()
