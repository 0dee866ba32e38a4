"""Where the researcher stopped reading a project, so its next session opens there.

A review runs for months, a sitting a day; each sitting opened on the first document's first
line, and the researcher went looking for the thesis and the page they had reached. The place
is the document shown, the first character on screen and, in the page view, the page at the top
of the view and how far down it. It is kept per project (by the project's GUID, so a moved or
copied file keeps it) in QSettings beside the window's layout: it is how this reader left the
project, not project data, and writing it into the project would change the file each time it
was only read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSettings

from coding.ids import DocumentId


@dataclass(frozen=True)
class Place:
    document: DocumentId
    offset: int | None  # the first character on screen (code points), when known
    page: int = 0  # page view: the page at the top of the view (0-based) ...
    fraction: float = 0.0  # ... and how far down it the view starts


def _key(project: Any) -> str:
    return f"lastPlace/{project.setting('guid', str(project.path))}"


def remember(window: Any) -> None:
    """Keep the place the window shows in its open project: as the project closes, and each
    minute while it is open (written through at once), so a session ended by a crash or a
    power cut reopens where it was too, not at the first document."""
    project, doc_id = window.project, window.current_document_id
    if project is None or doc_id is None:
        return
    offset, page, fraction = window.document_pane.place()
    place = json.dumps(
        {"document": int(doc_id), "offset": offset, "page": page, "fraction": fraction})
    settings = QSettings()
    if settings.value(_key(project)) != place:  # a minute of reading in one place writes once
        settings.setValue(_key(project), place)
        settings.sync()


def recall(project: Any) -> Place | None:
    """The place kept for this project, or None (never kept, or unreadable: then the project
    opens as it always did, at its first document)."""
    try:
        data = json.loads(str(QSettings().value(_key(project), "") or "null"))
        if not isinstance(data, dict):
            return None
        offset = data.get("offset")
        return Place(DocumentId(int(data["document"])),
                     int(offset) if offset is not None else None,
                     max(int(data.get("page", 0)), 0), float(data.get("fraction", 0.0)))
    except (ValueError, TypeError, KeyError):
        return None
