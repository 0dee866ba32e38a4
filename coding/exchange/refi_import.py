"""Import REFI-QDA: a .qdpx becomes a new project, a .qdc adds codes to an open one.

A new project is built in a hidden file beside the target and given its name only when
everything is stored (storage/atomic.py), so a failed or killed import leaves nothing at the
target. What REFI can say and we cannot keep (PDF regions, audio/video, codings of unknown
codes) is listed in the summary instead of failing the import. GUIDs from the file are kept,
so exporting the imported project gives back the same file (apart from dates and the user
running the tool).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coding.changes import Changes
from coding.exchange.refi_store import SourceStore, node_rows, store_codes, store_theories
from coding.identity import CoderIdentity
from coding.project import Project, new_guid
from importers.refi_model import QdaCode, QdaProject, QdaSet
from importers.refi_qda import ZipLimits, read_qdc, read_qdpx
from storage.atomic import discard, place_new, temp_beside
from storage.errors import ProjectExists, StorageError
from storage.models import Coder, Node, NodeLink, Theory
from storage.output_files import check_output

__all__ = ["ImportSummary", "import_qdc", "import_qdpx"]


@dataclass(frozen=True)
class ImportSummary:
    path: Path
    codes: int
    documents: int
    references: int
    memos: int
    cases: int
    not_imported: tuple[str, ...]
    notes: tuple[str, ...] = ()  # e.g. how positions were read, when it was a judgement


def import_qdpx(qdpx_path: Path | str, new_project_path: Path | str,
                limits: ZipLimits | None = None, *,
                unattributed: CoderIdentity | None = None) -> ImportSummary:
    """Read the archive fully first, then build the project; all or nothing.

    Selections without a `creatingUser` belong to the person importing; given `unattributed`
    (a merge: the person merging did not code them), to the file's own creatingUser when it
    names one of its users, else to that identity.
    """
    target = Path(new_project_path)
    if target.exists():
        raise ProjectExists(target, "a file already exists there; choose another name")
    check_output(target, inputs=(qdpx_path,))
    if not target.parent.is_dir():
        raise StorageError(target, f"the folder {target.parent} does not exist")
    data = read_qdpx(qdpx_path, limits)
    tmp = temp_beside(target)
    try:
        with Project.create(tmp, name=data.name or target.stem, coder=unattributed) as project:
            summary = _store_project(project, data, target, by_file_creator=unattributed is not None)
        place_new(tmp, target)
    finally:
        discard(tmp)
    return summary


def _store_project(project: Project, data: QdaProject, target: Path,
                   by_file_creator: bool = False) -> ImportSummary:
    skipped = list(data.skipped)
    with project.db.transaction() as s:
        users = _store_users(s, project, data.users)
        nodes = store_codes(s, data.codes, data.sets, skipped)
        store_theories(s, data.sets, nodes, skipped)
        _store_links(s, data, nodes, skipped)
        default = project.coder_id
        if by_file_creator:
            default = users.get(data.creating_user, default)
        store = SourceStore(s, nodes, users, default, skipped)
        store.documents(data.sources, data.origin)
        cases = store.prepare_cases(data.cases, data.variables)
        store.attributes(data.variables, data.sources, data.cases)
        memos = store.memos(data, _theories_by_set(s, data.sets))
    return ImportSummary(target, len(nodes), len(store.doc_ids), store.reference_count, memos,
                         cases, tuple(skipped), tuple(store.notes))


def _store_users(s: Session, project: Project, users: list[tuple[str, str]]) -> dict[str, int]:
    """Users become coders; the person importing keeps their record, under the file's GUID
    when the file knows them by the same name."""
    me = s.get(Coder, project.coder_id)
    out: dict[str, int] = {}
    for guid, name in users:
        if not guid or guid in out:
            continue
        if me is not None and name == me.name and me.guid not in out:
            me.guid = guid
            out[guid] = me.id
            continue
        known = s.scalar(select(Coder.id).where(Coder.guid == guid))
        if known is not None:  # the same person under another name (renamed since): one coder
            out[guid] = known
            continue
        coder = Coder(guid=guid, name=name or "unknown coder")
        s.add(coder)
        s.flush()
        out[guid] = coder.id
    return out


def _store_links(s: Session, data: QdaProject, nodes: dict[str, int], skipped: list[str]) -> None:
    lost = 0
    for link in data.links:
        if link.origin not in nodes or link.target not in nodes:
            lost += 1  # links between sources, notes or selections have no home here
            continue
        direction = link.direction if link.direction in ("Associative", "OneWay",
                                                         "Bidirectional") else "Associative"
        s.add(NodeLink(guid=link.guid or new_guid(), source_id=nodes[link.origin],
                       target_id=nodes[link.target], name=link.name, direction=direction))
    if lost:
        skipped.append(f"{lost} link(s) not between two codes")


def _theories_by_set(s: Session, sets: list[QdaSet]) -> dict[str, int]:
    guids = [x.guid for x in sets]
    return dict(s.execute(select(Theory.guid, Theory.id).where(Theory.guid.in_(guids)))
                .all())


def import_qdc(project: Project, qdc_path: Path | str) -> tuple[int, Changes]:
    """Add a codebook's codes to the project; codes whose GUID is already here are kept."""
    codes, sets = read_qdc(qdc_path)
    skipped: list[str] = []
    with project.db.transaction() as s:
        known = set(s.scalars(select(Node.guid)))
        fresh: list[QdaCode] = [c for c in codes if c.guid not in known]
        existing = node_rows(s)
        offset = s.scalar(select(func.coalesce(func.max(Node.position) + 1, 0))
                          .where(Node.parent_id.is_(None))) or 0
        added = store_codes(s, fresh, sets, skipped, existing=existing, root_offset=offset)
    return len(added), Changes(nodes=True)
