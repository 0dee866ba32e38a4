"""The node tree: create, find by path, rename, move, recolour, merge, delete."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from coding.changes import Changes
from coding.errors import InvalidInput, NotFound
from coding.ids import NodeId
from coding.names import as_number, check_name
from coding.node_maker import NodeMaker, child_named
from coding.project import Project
from coding.reference_memos import MemoMoves
from coding.references import carry_rating, reference_record
from coding.theory_log import (
    NEW_ENTRIES,
    Journal,
    log_node_edited,
    log_nodes_deleted,
    log_nodes_merged,
)
from storage.models import NODE_ORIGINS, ROLES, Memo, Node, NodeLink, Reference, TheoryElement

PATH_SEPARATOR = "/"
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class NodeInfo:
    id: NodeId
    parent_id: NodeId | None
    name: str
    path: str
    description: str
    color: str
    role: str
    origin: str
    is_codable: bool
    depth: int
    reference_count: int
    document_count: int


def validate_color(color: str) -> str:
    if not _COLOR.match(color):
        raise InvalidInput(f"colour '{color}' is not of the form #RRGGBB")
    return color.upper()


def validate_role(role: str) -> str:
    if role not in ROLES:
        raise InvalidInput(f"role '{role}' is not one of {', '.join(ROLES)}")
    return role


def validate_origin(origin: str) -> str:
    if origin not in NODE_ORIGINS:
        raise InvalidInput(f"origin '{origin}' is not one of {', '.join(NODE_ORIGINS)}")
    return origin


def split_path(path: str) -> list[str]:
    parts = [part.strip() for part in path.split(PATH_SEPARATOR)]
    if not path.strip() or any(not part for part in parts):
        raise InvalidInput(f"node path '{path}' has an empty part")
    return parts


def add_node(
    project: Project,
    path: str,
    *,
    role: str = "none",
    origin: str = "inductive",
    color: str | None = None,
    description: str = "",
    exist_ok: bool = False,
    made: list[NodeId] | None = None,
) -> NodeId:
    """Create "Parent/Child" (parents made as needed, plain folders of the same origin); `made`
    gets the ids of the nodes made, parents first, so undo takes back a path's new folders."""
    parts = split_path(path)
    validate_role(role)
    validate_origin(origin)
    if color is not None:
        color = validate_color(color)
    with project.db.transaction() as s:
        maker = NodeMaker(s)
        parent = maker.path(parts[:-1], origin=origin) if len(parts) > 1 else None
        parent_id = parent.id if parent else None
        if maker.find(parent_id, parts[-1]) is not None and not exist_ok:
            raise InvalidInput(f"node '{path}' already exists")
        node = maker.child(parent_id, parts[-1], role=role, origin=origin, color=color,
                           description=description)
        if made is not None:
            made.extend(NodeId(i) for i in maker.made)
        return NodeId(node.id)


def find_node(project: Project, path_or_id: str | int) -> NodeId:
    """Resolve a node path ("Mechanisms/Empathy"), a unique bare name, or a numeric id."""
    with project.db.reading() as s:
        number = as_number(path_or_id)
        if number is not None:
            node = s.get(Node, number)
            if node is not None:
                return NodeId(node.id)
        text = str(path_or_id)
        parts = split_path(text)
        if len(parts) == 1:
            matches = s.scalars(select(Node.id).where(Node.name == parts[0])).all()
            if len(matches) == 1:
                return NodeId(matches[0])
            if len(matches) > 1:
                raise InvalidInput(f"'{text}' names {len(matches)} nodes; give its full path")
        found = _walk(s, None, parts)
        if found is None:
            raise NotFound(f"no node '{text}' (see `realist-coder nodes`)")
        return NodeId(found)


def _walk(s: Session, parent_id: int | None, parts: list[str]) -> int | None:
    """The node along `parts`, where a name may itself hold '/' ("Contexts/Trust/distrust"
    finds the context "Trust/distrust"): the shortest names first."""
    if not parts:
        return parent_id
    for take in range(1, len(parts) + 1):
        node = child_named(s, parent_id, PATH_SEPARATOR.join(parts[:take]))
        if node is not None:
            found = _walk(s, node.id, parts[take:])
            if found is not None:
                return found
    return None


def list_nodes(project: Project) -> list[NodeInfo]:
    """The whole tree in display order (depth-first, by position), with counts."""
    with project.db.reading() as s:
        nodes = s.scalars(select(Node).order_by(Node.position, Node.id)).all()
        counts = {
            row[0]: (row[1], row[2])
            for row in s.execute(
                select(
                    Reference.node_id,
                    func.count(),
                    func.count(func.distinct(Reference.document_id)),
                ).group_by(Reference.node_id)
            )
        }
    children: dict[int | None, list[Node]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    out: list[NodeInfo] = []

    def walk(parent: int | None, prefix: str, depth: int) -> None:
        for node in children.get(parent, []):
            path = f"{prefix}{node.name}"
            refs, docs = counts.get(node.id, (0, 0))
            out.append(
                NodeInfo(
                    id=NodeId(node.id),
                    parent_id=NodeId(node.parent_id) if node.parent_id else None,
                    name=node.name,
                    path=path,
                    description=node.description,
                    color=node.color,
                    role=node.role,
                    origin=node.origin,
                    is_codable=node.is_codable,
                    depth=depth,
                    reference_count=refs,
                    document_count=docs,
                )
            )
            walk(node.id, path + PATH_SEPARATOR, depth + 1)

    walk(None, "", 0)
    return out


def get_node(project: Project, node_id: NodeId) -> NodeInfo:
    """One node, read on its own: its ancestors for the path, its own counts. (It used to
    build the whole tree to pick one node out, which callers in loops paid for each time.)"""
    with project.db.reading() as s:
        node = s.get(Node, node_id)
        if node is None:
            raise NotFound(f"no node with id {node_id}")
        names, parent = [node.name], node.parent_id
        while parent is not None:
            above = s.get(Node, parent)
            if above is None:
                break
            names.append(above.name)
            parent = above.parent_id
        refs, docs = s.execute(
            select(func.count(), func.count(func.distinct(Reference.document_id)))
            .where(Reference.node_id == node_id)
        ).one()
        return NodeInfo(
            id=NodeId(node.id), parent_id=NodeId(node.parent_id) if node.parent_id else None,
            name=node.name, path=PATH_SEPARATOR.join(reversed(names)),
            description=node.description, color=node.color, role=node.role,
            origin=node.origin, is_codable=node.is_codable, depth=len(names) - 1,
            reference_count=refs, document_count=docs,
        )


def descendants(s: Session, node_id: int) -> list[int]:
    """The node and everything under it (a recursive CTE: standard SQL)."""
    tree = select(Node.id).where(Node.id == node_id).cte("tree", recursive=True)
    tree = tree.union_all(select(Node.id).where(Node.parent_id == tree.c.id))
    return list(s.scalars(select(tree.c.id)))


def update_node(
    project: Project,
    node_id: NodeId,
    *,
    name: str | None = None,
    color: str | None = None,
    role: str | None = None,
    origin: str | None = None,
    description: str | None = None,
    journal: Journal = NEW_ENTRIES,
) -> Changes:
    """Rename, recolour, re-role or describe a node; a new name or role of a theory's element
    is logged in that theory's log (`journal`: an undo takes the entries back, a redo puts the
    same ones back)."""
    with project.db.transaction() as s:
        node = s.get(Node, node_id)
        if node is None:
            raise NotFound(f"no node with id {node_id}")
        new_name = check_name(name, "a node's name") if name is not None else node.name
        logged = log_node_edited(s, node, new_name,
                                 validate_role(role) if role is not None else node.role,
                                 journal, project.coder_id)
        if name is not None:
            if not new_name or PATH_SEPARATOR in new_name:
                raise InvalidInput(
                    f"'{new_name}' is not a valid node name (empty or contains '/')")
            clash = child_named(s, node.parent_id, new_name)
            if clash is not None and clash.id != node.id:
                raise InvalidInput(f"a sibling node is already named '{new_name}'")
            node.name = new_name
        if color is not None:
            node.color = validate_color(color)
        if role is not None:
            node.role = validate_role(role)
        if origin is not None:
            node.origin = validate_origin(origin)
        if description is not None:
            node.description = description
    return Changes(nodes=True, node_ids=frozenset({node_id}), theories=bool(logged),
                   theory_log=frozenset(logged))


def move_node(
    project: Project, node_id: NodeId, new_parent: NodeId | None, position: int | None = None
) -> Changes:
    with project.db.transaction() as s:
        node = s.get(Node, node_id)
        if node is None:
            raise NotFound(f"no node with id {node_id}")
        if new_parent is not None and new_parent in descendants(s, node_id):
            raise InvalidInput("a node cannot be moved inside itself")
        clash = child_named(s, new_parent, node.name)
        if clash is not None and clash.id != node.id:
            raise InvalidInput(f"the new parent already has a node named '{node.name}'")
        node.parent_id = new_parent
        if position is not None:
            s.execute(
                update(Node)
                .where(
                    Node.parent_id.is_(None) if new_parent is None else Node.parent_id == new_parent,
                    Node.position >= position,
                    Node.id != node_id,
                )
                .values(position=Node.position + 1)
            )
            node.position = position
    return Changes(nodes=True, node_ids=frozenset({node_id}))


def merge_nodes(project: Project, source: NodeId, target: NodeId,
                journal: Journal = NEW_ENTRIES) -> Changes:
    """Move `source`'s references (dropping exact duplicates) and children into `target`; each
    theory with `source` as an element logs the change (`journal`: a redo puts back the entries
    the first merge wrote)."""
    if source == target:
        raise InvalidInput("a node cannot be merged into itself")
    with project.db.transaction() as s:
        src, dst = s.get(Node, source), s.get(Node, target)
        if src is None or dst is None:
            raise NotFound("both nodes must exist to merge them")
        if target in descendants(s, source):
            raise InvalidInput("a node cannot be merged into one of its own children")
        logged = log_nodes_merged(s, source, target, journal, project.coder_id)
        same = (Reference.document_id, Reference.coder_id, Reference.start, Reference.end,
                Reference.region_page, Reference.region_left, Reference.region_bottom,
                Reference.region_right, Reference.region_top)  # a region is a duplicate only
        # of the same rectangle, and a colleague's coding of the same words is never one
        existing = {tuple(row[:-1]): row[-1] for row in
                    s.execute(select(*same, Reference.id).where(Reference.node_id == target))}
        memos = MemoMoves()
        for ref in s.scalars(select(Reference).where(Reference.node_id == source)).all():
            kept = existing.get((ref.document_id, ref.coder_id, ref.start, ref.end,
                                 ref.region_page, ref.region_left, ref.region_bottom,
                                 ref.region_right, ref.region_top))
            if kept is None:
                ref.node_id = target
                continue
            twin = s.get(Reference, kept)  # a duplicate: its memo and rating go to its twin
            if twin is not None:
                carry_rating(s, reference_record(twin), reference_record(ref))
            moving = memos.take(s, [ref.id])
            s.delete(ref)
            s.flush()
            memos.give(s, moving, kept)
        s.flush()
        for child in s.scalars(select(Node).where(Node.parent_id == source)):
            child.parent_id = target
        for element in s.scalars(select(TheoryElement).where(TheoryElement.node_id == source)):
            dup = s.get(TheoryElement, (element.theory_id, target))
            if dup is None:
                s.add(TheoryElement(theory_id=element.theory_id, node_id=target,
                                    origin=element.origin, position=element.position))
        s.execute(update(NodeLink).where(NodeLink.source_id == source).values(source_id=target))
        s.execute(update(NodeLink).where(NodeLink.target_id == source).values(target_id=target))
        src_memo = s.scalars(select(Memo).where(Memo.node_id == source)).first()
        if src_memo is not None and src_memo.text.strip():
            dst_memo = s.scalars(select(Memo).where(Memo.node_id == target)).first()
            if dst_memo is None:
                src_memo.node_id = target
            else:
                dst_memo.text = f"{dst_memo.text}\n\n[{src.name}] {src_memo.text}".strip()
        s.flush()
        s.delete(src)
    return Changes(nodes=True, references=True, theories=True,
                   node_ids=frozenset({source, target}), theory_log=frozenset(logged))


def count_references_under(project: Project, node_id: NodeId) -> int:
    """How many references a delete would take with it (for the confirmation)."""
    with project.db.reading() as s:
        ids = descendants(s, node_id)
        return s.scalar(select(func.count()).where(Reference.node_id.in_(ids))) or 0


def delete_node(project: Project, node_id: NodeId, journal: Journal = NEW_ENTRIES) -> Changes:
    """Delete the node and everything under it; each theory element that goes with them is
    logged (`journal`: a redo puts back the entries the first delete wrote)."""
    with project.db.transaction() as s:
        node = s.get(Node, node_id)
        if node is None:
            raise NotFound(f"no node with id {node_id}")
        logged = log_nodes_deleted(s, descendants(s, node_id), journal, project.coder_id)
        s.delete(node)
    return Changes(nodes=True, references=True, theories=True, node_ids=frozenset({node_id}),
                   theory_log=frozenset(logged))
