"""Can Qt's platform plugin start here? If not, one line saying why, before Qt aborts.

Qt loads its platform plugin (xcb, wayland, offscreen…) inside `QApplication()`. When the
plugin's system libraries are missing (a fresh Debian or Ubuntu lacks `libxcb-cursor0`) or there
is no display, it prints a dozen lines about plugins and aborts the process (core dump, exit
134): a user cannot tell what to install. Here the plugin Qt would pick is loaded first the way
Qt loads it (`dlopen`), and the loader's own error names the first missing library. Linux only:
the Windows and macOS plugins ship their dependencies.

A platform we cannot judge (a name we find no file for outside a plugins folder, a platforms
folder we cannot find) is left to Qt: this check may only ever save a user from an abort,
never refuse a start that would have worked.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

NO_DISPLAY = ("cannot open the app: there is no display (DISPLAY and WAYLAND_DISPLAY are unset); "
              "run it in a desktop session, or use the commands (realist-coder --help)")

# Debian and Ubuntu package of each library Qt's xcb and wayland plugins need and a minimal
# system may lack (the same list `./dev` installs).
DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}
_MISSING = re.compile(r"(\S+?\.so(?:\.[\d.]+)?): cannot open shared object file")


def platform_problem(environ: Mapping[str, str] | None = None,
                     plugin_dirs: Sequence[Path] | None = None) -> str | None:
    """None if Qt's platform plugin should start, else the one line to print instead.
    `plugin_dirs` are the folders holding `platforms/` (by default QT_PLUGIN_PATH and Qt's own,
    searched in that order as Qt does)."""
    if not sys.platform.startswith("linux"):
        return None
    env = os.environ if environ is None else environ
    requested = env.get("QT_QPA_PLATFORM", "")
    if not requested and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        return NO_DISPLAY
    candidates = _candidates(requested, env)
    try:
        dirs = list(plugin_dirs) if plugin_dirs is not None else _plugin_dirs(env)
    except ImportError as exc:  # Qt's own libraries cannot load: the same kind of answer
        return f"cannot open the app: Qt cannot load: {describe_load_error(str(exc))}"
    problems = [_problem(name, dirs, env) for name in candidates]
    if any(problem is None for problem in problems):
        return None
    return f"cannot open the app: {problems[0]}"


def _candidates(requested: str, env: Mapping[str, str]) -> list[str]:
    """The platforms Qt will try, in order: QT_QPA_PLATFORM ('xcb', 'wayland;xcb',
    'offscreen:fontengine=freetype'), else wayland in a Wayland session and then xcb."""
    if requested:
        return [part.split(":")[0].strip() for part in requested.split(";") if part.strip()]
    if env.get("XDG_SESSION_TYPE") == "wayland" or env.get("WAYLAND_DISPLAY"):
        return ["wayland", "xcb"]
    return ["xcb"]


def _plugin_dirs(env: Mapping[str, str]) -> list[Path]:
    from PySide6.QtCore import QLibraryInfo

    dirs = [Path(p) for p in env.get("QT_PLUGIN_PATH", "").split(os.pathsep) if p]
    dirs.append(Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)))
    return dirs


def _problem(name: str, dirs: Sequence[Path], env: Mapping[str, str]) -> str | None:
    """Why platform `name` would not start, or None if it should (or we cannot tell)."""
    plugins = [p for d in dirs for p in sorted((d / "platforms").glob(f"libq{name}*.so"))]
    if not plugins:
        known = any((d / "platforms").is_dir() for d in dirs)
        return f"Qt has no {name!r} platform plugin (QT_QPA_PLATFORM)" if known else None
    errors = [load_error(plugin) for plugin in plugins]
    if all(errors):
        return f"Qt's {name} platform plugin cannot load: {errors[0]}"
    if name == "xcb" and not env.get("DISPLAY"):
        return "Qt's xcb platform needs an X display and DISPLAY is unset"
    if name.startswith("wayland") and not _wayland_socket(env):
        return "Qt's wayland platform needs a Wayland session and WAYLAND_DISPLAY is unset"
    return None


def _wayland_socket(env: Mapping[str, str]) -> bool:
    if env.get("WAYLAND_DISPLAY"):
        return True
    runtime = env.get("XDG_RUNTIME_DIR", "")
    return bool(runtime) and Path(runtime, "wayland-0").exists()


def load_error(library: Path) -> str | None:
    """None if the shared library loads, else what is missing, as a user can act on it."""
    try:
        ctypes.CDLL(str(library))
    except OSError as exc:
        return describe_load_error(str(exc))
    return None


def describe_load_error(message: str) -> str:
    """'libxcb-cursor.so.0: cannot open shared object file…' -> the library and its package."""
    found = _MISSING.search(message)
    if found is None:
        return message.strip().splitlines()[0] if message.strip() else "unknown loader error"
    library = found.group(1).rsplit("/", 1)[-1]
    package = DEBIAN_PACKAGES.get(library)
    hint = f"sudo apt install {package}" if package else "install the package that provides it"
    return f"the system library {library} is missing ({hint})"
