"""Who is coding: the researcher's name and initials, kept per user outside any project.

One INI file, `identity.ini` in the user's config folder (`$XDG_CONFIG_HOME/Realist Coder/`,
else `~/.config/Realist Coder/`; `REALIST_CODER_CONFIG` names another folder), read and
written here with `configparser` so the CLI, the migrations and the app (which asks for it on
first start and in Preferences) all see the same person without Qt.

Which identity a process uses, first found wins: the CLI's `--coder NAME` (set for the whole
process with `use_for_process`), the `REALIST_CODER` environment variable, the INI file, and
last the operating system's login name — what every reference was attributed to before coder
identity existed, so a project made without a setting keeps reading the same.
"""

from __future__ import annotations

import configparser
import getpass
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from coding.errors import InvalidInput
from storage.output_files import open_replacing

CONFIG_ENV = "REALIST_CODER_CONFIG"
CODER_ENV = "REALIST_CODER"
FOLDER = "Realist Coder"
FILENAME = "identity.ini"
SECTION = "coder"
MAX_NAME = 200
MAX_INITIALS = 10

_process_override: str | None = None


@dataclass(frozen=True)
class CoderIdentity:
    """A person as the app knows them; `guid` ties their coding together across projects
    (empty when the name came from a flag or the environment: matched by name instead)."""

    name: str
    initials: str
    guid: str = ""
    source: str = "setting"  # setting, option, environment, login


def config_dir() -> Path:
    chosen = os.environ.get(CONFIG_ENV)
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / FOLDER


def config_path() -> Path:
    return config_dir() / FILENAME


def initials_of(name: str) -> str:
    """'Ana María Silva' -> 'AMS': the first letter of each word, at most MAX_INITIALS."""
    letters = [w[0] for w in re.split(r"[\s\-_.]+", name) if w and w[0].isalnum()]
    return "".join(letters).upper()[:MAX_INITIALS] or name[:2].upper()


def clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("a coder needs a name")
    if len(name) > MAX_NAME:
        raise InvalidInput(f"a coder's name is at most {MAX_NAME} characters")
    return name


def clean_initials(initials: str, name: str) -> str:
    initials = "".join(initials.split())
    if len(initials) > MAX_INITIALS:
        raise InvalidInput(f"initials are at most {MAX_INITIALS} characters")
    return initials or initials_of(name)


def stored_identity() -> CoderIdentity | None:
    """The researcher's saved identity, or None before they have given one (first start)."""
    path = config_path()
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError, OSError):
        return None  # an unreadable file is treated as absent; saving rewrites it whole
    if not parser.has_section(SECTION):
        return None
    name = " ".join(parser.get(SECTION, "name", fallback="").split())
    if not name:
        return None
    initials = parser.get(SECTION, "initials", fallback="").strip() or initials_of(name)
    return CoderIdentity(name, initials, parser.get(SECTION, "guid", fallback="").strip())


def save_identity(name: str, initials: str = "") -> CoderIdentity:
    """Write the identity (keeping its GUID when only the name or initials change)."""
    name = clean_name(name)
    initials = clean_initials(initials, name)
    previous = stored_identity()
    guid = previous.guid if previous and previous.guid else str(uuid.uuid4())
    parser = configparser.ConfigParser(interpolation=None)
    parser[SECTION] = {"name": name, "initials": initials, "guid": guid}
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open_replacing(path, "w", encoding="utf-8") as out:  # never a half-written file
        parser.write(out)
    return CoderIdentity(name, initials, guid)


def use_for_process(name: str | None) -> None:
    """The CLI's `--coder NAME`: this process codes as NAME (None: back to the default)."""
    global _process_override
    _process_override = clean_name(name) if name is not None else None


def login_name() -> str:
    try:
        return getpass.getuser() or "researcher"
    except Exception:  # no login name in some containers and services
        return "researcher"


def current_identity() -> CoderIdentity:
    """The identity this process codes as (see the module docstring for the order)."""
    stored = stored_identity()
    for name, source in ((_process_override, "option"), (os.environ.get(CODER_ENV), "environment")):
        if name and name.strip():
            name = clean_name(name)
            if stored is not None and stored.name == name:
                return stored  # the same person: keep their GUID and initials
            return CoderIdentity(name, initials_of(name), "", source)
    if stored is not None:
        return stored
    name = login_name()
    return CoderIdentity(name, initials_of(name), "", "login")
