"""The one-folder PyInstaller bundle (`./dev bundle`) builds, stays lean and passes the same smoke
test as the wheel, run from a folder outside the repository with no Python on PATH.

About a minute and a half on the 2-core CI machine (build ~60 s with PyInstaller's cache warm,
smoke ~20 s), under the three minutes that keep it in every `./dev test`.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.packaging.smoke import Installed, check_everything

SPEC = REPO / "bundle" / "realist-coder.spec"
# What "lean" means here, checked by name: Qt modules the app never imports, the Qt parts only
# embedded devices load, the GTK stack the GTK theme plugin drags in, and test-only packages.
NOT_BUNDLED = ("libQt6Network", "libQt6Qml", "libQt6Quick", "libQt6Pdf", "libQt6EglFS",
               "libqeglfs", "libqvnc", "libqgtk3", "libgtk-3", "libcairo", "libpango",
               "reportlab", "pytest", "hypothesis", "PyInstaller")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    out = tmp_path_factory.mktemp("bundle")
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", out / "dist", "--workpath", out / "build", SPEC],
        capture_output=True, text=True, timeout=900, cwd=out)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out / "dist" / "realist-coder", time.perf_counter() - start


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux library names")
def test_the_bundle_leaves_out_what_the_app_never_loads(bundle: tuple[Path, float]) -> None:
    folder, _ = bundle
    names = [p.name for p in folder.rglob("*")]
    found = sorted({bad for bad in NOT_BUNDLED for name in names if name.startswith(bad)})
    assert found == []
    assert any(name.startswith("libqxcb") for name in names)  # the desktop plugins stay
    assert any(name.startswith("libqwayland") for name in names)


def test_the_bundle_works_from_another_folder(bundle: tuple[Path, float], tmp_path: Path) -> None:
    folder, build_seconds = bundle
    home = tmp_path / "home"
    home.mkdir()
    executable = folder / ("realist-coder.exe" if sys.platform == "win32" else "realist-coder")
    installed = Installed([str(executable)], home, folder)
    steps = check_everything(installed)
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"\nbundle {size / 1e6:.0f} MB; build {build_seconds:.0f} s; seconds: {steps}")


def test_the_release_workflow_builds_and_smoke_tests_with_these_files() -> None:
    """The workflow cannot run here; at least what it calls must exist under these names."""
    workflow = (REPO / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    assert "bundle/realist-coder.spec" in workflow and SPEC.is_file()
    assert workflow.count('python -m tests.packaging.smoke "$exe"') == 2  # wheel, bundle
    assert (REPO / "tests" / "packaging" / "smoke.py").is_file()
    assert '".[bundle]"' in workflow
    for system in ("ubuntu-", "windows-", "macos-"):
        assert system in workflow
