"""Copies of a project made with SQLite's online backup API (never a file copy of a live DB)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path


def backup_dir(project: Path) -> Path:
    return project.with_name(project.name + "-backups")


def backup_to(project: Path, target: Path) -> Path:
    """A consistent snapshot of `project` at `target`, even while another connection writes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target


def backup_before_migration(project: Path, revision: str | None) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    name = f"{project.stem}-before-upgrade-from-{revision or 'none'}-{stamp}{project.suffix}"
    return backup_to(project, backup_dir(project) / name)
