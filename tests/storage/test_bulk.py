"""Many rows at once through the driver: the same rows as the ORM would write, and a column
name that does not exist is refused before any SQL runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from storage.bulk import insert_rows
from storage.database import create_database
from storage.models import Document, DocumentPage


def test_rows_land_in_the_columns_named_and_a_wrong_name_is_refused(tmp_path: Path) -> None:
    db = create_database(tmp_path / "p.realist")
    try:
        with db.transaction() as s:
            doc = Document(guid="g", name="d", format="txt", sha256="", text="abc", text_length=3)
            s.add(doc)
            s.flush()
            insert_rows(s, DocumentPage, ("document_id", "number", "end", "start"),
                        [(doc.id, 1, 2, 0), (doc.id, 2, 3, 2)])
            insert_rows(s, DocumentPage, ("document_id", "number", "start", "end"), [])
            with pytest.raises(KeyError, match="stop"):
                insert_rows(s, DocumentPage, ("document_id", "stop"), [(doc.id, 1)])
        with db.reading() as s:
            rows = s.execute(select(DocumentPage.number, DocumentPage.start, DocumentPage.end)
                             .order_by(DocumentPage.number)).all()
        assert [tuple(r) for r in rows] == [(1, 0, 2), (2, 2, 3)]
    finally:
        db.close()
