"""The start-up check of Qt's platform plugin: one line naming what is missing, never Qt's abort.

The missing-library case is real: a plugin built here against a library that is then deleted,
loaded by the same dlopen Qt uses; and the check agrees with `ldd` on Qt's own xcb plugin.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo

from app.platform_check import describe_load_error, platform_problem
from tests.conftest import REPO

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's loader")

QT_PLUGINS = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
X = {"DISPLAY": ":0"}


def _plugin_missing_a_library(tmp_path: Path, soname: str) -> Path:
    """plugins/platforms/libqxcb.so that needs `soname`, which no longer exists."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        pytest.skip("no C compiler to build the broken plugin")
    (tmp_path / "empty.c").write_text("int placeholder(void) { return 0; }\n")
    stub = tmp_path / soname
    subprocess.run([cc, "-shared", "-fPIC", "-o", stub, tmp_path / "empty.c",
                    f"-Wl,-soname,{soname}"], check=True, timeout=60)
    plugin = tmp_path / "plugins" / "platforms" / "libqxcb.so"
    plugin.parent.mkdir(parents=True)
    subprocess.run([cc, "-shared", "-fPIC", "-o", plugin, tmp_path / "empty.c",
                    "-Wl,--no-as-needed", f"-L{tmp_path}", f"-l:{soname}"], check=True, timeout=60)
    stub.unlink()
    return tmp_path / "plugins"


def test_a_plugin_whose_library_is_missing_is_named_in_one_line(tmp_path: Path) -> None:
    plugins = _plugin_missing_a_library(tmp_path, "libxcb-rctest.so.0")
    problem = platform_problem({"QT_QPA_PLATFORM": "xcb", **X}, [plugins])
    assert problem is not None and "\n" not in problem
    assert "xcb" in problem and "libxcb-rctest.so.0 is missing" in problem


def test_known_libraries_name_the_package_to_install() -> None:
    message = ("libxcb-cursor.so.0: cannot open shared object file: No such file or directory")
    assert describe_load_error(message) == (
        "the system library libxcb-cursor.so.0 is missing (sudo apt install libxcb-cursor0)")


def test_the_check_agrees_with_ldd_on_qts_own_xcb_plugin() -> None:
    ldd = shutil.which("ldd")
    if ldd is None:
        pytest.skip("no ldd")
    listing = subprocess.run([ldd, QT_PLUGINS / "platforms" / "libqxcb.so"], capture_output=True,
                             text=True, timeout=60).stdout
    missing = re.findall(r"^\s*(\S+) => not found", listing, re.M)
    problem = platform_problem({"QT_QPA_PLATFORM": "xcb", **X}, [QT_PLUGINS])
    if missing:
        assert problem is not None and any(lib in problem for lib in missing)
    else:
        assert problem is None


def test_a_usable_plugin_passes_and_a_fallback_counts() -> None:
    assert platform_problem({"QT_QPA_PLATFORM": "offscreen"}, [QT_PLUGINS]) is None
    assert platform_problem({"QT_QPA_PLATFORM": "nosuch;offscreen"}, [QT_PLUGINS]) is None
    assert platform_problem({"QT_QPA_PLATFORM": "offscreen:fontengine=freetype"}, [QT_PLUGINS]) is None


def test_missing_display_or_plugin_is_one_line() -> None:
    assert "no display" in (platform_problem({}, [QT_PLUGINS]) or "")
    assert "DISPLAY is unset" in (platform_problem({"QT_QPA_PLATFORM": "xcb"}, [QT_PLUGINS]) or "")
    wayland = platform_problem({"QT_QPA_PLATFORM": "wayland"}, [QT_PLUGINS]) or ""
    # on a machine without Wayland's client libraries (this one), that is what is named
    assert "WAYLAND_DISPLAY" in wayland or "libwayland" in wayland
    assert "no 'nosuch' platform plugin" in (
        platform_problem({"QT_QPA_PLATFORM": "nosuch"}, [QT_PLUGINS]) or "")


def test_a_folder_without_platforms_is_left_to_qt(tmp_path: Path) -> None:
    """Where we cannot see the plugins we must not refuse a start that might work."""
    assert platform_problem({"QT_QPA_PLATFORM": "xcb", **X}, [tmp_path]) is None


def test_the_command_says_one_line_where_qt_would_abort(tmp_path: Path) -> None:
    """QT_QPA_PLATFORM=xcb with no X display: Qt aborts (exit 134, a dozen lines)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    proc = subprocess.run([sys.executable, "-m", "coding.cli", "gui"], capture_output=True,
                          text=True, timeout=120, cwd=tmp_path,
                          env={**env, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(REPO)})
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.strip() == ("realist-coder: cannot open the app: Qt's xcb platform needs "
                                   "an X display and DISPLAY is unset")
