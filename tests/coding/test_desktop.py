"""`install-desktop` / `uninstall-desktop` against a temporary XDG data folder."""

from __future__ import annotations

import configparser
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from coding.cli.desktop_commands import MIME_TYPE, MIME_XML, desktop_entry, exec_quote
from tests.conftest import run_cli

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG is Linux's")

WRITTEN = ("applications/realist-coder.desktop", "icons/hicolor/scalable/apps/realist-coder.svg",
           "mime/packages/realist-coder.xml")


def _entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def _exec_argv(exec_value: str) -> list[str]:
    """The Exec key read as the Desktop Entry spec says (string escapes first, then quoting;
    inside quotes a backslash escapes " ` $ and itself); shlex differs on $ and `."""
    text = exec_value.replace("\\\\", "\\")
    argv: list[str] = []
    pos = 0
    while pos < len(text):
        if text[pos] == " ":
            pos += 1
        elif text[pos] == '"':
            arg, pos = [], pos + 1
            while text[pos] != '"':
                if text[pos] == "\\":
                    pos += 1
                arg.append(text[pos])
                pos += 1
            argv.append("".join(arg))
            pos += 1
        else:
            end = text.find(" ", pos) if " " in text[pos:] else len(text)
            argv.append(text[pos:end])
            pos = end
    return argv


def test_install_writes_entry_icon_and_mime_type_and_uninstall_removes_only_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    neighbour = data / "applications" / "someone-else.desktop"
    neighbour.parent.mkdir(parents=True)
    neighbour.write_text("[Desktop Entry]\nName=Other\n")

    result = run_cli("install-desktop")
    assert result.code == 0, result.err
    for rel in WRITTEN:
        assert (data / rel).is_file(), rel
        assert str(data / rel) in result.out

    entry = _entry(data / WRITTEN[0])
    assert entry["Type"] == "Application" and entry["Name"] == "Realist Coder"
    assert entry["MimeType"] == f"{MIME_TYPE};" and entry["Icon"] == "realist-coder"
    argv = _exec_argv(entry["Exec"])
    assert argv[-2:] == ["gui", "%f"]  # a double-clicked project opens in the app
    launcher = subprocess.run([*argv[:-2], "--version"], capture_output=True, text=True,
                              timeout=60, cwd=tmp_path)
    assert launcher.returncode == 0 and launcher.stdout.startswith("realist-coder ")

    ET.parse(data / WRITTEN[1])  # the icon is real SVG, copied from the package
    mime = ET.parse(data / WRITTEN[2]).getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    assert mime.find("m:mime-type/m:glob", ns).get("pattern") == "*.realist"  # type: ignore[union-attr]
    if shutil.which("update-mime-database"):  # the desktop's own tool accepted our type
        assert "*.realist" in (data / "mime" / "globs2").read_text()
        assert (data / "mime" / "application" / "x-realist-project.xml").is_file()

    result = run_cli("uninstall-desktop")
    assert result.code == 0, result.err
    assert not any((data / rel).exists() for rel in WRITTEN)
    assert neighbour.is_file()
    again = run_cli("uninstall-desktop")
    assert again.code == 0 and "nothing to remove" in again.out


def test_the_mime_magic_matches_a_real_project_file(tmp_path: Path) -> None:
    """Content sniffing: 'SQLite format 3' at 0 and our application_id, big-endian, at 68."""
    project = tmp_path / "renamed.db"
    assert run_cli("new", project).code == 0
    root = ET.fromstring(MIME_XML)
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    outer = root.find("m:mime-type/m:magic/m:match", ns)
    inner = outer.find("m:match", ns)  # type: ignore[union-attr]
    header = project.read_bytes()[:100]
    assert header[int(outer.get("offset")):].startswith(outer.get("value").encode())  # type: ignore[union-attr,arg-type]
    offset, value = int(inner.get("offset")), int(inner.get("value"), 16)  # type: ignore[union-attr,arg-type]
    assert int.from_bytes(header[offset:offset + 4], "big") == value
    con = sqlite3.connect(project)
    assert con.execute("PRAGMA application_id").fetchone()[0] == value
    con.close()


@pytest.mark.parametrize(("arg", "written"), [
    ("/usr/bin/realist-coder", "/usr/bin/realist-coder"),
    ("/opt/My Apps/realist-coder", '"/opt/My Apps/realist-coder"'),
    ("/home/a$b/rc", '"/home/a\\\\$b/rc"'),
    ("/data/50%/rc", "/data/50%%/rc"),
])
def test_exec_arguments_are_quoted_as_the_desktop_entry_spec_says(arg: str, written: str) -> None:
    assert exec_quote(arg) == written
    line = desktop_entry([arg]).split("Exec=", 1)[1].splitlines()[0]
    assert _exec_argv(line.replace("%%", "%"))[0] == arg
