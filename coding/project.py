"""A research project: one file, opened once, shared by the CLI and the app."""

from __future__ import annotations

import getpass
import uuid
from pathlib import Path
from types import TracebackType

from sqlalchemy import select

from storage.database import PROJECT_SUFFIX, Database, create_database, open_database
from storage.models import Coder, ProjectSetting, utcnow

__all__ = ["PROJECT_SUFFIX", "Project", "new_guid"]


def new_guid() -> str:
    return str(uuid.uuid4())


class Project:
    """Holds the open database and who is coding; every domain call takes one of these."""

    def __init__(self, db: Database, coder_id: int) -> None:
        self.db = db
        self.coder_id = coder_id

    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def readonly(self) -> bool:
        return self.db.readonly

    @classmethod
    def create(cls, path: Path | str, name: str | None = None) -> Project:
        path = Path(path)
        # the settings are part of the new file, so even a process killed right after the
        # file appears leaves a project with its name and guid
        db = create_database(path, {
            "name": name or path.stem, "guid": new_guid(), "created_at": utcnow().isoformat(),
        })
        return cls(db, _current_coder(db))

    @classmethod
    def open(cls, path: Path | str, readonly: bool = False) -> Project:
        db = open_database(Path(path), readonly=readonly)
        coder_id = 0 if readonly else _current_coder(db)
        return cls(db, coder_id)

    def setting(self, key: str, default: str = "") -> str:
        with self.db.reading() as s:
            row = s.get(ProjectSetting, key)
            return row.value if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.db.transaction() as s:
            s.merge(ProjectSetting(key=key, value=value))

    @property
    def name(self) -> str:
        return self.setting("name", self.path.stem)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _current_coder(db: Database) -> int:
    """The coder record for the person at this keyboard, created on first use."""
    try:
        name = getpass.getuser()
    except Exception:
        name = "researcher"
    with db.transaction() as s:
        coder = s.scalars(select(Coder).where(Coder.name == name)).first()
        if coder is None:
            coder = Coder(guid=new_guid(), name=name)
            s.add(coder)
            s.flush()
        return coder.id
