"""A research project: one file, opened once, shared by the CLI and the app."""

from __future__ import annotations

import contextlib
import uuid
from pathlib import Path
from types import TracebackType

from sqlalchemy import delete, select
from sqlalchemy.exc import SQLAlchemyError

from coding.identity import CoderIdentity, current_identity
from storage import lock
from storage.database import PROJECT_SUFFIX, Database, create_database, open_database
from storage.errors import StorageError
from storage.models import Coder, ProjectSetting, utcnow
from storage.usage import is_referenced

__all__ = ["PROJECT_SUFFIX", "Project", "new_guid"]


def new_guid() -> str:
    return str(uuid.uuid4())


class Project:
    """Holds the open database and who is coding; every domain call takes one of these."""

    def __init__(self, db: Database, coder_id: int, *, made: tuple[int, ...] = ()) -> None:
        self.db = db
        self.coder_id = coder_id
        # Coder records this session made on opening the file (a new person at the keyboard):
        # dropped again at close if nothing refers to them, so that running a command that
        # fails, or only looking at a colleague's project, does not list one as its coder.
        self._made = set(made)

    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def readonly(self) -> bool:
        return self.db.readonly

    @classmethod
    def create(cls, path: Path | str, name: str | None = None,
               coder: CoderIdentity | None = None) -> Project:
        path = Path(path)
        # the settings are part of the new file, so even a process killed right after the
        # file appears leaves a project with its name and guid
        db = create_database(path, {
            "name": name or path.stem, "guid": new_guid(), "created_at": utcnow().isoformat(),
        })
        return cls(db, _current_coder(db, coder or current_identity())[0])

    @classmethod
    def open(cls, path: Path | str, readonly: bool = False,
             coder: CoderIdentity | None = None) -> Project:
        """`coder` (default: `coding.identity.current_identity()`) is who codes in this session;
        an upgrade from before coder identity attributes the file's coding to them."""
        who = coder or current_identity()
        db = open_database(Path(path), readonly=readonly, upgrade_attributes={
            "coder_name": who.name, "coder_initials": who.initials, "coder_guid": who.guid,
        })
        coder_id, made = (0, False) if readonly else _current_coder(db, who)
        return cls(db, coder_id, made=(coder_id,) if made else ())

    def use_identity(self, who: CoderIdentity) -> int:
        """Code as `who` from now on (the name changed in Preferences with a project open)."""
        if not self.readonly:
            self.coder_id, made = _current_coder(self.db, who)
            if made:
                self._made.add(self.coder_id)
        return self.coder_id

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
        try:
            self._drop_unused_coders()
        finally:
            self.db.close()

    def _drop_unused_coders(self) -> None:
        """The coder records this session made and nothing refers to, deleted; a file that
        cannot be written now (a full disk) keeps them, as it would have before."""
        if not self._made or self.readonly or lock.holders(self.path) > 1:
            return  # another open of this process may code as them yet
        made, self._made = self._made, set()
        with contextlib.suppress(StorageError, SQLAlchemyError, OSError), \
                self.db.transaction() as s:
            for coder_id in made:
                if not is_referenced(s, Coder, coder_id):
                    s.execute(delete(Coder).where(Coder.id == coder_id))

    def __enter__(self) -> Project:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _current_coder(db: Database, who: CoderIdentity) -> tuple[int, bool]:
    """The coder record for the person at this keyboard, created on first use, and whether it
    was created now.

    Found by the identity's GUID (the same person across projects, even renamed: the record
    follows their new name and initials), else by name; otherwise created.
    """
    with db.transaction() as s:
        coder = None
        if who.guid:
            coder = s.scalars(select(Coder).where(Coder.guid == who.guid)).first()
        if coder is None:
            coder = s.scalars(select(Coder).where(Coder.name == who.name)
                              .order_by(Coder.id)).first()
        if coder is None:
            taken = who.guid and s.scalars(select(Coder.id).where(Coder.guid == who.guid)).first()
            coder = Coder(guid=who.guid if who.guid and not taken else new_guid(),
                          name=who.name, initials=who.initials)
            s.add(coder)
            s.flush()
            return coder.id, True
        elif (coder.name, coder.initials) != (who.name, who.initials) and who.guid == coder.guid:
            coder.name, coder.initials = who.name, who.initials
        elif not coder.initials:
            coder.initials = who.initials
        return coder.id, False
