"""Programme theories: (possibly partial) C-M-O configurations built from role-bearing nodes.

Tree convention: a theory's own node lives at "Programme theories/<Topic>/<label>" so that an
excerpt can be coded to the configuration as a whole; its elements are ordinary nodes under
"Contexts", "Mechanisms" and "Outcomes", so one element can serve several theories.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from coding.changes import Changes
from coding.errors import InvalidInput, NotFound
from coding.ids import NodeId, TheoryId, TopicId
from coding.nodes import add_node, find_node, get_node, move_node, update_node
from coding.project import Project, new_guid
from coding.realist.theory_log import NEW_ENTRIES, Entry, Journal, configuration_summary, write
from storage.models import THEORY_ORIGINS, Node, Theory, TheoryElement, Topic

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


def ensure_topic(project: Project, name: str) -> TopicId:
    name = name.strip()
    if not name:
        raise InvalidInput("a topic needs a name")
    with project.db.transaction() as s:
        topic = s.scalars(select(Topic).where(Topic.name == name)).first()
        if topic is None:
            position = s.scalar(select(func.coalesce(func.max(Topic.position) + 1, 0))) or 0
            topic = Topic(name=name, position=position)
            s.add(topic)
            s.flush()
        return TopicId(topic.id)


def check_element(project: Project, role: str, name: str) -> None:
    """Refuse an element name whose node exists with another C/M/O role (before anything is
    written): attached, it would be invisible as a context, mechanism or outcome."""
    if role not in ROLE_FOLDERS:
        raise InvalidInput(f"an element's role is context, mechanism or outcome, not '{role}'")
    path = f"{ROLE_FOLDERS[role]}/{name.strip()}"
    try:
        existing = get_node(project, find_node(project, path))
    except NotFound:
        return
    if existing.role not in ("none", role):
        raise InvalidInput(f"node '{path}' is a {existing.role}, not a {role}")


def element_node(project: Project, role: str, name: str, origin: str) -> NodeId:
    """The shared node for a context/mechanism/outcome, created if new; an existing node there
    without a role takes this one."""
    check_element(project, role, name)
    node_origin = "deductive" if origin == "initial" else "inductive"
    node_id = add_node(
        project, f"{ROLE_FOLDERS[role]}/{name.strip()}", role=role, origin=node_origin,
        exist_ok=True,
    )
    if get_node(project, node_id).role != role:
        update_node(project, node_id, role=role)
    return node_id


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
    """Create a theory, its own node and its elements (named, or existing nodes with a role);
    the log's "created" entry holds the statement and the configuration as first written."""
    label = label.strip()
    if not label or "/" in label:
        raise InvalidInput("a theory needs a label such as T4 (without '/')")
    if origin not in THEORY_ORIGINS:
        raise InvalidInput(f"theory origin is one of {', '.join(THEORY_ORIGINS)}")
    for role, names in (("context", contexts), ("mechanism", mechanisms), ("outcome", outcomes)):
        for name in names:
            if name.strip():
                check_element(project, role, name)
    with project.db.reading() as s:
        if s.scalar(select(Theory.id).where(Theory.label == label)) is not None:
            raise InvalidInput(f"theory {label} already exists")
        for node_id in element_nodes:
            node = s.get(Node, node_id)
            if node is None:
                raise NotFound(f"no node with id {node_id}")
            if node.role not in ROLE_FOLDERS:
                raise InvalidInput(f"'{node.name}' has no context/mechanism/outcome role")
    topic_id = ensure_topic(project, topic)
    node_origin = "deductive" if origin == "initial" else "inductive"
    theory_node = add_node(project, f"{THEORIES_FOLDER}/{topic.strip()}/{label}",
                           origin=node_origin, description=statement)
    elements = [
        element_node(project, role, name, origin)
        for role, names in (("context", contexts), ("mechanism", mechanisms), ("outcome", outcomes))
        for name in names
        if name.strip()
    ] + list(element_nodes)
    with project.db.transaction() as s:
        position = s.scalar(select(func.coalesce(func.max(Theory.position) + 1, 0))) or 0
        theory = Theory(guid=new_guid(), label=label, topic_id=topic_id, statement=statement,
                        origin=origin, node_id=theory_node, position=position)
        s.add(theory)
        s.flush()
        for index, node_id in enumerate(dict.fromkeys(elements)):
            s.add(TheoryElement(theory_id=theory.id, node_id=node_id, origin=origin,
                                position=index))
        element_names = {n.id: (n.name, n.role) for n in s.scalars(select(Node).where(
            Node.id.in_(elements)))}
        summary = configuration_summary(
            topic.strip(), origin, [(*element_names[n], origin) for n in dict.fromkeys(elements)])
        write(s, journal, [Entry(theory.guid, label, "created", new_value=statement,
                                 detail=summary)], coder_id=project.coder_id)
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


def _element_words(origin: str, theory_origin: str) -> str:
    return "a refinement, added during coding" if origin == "new" and theory_origin != "new" \
        else ""


def add_element(
    project: Project, theory_id: TheoryId, node_id: NodeId, origin: str = "new",
    journal: Journal = NEW_ENTRIES,
) -> Changes:
    """Attach a node as an element (a refinement when `origin` is "new"); logged only when it
    was not attached already."""
    logged: tuple[int, ...] = ()
    with project.db.transaction() as s:
        theory = s.get(Theory, theory_id)
        if theory is None:
            raise NotFound(f"no theory with id {theory_id}")
        node = s.get(Node, node_id)
        if node is None:
            raise NotFound(f"no node with id {node_id}")
        if node.role not in ROLE_FOLDERS:
            raise InvalidInput(f"'{node.name}' has no context/mechanism/outcome role")
        if s.get(TheoryElement, (theory_id, node_id)) is None:
            position = s.scalar(select(func.count()).where(TheoryElement.theory_id == theory_id))
            s.add(TheoryElement(theory_id=theory_id, node_id=node_id, origin=origin,
                                position=position or 0))
            logged = write(s, journal, [Entry(
                theory.guid, theory.label, "element_added", field=node.role,
                new_value=node.name, detail=_element_words(origin, theory.origin))], coder_id=project.coder_id)
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
            detail=_element_words(element.origin, theory.origin))], coder_id=project.coder_id)
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
        label = label.strip()
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
            folder = add_node(project, f"{THEORIES_FOLDER}/{topic.strip()}", exist_ok=True)
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


def list_topics(project: Project) -> list[str]:
    with project.db.reading() as s:
        return list(s.scalars(select(Topic.name).order_by(Topic.position, Topic.id)))
