"""Finding and making nodes by name inside one session: what `add_node`, the theories and a
model import share (see NodeMaker)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coding.errors import InvalidInput
from coding.names import check_name
from coding.project import new_guid
from storage.models import Node

# A calm palette that reads on light and dark backgrounds; new nodes take the next one.
PALETTE = (
    "#E6194B", "#3CB44B", "#4363D8", "#F58231", "#911EB4", "#42D4F4", "#F032E6",
    "#BFEF45", "#469990", "#9A6324", "#800000", "#808000", "#000075", "#DCBEFF",
)


def child_named(s: Session, parent_id: int | None, name: str) -> Node | None:
    """The child of `parent_id` called exactly `name`."""
    return s.scalars(select(Node).where(Node.parent_id.is_(parent_id) if parent_id is None
                                        else Node.parent_id == parent_id, Node.name == name)).first()


class NodeMaker:
    """Finds and makes nodes inside one session, keeping count as it goes.

    Making a node needs its siblings (is the name taken?), the next position among them and
    the node count (for the next colour). `add_node` asked SQLite each time; a model of
    thousands of theories made that — with whole-tree reads elsewhere — quadratic (1,000 rows
    took 144 s, issue 18). Here positions and the count are read once per parent and once per
    session; with `batch`, each parent's children are read once too, so a batch is linear.
    A name is taken literally: a '/' in it is text, not a path.
    """

    def __init__(self, s: Session, *, batch: bool = False) -> None:
        self.s = s
        self.batch = batch
        self._children: dict[int | None, dict[str, Node]] = {}
        self._next_position: dict[int | None, int] = {}
        self._count: int | None = None
        self.made: list[int] = []  # ids of the nodes made, in the order made (parents first)

    def find(self, parent_id: int | None, name: str) -> Node | None:
        known = self._children.get(parent_id)
        if known is None and self.batch:
            where = Node.parent_id.is_(None) if parent_id is None else Node.parent_id == parent_id
            known = self._children[parent_id] = {n.name: n for n in self.s.scalars(
                select(Node).where(where))}
        if known is not None and name in known:
            return known[name]
        return None if self.batch else child_named(self.s, parent_id, name)

    def child(self, parent_id: int | None, name: str, *, role: str = "none",
              origin: str = "inductive", color: str | None = None,
              description: str = "") -> Node:
        """The node `name` under `parent_id`, made if missing (an existing one is returned as
        it is)."""
        name = check_name(name, "a node's name")
        if not name:
            raise InvalidInput("a node needs a name")
        node = self.find(parent_id, name)
        if node is not None:
            return node
        if parent_id not in self._next_position:
            self._next_position[parent_id] = self.s.scalar(
                select(func.coalesce(func.max(Node.position) + 1, 0)).where(
                    Node.parent_id.is_(None) if parent_id is None else Node.parent_id == parent_id
                )) or 0
        if self._count is None:
            self._count = self.s.scalar(select(func.count()).select_from(Node)) or 0
        node = Node(
            guid=new_guid(), parent_id=parent_id, name=name, role=role, origin=origin,
            color=color or PALETTE[self._count % len(PALETTE)], description=description,
            position=self._next_position[parent_id],
        )
        self.s.add(node)
        self.s.flush()
        self._next_position[parent_id] += 1
        self._count += 1
        self.made.append(node.id)
        if parent_id in self._children:
            self._children[parent_id][name] = node
        return node

    def path(self, parts: list[str], *, origin: str = "inductive") -> Node:
        """Folders along `parts` (each part one name), made as plain folders if missing."""
        parent: Node | None = None
        for part in parts:
            parent = self.child(parent.id if parent else None, part, origin=origin)
        assert parent is not None
        return parent
