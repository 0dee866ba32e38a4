"""Programme theories: (possibly partial) C-M-O configurations built from role-bearing nodes.

Tree convention: a theory's own node lives at "Programme theories/<Topic>/<label>" so that an
excerpt can be coded to the configuration as a whole; its elements are ordinary nodes under
"Contexts", "Mechanisms" and "Outcomes", so one element can serve several theories.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from coding.changes import Changes
from coding.errors import InvalidInput, NotFound
from coding.ids import NodeId, TheoryId, TopicId
from coding.names import check_name
from coding.node_maker import NodeMaker
from coding.nodes import move_node, update_node
from coding.project import Project, new_guid
from coding.theory_log import (
    NEW_ENTRIES,
    Entry,
    Journal,
    configuration_summary,
    element_words,
    write,
)
from storage.models import THEORY_ORIGINS, Node, Reference, Theory, TheoryElement, Topic

THEORIES_FOLDER = "Programme theories"
ORIGINS: tuple[str, ...] = THEORY_ORIGINS
ROLE_FOLDERS = {"context": "Contexts", "mechanism": "Mechanisms", "outcome": "Outcomes"}


@dataclass(frozen=True)
class ElementInfo:
    node_id: NodeId
    name: str
    role: str
    origin: str


@dataclass(frozen=True)
class TheoryInfo:
    id: TheoryId
    label: str
    topic: str
    statement: str
    origin: str
    status_override: str | None
    node_id: NodeId | None
    elements: tuple[ElementInfo, ...]
    guid: str = ""  # stable across renames: the key of the theory's log

    def of_role(self, role: str) -> list[ElementInfo]:
        return [e for e in self.elements if e.role == role]

    @property
    def is_partial(self) -> bool:
        return any(not self.of_role(role) for role in ROLE_FOLDERS)


class TheoryMaker:
    """Topics, element nodes and theories made inside one session (so one transaction).

    The public functions below each use one for a single change; `model import` uses one for
    thousands of rows (`batch`: what exists is read once, then kept up to date), which keeps
    the whole import one transaction and linear in rows. Names are taken literally: a '/' in
    an element or a topic is part of its name, not a path (issue 18).
    """

    def __init__(self, s: Session, *, batch: bool = False, coder_id: int | None = None) -> None:
        self.s = s
        self.coder_id = coder_id  # who the log names as making the changes
        self.nodes = NodeMaker(s, batch=batch)
        self._topics: dict[str, Topic] | None = None
        self._labels: set[str] | None = None
        self._theory_position: int | None = None

    def topic(self, name: str) -> Topic:
        name = check_name(name, "a topic")
        if not name:
            raise InvalidInput("a topic needs a name")
        if self._topics is None:
            self._topics = {t.name: t for t in self.s.scalars(select(Topic))}
        topic = self._topics.get(name)
        if topic is None:
            position = max((t.position for t in self._topics.values()), default=-1) + 1
            topic = self._topics[name] = Topic(name=name, position=position)
            self.s.add(topic)
            self.s.flush()
        return topic

    def _folder(self, role: str, origin: str) -> Node:
        if role not in ROLE_FOLDERS:
            raise InvalidInput(f"an element's role is context, mechanism or outcome, not '{role}'")
        return self.nodes.child(None, ROLE_FOLDERS[role], origin=origin)

    def existing_element(self, role: str, name: str) -> Node | None:
        """The element's node if it exists, refused if it has another C/M/O role: attached,
        it would be invisible as a context, mechanism or outcome."""
        if role not in ROLE_FOLDERS:
            raise InvalidInput(f"an element's role is context, mechanism or outcome, not '{role}'")
        folder = self.nodes.find(None, ROLE_FOLDERS[role])
        node = self.nodes.find(folder.id, name.strip()) if folder is not None else None
        if node is not None and node.role not in ("none", role):
            raise InvalidInput(f"node '{ROLE_FOLDERS[role]}/{node.name}' is a {node.role}, "
                               f"not a {role}")
        return node

    def element(self, role: str, name: str, origin: str) -> Node:
        """The shared node for a context/mechanism/outcome, made if new; an existing node there
        without a role takes this one."""
        node = self.existing_element(role, name)
        node_origin = "deductive" if origin == "initial" else "inductive"
        if node is None:
            folder = self._folder(role, node_origin)
            node = self.nodes.child(folder.id, name, role=role, origin=node_origin)
        if node.role != role:
            node.role = role
        return node

    def theory(self, label: str, *, topic: str, statement: str, origin: str,
               elements: Sequence[int], journal: Journal = NEW_ENTRIES) -> Theory:
        """A theory, its own node ("Programme theories/<topic>/<label>"), its elements and the
        log's "created" entry."""
        label = check_name(label, "a theory's label")
        if not label or "/" in label:
            raise InvalidInput("a theory needs a label such as T4 (without '/')")
        if origin not in THEORY_ORIGINS:
            raise InvalidInput(f"theory origin is one of {', '.join(THEORY_ORIGINS)}")
        if self._labels is None:
            self._labels = set(self.s.scalars(select(Theory.label)))
        if label in self._labels:
            raise InvalidInput(f"theory {label} already exists")
        topic_row = self.topic(topic)
        node_origin = "deductive" if origin == "initial" else "inductive"
        root = self.nodes.child(None, THEORIES_FOLDER, origin=node_origin)
        folder = self.nodes.child(root.id, topic_row.name, origin=node_origin)
        if self.nodes.find(folder.id, label) is not None:
            raise InvalidInput(f"node '{THEORIES_FOLDER}/{topic_row.name}/{label}' already exists")
        own = self.nodes.child(folder.id, label, origin=node_origin, description=statement)
        if self._theory_position is None:
            self._theory_position = self.s.scalar(
                select(func.coalesce(func.max(Theory.position) + 1, 0))) or 0
        theory = Theory(guid=new_guid(), label=label, topic_id=topic_row.id, statement=statement,
                        origin=origin, node_id=own.id, position=self._theory_position)
        self._theory_position += 1
        self._labels.add(label)
        self.s.add(theory)
        self.s.flush()
        unique = list(dict.fromkeys(elements))
        self.s.add_all(TheoryElement(theory_id=theory.id, node_id=node_id, origin=origin,
                                     position=index) for index, node_id in enumerate(unique))
        nodes = [self.s.get(Node, node_id) for node_id in unique]  # known to the session
        summary = configuration_summary(topic_row.name, origin, [
            (node.name, node.role, origin) for node in nodes if node is not None])
        write(self.s, journal, [Entry(theory.guid, label, "created", new_value=statement,
                                      detail=summary)], coder_id=self.coder_id)
        return theory

    def attach(self, theory: Theory, node_ids: Sequence[int], origin: str,
               journal: Journal = NEW_ENTRIES) -> tuple[int, ...]:
        """Add elements after the theory's others (refinements when `origin` is "new"), each
        logged; returns the log entries written."""
        if not node_ids:
            return ()
        have = set(self.s.scalars(
            select(TheoryElement.node_id).where(TheoryElement.theory_id == theory.id)))
        position, entries = len(have), []
        for node_id in dict.fromkeys(node_ids):
            node = self.s.get(Node, node_id)
            if node_id in have or node is None:
                continue
            self.s.add(TheoryElement(theory_id=theory.id, node_id=node_id, origin=origin,
                                     position=position))
            position += 1
            entries.append(Entry(theory.guid, theory.label, "element_added", field=node.role,
                                 new_value=node.name, detail=element_words(origin, theory.origin)))
        return write(self.s, journal, entries, coder_id=self.coder_id) if entries else ()


def usual_origin(project: Project, theory_origin: str = "initial") -> str:
    """The origin a theory or element entered by hand most likely has: "initial" while nothing
    is coded yet (the researcher is entering the initial model), "new" once coding has begun
    or on a new theory. Entered as "new" by default, an initial model came out in capitals as
    if coding had found all of it."""
    with project.db.reading() as s:
        coded = bool(s.scalar(select(exists().where(Reference.id.is_not(None)))))
    return "initial" if theory_origin == "initial" and not coded else "new"


def ensure_topic(project: Project, name: str) -> TopicId:
    with project.db.transaction() as s:
        return TopicId(TheoryMaker(s).topic(name).id)


def check_element(project: Project, role: str, name: str) -> None:
    """Refuse an element name whose node exists with another C/M/O role (before anything is
    written)."""
    with project.db.reading() as s:
        TheoryMaker(s).existing_element(role, name)


def element_node(project: Project, role: str, name: str, origin: str) -> NodeId:
    """The shared node for a context/mechanism/outcome, created if new; an existing node there
    without a role takes this one."""
    with project.db.transaction() as s:
        return NodeId(TheoryMaker(s).element(role, name, origin).id)


def add_theory(
    project: Project,
    label: str,
    *,
    topic: str,
    statement: str = "",
    contexts: Sequence[str] = (),
    mechanisms: Sequence[str] = (),
    outcomes: Sequence[str] = (),
    origin: str = "initial",
    element_nodes: Sequence[NodeId] = (),
    journal: Journal = NEW_ENTRIES,
) -> TheoryId:
    """Create a theory, its own node and its elements (named, or existing nodes with a role),
    in one transaction; the log's "created" entry holds the statement and the configuration
    as first written."""
    with project.db.transaction() as s:
        maker = TheoryMaker(s, coder_id=project.coder_id)
        named = [(role, name) for role, names in (("context", contexts),
                 ("mechanism", mechanisms), ("outcome", outcomes)) for name in names
                 if name.strip()]
        for role, name in named:
            maker.existing_element(role, name)  # every refusal before anything is made
        for node_id in element_nodes:
            node = s.get(Node, node_id)
            if node is None:
                raise NotFound(f"no node with id {node_id}")
            if node.role not in ROLE_FOLDERS:
                raise InvalidInput(f"'{node.name}' has no context/mechanism/outcome role")
        elements = [maker.element(role, name, origin).id for role, name in named]
        theory = maker.theory(label, topic=topic, statement=statement, origin=origin,
                              elements=[*elements, *element_nodes], journal=journal)
        return TheoryId(theory.id)


def list_theories(project: Project) -> list[TheoryInfo]:
    with project.db.reading() as s:
        theories = s.execute(
            select(Theory, Topic.name, Topic.position)
            .outerjoin(Topic, Theory.topic_id == Topic.id)
            .order_by(func.coalesce(Topic.position, 1_000_000), Theory.position, Theory.id)
        ).all()
        element_rows = s.execute(
            select(TheoryElement.theory_id, Node.id, Node.name, Node.role, TheoryElement.origin)
            .join(Node, Node.id == TheoryElement.node_id)
            .order_by(TheoryElement.position)
        ).all()
    elements: dict[int, list[ElementInfo]] = {}
    for theory_id, node_id, name, role, origin in element_rows:
        elements.setdefault(theory_id, []).append(ElementInfo(NodeId(node_id), name, role, origin))
    return [
        TheoryInfo(
            id=TheoryId(t.id), label=t.label, topic=topic or "", statement=t.statement,
            origin=t.origin, status_override=t.status_override,
            node_id=NodeId(t.node_id) if t.node_id else None,
            elements=tuple(elements.get(t.id, [])), guid=t.guid,
        )
        for t, topic, _ in theories
    ]


def find_theory(project: Project, label: str) -> TheoryId:
    with project.db.reading() as s:
        found = s.scalar(select(Theory.id).where(Theory.label == label.strip()))
    if found is None:
        raise NotFound(f"no theory labelled '{label}'")
    return TheoryId(found)


def add_element(
    project: Project, theory_id: TheoryId, node_id: NodeId, origin: str = "new",
    journal: Journal = NEW_ENTRIES,
) -> Changes:
    """Attach a node as an element (a refinement when `origin` is "new"); logged only when it
    was not attached already."""
    with project.db.transaction() as s:
        theory = s.get(Theory, theory_id)
        if theory is None:
            raise NotFound(f"no theory with id {theory_id}")
        node = s.get(Node, node_id)
        if node is None:
            raise NotFound(f"no node with id {node_id}")
        if node.role not in ROLE_FOLDERS:
            raise InvalidInput(f"'{node.name}' has no context/mechanism/outcome role")
        logged = TheoryMaker(s, coder_id=project.coder_id).attach(theory, [node_id], origin,
                                                                 journal)
    return Changes(theories=True, theory_log=frozenset(logged))


def remove_element(project: Project, theory_id: TheoryId, node_id: NodeId,
                   journal: Journal = NEW_ENTRIES) -> Changes:
    """Detach an element; its node and coding stay (another theory may use them)."""
    with project.db.transaction() as s:
        element = s.get(TheoryElement, (theory_id, node_id))
        theory = s.get(Theory, theory_id)
        node = s.get(Node, node_id)
        if element is None or theory is None or node is None:
            raise NotFound("that node is not an element of this theory")
        logged = write(s, journal, [Entry(
            theory.guid, theory.label, "element_removed", field=node.role, old_value=node.name,
            detail=element_words(element.origin, theory.origin))], coder_id=project.coder_id)
        s.delete(element)
    return Changes(theories=True, theory_log=frozenset(logged))


def update_theory(
    project: Project,
    theory_id: TheoryId,
    *,
    statement: str | None = None,
    topic: str | None = None,
    origin: str | None = None,
    label: str | None = None,
    journal: Journal = NEW_ENTRIES,
) -> Changes:
    """Edit a theory; its own node follows (renamed with the label, moved to the new topic's
    folder, its description kept equal to the statement), so the tree never contradicts it.
    Each field that really changes is logged with its old and new text."""
    if origin is not None and origin not in THEORY_ORIGINS:
        raise InvalidInput(f"theory origin is one of {', '.join(THEORY_ORIGINS)}")
    if label is not None:
        label = check_name(label, "a theory's label")
        if not label or "/" in label:
            raise InvalidInput("a theory needs a label such as T4 (without '/')")
    if topic is not None and not topic.strip():
        raise InvalidInput("a topic needs a name")
    with project.db.reading() as s:
        theory = s.get(Theory, theory_id)
        if theory is None:
            raise NotFound(f"no theory with id {theory_id}")
        node_id = NodeId(theory.node_id) if theory.node_id else None
        if label is not None and label != theory.label and s.scalar(
                select(Theory.id).where(Theory.label == label)) is not None:
            raise InvalidInput(f"theory {label} already exists")
    topic_id = ensure_topic(project, topic) if topic is not None else None
    with project.db.transaction() as s:
        theory = s.get(Theory, theory_id)
        assert theory is not None
        old_topic = s.scalar(select(Topic.name).where(Topic.id == theory.topic_id)) or ""
        edits = [(name, old, new) for name, old, new in (
            ("label", theory.label, label), ("topic", old_topic, topic and topic.strip()),
            ("statement", theory.statement, statement), ("origin", theory.origin, origin),
        ) if new is not None and new != old]
        if statement is not None:
            theory.statement = statement
        if topic_id is not None:
            theory.topic_id = topic_id
        if origin is not None:
            theory.origin = origin
        if label is not None:
            theory.label = label
        logged = write(s, journal, [Entry(theory.guid, theory.label, "edited", field=name,
                                          old_value=old, new_value=new)
                                    for name, old, new in edits], coder_id=project.coder_id)
    if node_id is not None:
        if topic is not None:
            with project.db.transaction() as s:
                nodes = NodeMaker(s)
                root = nodes.child(None, THEORIES_FOLDER)
                folder = NodeId(nodes.child(root.id, topic.strip()).id)  # '/' is text
            move_node(project, node_id, folder)
        update_node(project, node_id, name=label, description=statement,
                    origin=None if origin is None else
                    ("deductive" if origin == "initial" else "inductive"))
    return Changes(theories=True, nodes=node_id is not None, theory_log=frozenset(logged))


def delete_theory(project: Project, theory_id: TheoryId,
                  journal: Journal = NEW_ENTRIES) -> Changes:
    """Remove the configuration and its own node (with that node's coding); elements stay.
    Its log stays too, ending with a "deleted" entry that keeps its last wording."""
    with project.db.transaction() as s:
        theory = s.get(Theory, theory_id)
        if theory is None:
            raise NotFound(f"no theory with id {theory_id}")
        node = s.get(Node, theory.node_id) if theory.node_id else None
        logged = write(s, journal, [Entry(theory.guid, theory.label, "deleted",
                                          old_value=theory.statement)], coder_id=project.coder_id)
        s.delete(theory)
        if node is not None:
            s.delete(node)
    return Changes(theories=True, nodes=True, references=True, theory_log=frozenset(logged))

