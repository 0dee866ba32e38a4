"""`install-desktop` / `uninstall-desktop`: Realist Coder among the user's applications (Linux).

Everything goes under the user's data folder (`$XDG_DATA_HOME`, by default ~/.local/share), as
the freedesktop.org specifications lay it out, so no root is needed and uninstalling removes
exactly what installing wrote:

- `applications/realist-coder.desktop`: the menu entry; `Exec=… gui %f`, so a double-clicked
  project opens in the app;
- `icons/hicolor/scalable/apps/realist-coder.svg`: its icon (package data);
- `mime/packages/realist-coder.xml`: the type `application/x-realist-project`, recognised by the
  `*.realist` name and by content (an SQLite file whose application_id is "RCOD"), so a renamed
  project is still ours and another tool's SQLite file is not.

The desktop's caches are then refreshed with `update-mime-database` and
`update-desktop-database` where installed; desktops rescan these folders anyway, so a missing
tool is a note, not a failure.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

from coding.errors import RealistError
from storage.output_files import open_replacing

APP_ID = "realist-coder"
MIME_TYPE = "application/x-realist-project"

MIME_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{MIME_TYPE}">
    <comment>Realist Coder project</comment>
    <sub-class-of type="application/vnd.sqlite3"/>
    <generic-icon name="{APP_ID}"/>
    <glob pattern="*.realist"/>
    <magic priority="60">
      <match type="string" offset="0" value="SQLite format 3">
        <match type="big32" offset="68" value="0x52434F44"/>
      </match>
    </magic>
  </mime-type>
</mime-info>
"""


def register(sub: Any) -> None:
    p = sub.add_parser("install-desktop",
                       help="add Realist Coder to this user's applications menu (Linux)")
    p.set_defaults(handler=cmd_install_desktop)
    p = sub.add_parser("uninstall-desktop",
                       help="remove what install-desktop added")
    p.set_defaults(handler=cmd_uninstall_desktop)


def data_home() -> Path:
    """$XDG_DATA_HOME if set and absolute (the spec says to ignore a relative one)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def desktop_paths(base: Path) -> dict[str, Path]:
    return {
        "entry": base / "applications" / f"{APP_ID}.desktop",
        "icon": base / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        "mime": base / "mime" / "packages" / f"{APP_ID}.xml",
    }


def launcher() -> list[str]:
    """The command that starts this installation: the bundle's executable, the console script
    beside this Python (a venv or pipx), or this Python running the package."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    script = Path(sys.executable).parent / APP_ID
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "coding.cli"]


def exec_quote(arg: str) -> str:
    """One argument of an Exec key: quoted if it needs it, with the spec's two escaping levels
    (backslash, quote, backtick and dollar escaped inside the quotes, then every backslash
    doubled as in any string value), and % doubled so it is not read as a field code."""
    arg = arg.replace("%", "%%")
    if arg and not any(c in arg for c in ' \t\n"\'\\><~|&;$*?#()`'):
        return arg
    inner = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return '"' + inner.replace("\\", "\\\\") + '"'


def desktop_entry(command: list[str]) -> str:
    exec_line = " ".join(exec_quote(part) for part in command)
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Realist Coder\n"
        "GenericName=Qualitative coding\n"
        "Comment=Code documents for realist reviews and evaluations\n"
        f"Exec={exec_line} gui %f\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "Categories=Office;Education;Science;\n"
        f"MimeType={MIME_TYPE};\n"
        "Keywords=qualitative;coding;realist;review;evaluation;CMO;\n"
        f"StartupWMClass={APP_ID}\n"
    )


def install_desktop(base: Path, command: list[str]) -> list[Path]:
    """Write the entry, icon and MIME type under `base`; returns what was written."""
    paths = desktop_paths(base)
    for path in paths.values():
        path.parent.mkdir(parents=True, exist_ok=True)
    icon = files("resources") / "desktop" / f"{APP_ID}.svg"
    contents = {"icon": icon.read_bytes(), "mime": MIME_XML.encode("utf-8"),
                "entry": desktop_entry(command).encode("utf-8")}
    for key, data in contents.items():  # each whole or not at all, like every file we write
        with open_replacing(paths[key], "wb") as fh:
            fh.write(data)
    return list(paths.values())


def uninstall_desktop(base: Path) -> list[Path]:
    """Remove what `install_desktop` wrote (and nothing else); returns what was removed."""
    removed = []
    for path in desktop_paths(base).values():
        if path.is_file():
            path.unlink()
            removed.append(path)
    return removed


def refresh_caches(base: Path) -> list[str]:
    """Run the desktop's cache tools that are installed; returns notes on those that are not
    or that failed (the entry works without them once the desktop rescans)."""
    notes = []
    for tool, folder in (("update-mime-database", base / "mime"),
                         ("update-desktop-database", base / "applications")):
        if not folder.is_dir():
            continue
        found = shutil.which(tool)
        if found is None:
            notes.append(f"{tool} not found; the desktop will pick the change up when it rescans")
            continue
        proc = subprocess.run([found, str(folder)], capture_output=True, text=True, timeout=60)
        if proc.returncode != 0:
            reason = (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1]
            notes.append(f"{tool} failed: {reason}")
    return notes


def _require_linux() -> None:
    if not sys.platform.startswith("linux"):
        raise RealistError("install-desktop is for Linux desktops; on Windows and macOS the "
                           "bundle is the application (see the README, Install)")


def cmd_install_desktop(args: argparse.Namespace) -> int:
    _require_linux()
    base = data_home()
    for path in install_desktop(base, launcher()):
        print(f"wrote {path}")
    for note in refresh_caches(base):
        print(f"realist-coder: note: {note}", file=sys.stderr)
    return 0


def cmd_uninstall_desktop(args: argparse.Namespace) -> int:
    _require_linux()
    base = data_home()
    removed = uninstall_desktop(base)
    for path in removed:
        print(f"removed {path}")
    if not removed:
        print("nothing to remove: install-desktop has not been run for this user")
    for note in refresh_caches(base):
        print(f"realist-coder: note: {note}", file=sys.stderr)
    return 0
