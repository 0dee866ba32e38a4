"""Editing the node tree: new, rename, recolour, describe, move, merge, delete — each undoable.

Renames, recolours, descriptions and moves record before/after; a delete snapshots the subtree
with all that hangs off it (coding.history); a merge snapshots the rows it moves, so its undo
is exact. A node is moved by dragging it onto another node (or the empty space below the
tree, for the top level), or with Move to….
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import QColorDialog, QInputDialog, QMenu, QMessageBox

from app import text_prompt
from app.node_dialog import TOP, NodeDialog
from app.undo import DoneCommand
from coding.changes import Changes
from coding.errors import USER_ERRORS
from coding.history import restore_snapshot, snapshot_merge, snapshot_nodes, undo_merge
from coding.ids import NodeId
from coding.names import counted
from coding.node_records import NodeRecord, delete_made, node_record, restore_made
from coding.nodes import (
    add_node,
    count_references_under,
    delete_node,
    get_node,
    list_nodes,
    merge_nodes,
    move_node,
    update_node,
)
from coding.theory_log import Journal, written_by


class UpdateNodeCommand(DoneCommand):
    """Undo writes back the old values and takes back the theory-log entries a rename or a new
    role wrote; redo writes the new values and puts the same entries back."""

    def __init__(self, window, node_id: int, before: dict, after: dict, text: str,
                 updated: Changes) -> None:
        super().__init__(window, text)
        self.node_id, self.before, self.after = NodeId(node_id), before, after
        self.logged, self.rows = written_by(window.project, updated)

    def do(self) -> Changes:
        return update_node(self.window.project, self.node_id, **self.after,
                           journal=Journal(redo_of=self.rows))

    def undo_it(self) -> Changes:
        return update_node(self.window.project, self.node_id, **self.before,
                           journal=Journal(undo_of=self.logged))


class DeleteNodeCommand(DoneCommand):
    """Undo puts the nodes back and takes back the theory-log entries the delete wrote for
    elements that went with them; redo writes the same entries again."""

    def __init__(self, window, node_id: int, snapshot, deleted: Changes, text: str) -> None:
        super().__init__(window, text)
        self.node_id, self.snapshot = NodeId(node_id), snapshot
        self.logged, self.rows = written_by(window.project, deleted)

    def do(self) -> Changes:
        return delete_node(self.window.project, self.node_id, Journal(redo_of=self.rows))

    def undo_it(self) -> Changes:
        return restore_snapshot(self.window.project, self.snapshot,
                                Journal(undo_of=self.logged))


class AddNodeCommand(DoneCommand):
    """A new node, with the folders its path made ("Trust/Feels understood"), parents first."""

    def __init__(self, window, records: list[NodeRecord], text: str) -> None:
        super().__init__(window, text)
        self.records = records

    def do(self) -> Changes:
        return restore_made(self.window.project, self.records)

    def undo_it(self) -> Changes:
        return delete_made(self.window.project, self.records)


class MoveNodeCommand(DoneCommand):
    """Undo puts the node back under its old parent at its old place among its siblings."""

    def __init__(self, window, record, new_parent: int | None, text: str) -> None:
        super().__init__(window, text)
        self.record, self.new_parent = record, new_parent

    def do(self) -> Changes:
        return move_node(self.window.project, self.record.id,
                         NodeId(self.new_parent) if self.new_parent else None)

    def undo_it(self) -> Changes:
        return move_node(self.window.project, self.record.id, self.record.parent_id,
                         self.record.position)


class MergeNodeCommand(DoneCommand):
    """Redo merges again, putting back the theory-log entries the first merge wrote; undo puts
    back the snapshot taken before the first merge and takes those entries back."""

    def __init__(self, window, snapshot, merged: Changes, text: str) -> None:
        super().__init__(window, text)
        self.snapshot = snapshot
        self.logged, self.rows = written_by(window.project, merged)

    def do(self) -> Changes:
        return merge_nodes(self.window.project, self.snapshot.source, self.snapshot.target,
                           Journal(redo_of=self.rows))

    def undo_it(self) -> Changes:
        return undo_merge(self.window.project, self.snapshot, Journal(undo_of=self.logged))


def _run(window, action, command_factory) -> bool:
    """Run the core action; on success push its undo command, on failure say why."""
    window.flush_edits()
    try:
        changes, command = action(), None
        command = command_factory()
    except USER_ERRORS as exc:
        window.show_status(str(exc))
        return False
    window.undo_stack.push(command)
    window.apply(changes)
    window.show_status(command.text())
    return True


def new_node_dialog(window, parent_id: int | None) -> NodeDialog | None:
    """The New node dialog (window-modal, not blocking); OK creates the node, undoably."""
    if window.project is None:
        return None
    dialog = NodeDialog(list_nodes(window.project), parent_id, window)
    dialog.accepted.connect(lambda: create_node(window, dialog))
    dialog.open()
    return dialog


def create_node(window, dialog: NodeDialog) -> bool:
    value = dialog.value()
    created: list[NodeId] = []

    def action() -> Changes:
        add_node(window.project, value.path, role=value.role, origin=value.origin,
                 color=value.color, description=value.description, made=created)
        return Changes(nodes=True)

    done = _run(window, action, lambda: AddNodeCommand(
        window, [node_record(window.project, i) for i in created], f"New node {value.path}"))
    if done:
        window.nodes.select_node(created[-1])
    return done


def new_node(window, parent_id: int | None) -> None:
    new_node_dialog(window, parent_id)


def move(window, node_id: int, new_parent: int | None) -> bool:
    """Move a node under another (None: the top level); undoable."""
    record = node_record(window.project, NodeId(node_id))
    if record.parent_id == new_parent:
        return False
    where = window.nodes.path_of(new_parent) if new_parent else "the top level"
    return _run(window, lambda: move_node(window.project, NodeId(node_id),
                                          NodeId(new_parent) if new_parent else None),
                lambda: MoveNodeCommand(window, record, new_parent,
                                        f"Moved {record.name} to {where}"))


def move_to(window, node_id: int) -> None:
    """Move to…: choose the new parent from every node not inside this one."""
    inside = window.nodes.subtree_ids(node_id)
    choices = [(None, TOP)] + [(i, p) for i, p in sorted(window.nodes.paths.items(),
                                                         key=lambda item: item[1])
                               if i not in inside]
    chosen, ok = QInputDialog.getItem(window, "Move node",
                                      f"Move '{window.nodes.path_of(node_id)}' under:",
                                      [p for _i, p in choices], 0, False)
    if ok:
        move(window, node_id, next(i for i, p in choices if p == chosen))


def describe(window, node_id: int) -> None:
    info = get_node(window.project, NodeId(node_id))
    text, ok = text_prompt.ask_text(window, "Node description", f"What belongs in {info.path}:",
                                    info.description)
    if ok and text != info.description:
        _update(window, node_id, {"description": info.description}, {"description": text},
                f"Described {info.name}")


def rename(window, node_id: int) -> None:
    info = get_node(window.project, NodeId(node_id))
    name, ok = QInputDialog.getText(window, "Rename node", "New name:", text=info.name)
    if ok and name.strip() and name.strip() != info.name:
        _update(window, node_id, {"name": info.name}, {"name": name.strip()},
                f"Renamed {info.name} to {name.strip()}")


def recolour(window, node_id: int) -> None:
    info = get_node(window.project, NodeId(node_id))
    color = QColorDialog.getColor(QColor(info.color), window, f"Colour of {info.name}")
    if color.isValid():
        _update(window, node_id, {"color": info.color}, {"color": color.name().upper()},
                f"Recoloured {info.name}")


def set_role(window, node_id: int, role: str) -> None:
    info = get_node(window.project, NodeId(node_id))
    _update(window, node_id, {"role": info.role}, {"role": role}, f"{info.name} is now a {role}")


def _update(window, node_id: int, before: dict, after: dict, text: str) -> bool:
    done: list[Changes] = []

    def update_it() -> Changes:
        done.append(update_node(window.project, NodeId(node_id), **after))
        return done[0]

    return _run(window, update_it,
                lambda: UpdateNodeCommand(window, node_id, before, after, text, done[0]))


def delete(window, node_id: int) -> None:
    info = get_node(window.project, NodeId(node_id))
    count = count_references_under(window.project, NodeId(node_id))
    answer = QMessageBox.question(
        window, "Delete node",
        f"Delete '{info.path}' and its child nodes? {counted(count, 'coded reference')} go with it.\n"
        "You can undo this with Ctrl+Z.")
    if answer == QMessageBox.StandardButton.Yes:
        window.flush_edits()
        snapshot = snapshot_nodes(window.project, NodeId(node_id))
        done: list[Changes] = []

        def delete_it() -> Changes:
            done.append(delete_node(window.project, NodeId(node_id)))
            return done[0]

        _run(window, delete_it,
             lambda: DeleteNodeCommand(window, node_id, snapshot, done[0],
                                       f"Deleted {info.path} ({counted(count, 'reference')})"))


def merge(window, source_id: int) -> None:
    nodes = [n for n in window.nodes.paths.items() if n[0] != source_id]
    paths = [p for _i, p in sorted(nodes, key=lambda item: item[1])]
    source = get_node(window.project, NodeId(source_id))
    target_path, ok = QInputDialog.getItem(window, "Merge node", f"Merge '{source.path}' into:",
                                           paths, 0, False)
    if not ok:
        return
    target = next(i for i, p in nodes if p == target_path)
    answer = QMessageBox.question(
        window, "Merge nodes",
        f"Move all coding of '{source.path}' into '{target_path}' and remove '{source.path}'? "
        "Duplicate references merge. You can undo this with Ctrl+Z.")
    if answer == QMessageBox.StandardButton.Yes:
        merge_into(window, source_id, target)


def merge_into(window, source_id: int, target_id: int) -> bool:
    """Merge (one transaction) and push its undo; the snapshot is read just before."""
    window.flush_edits()
    try:
        snapshot = snapshot_merge(window.project, NodeId(source_id), NodeId(target_id))
    except USER_ERRORS as exc:
        window.show_status(str(exc))
        return False
    source, target = window.nodes.path_of(source_id), window.nodes.path_of(target_id)
    done: list[Changes] = []

    def merge_it() -> Changes:
        done.append(merge_nodes(window.project, NodeId(source_id), NodeId(target_id)))
        return done[0]

    return _run(window, merge_it,
                lambda: MergeNodeCommand(window, snapshot, done[0], f"Merged {source} into {target}"))


def tree_menu(window, pos) -> None:
    tree = window.nodes
    item = tree.itemAt(pos)
    node_id = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
    menu = QMenu(tree)
    actions = [menu.addAction("New node…", lambda: new_node(window, node_id))]
    if node_id is not None:
        actions += [
            menu.addAction("Rename…", lambda: rename(window, node_id)),
            menu.addAction("Edit description…", lambda: describe(window, node_id)),
            menu.addAction("Colour…", lambda: recolour(window, node_id)),
            menu.addAction("Move to…", lambda: move_to(window, node_id)),
        ]
        roles = menu.addMenu("C/M/O role")
        for role in ("context", "mechanism", "outcome", "none"):
            actions.append(roles.addAction(role, lambda role=role: set_role(window, node_id, role)))
        actions += [menu.addAction("Merge into…", lambda: merge(window, node_id)),
                    menu.addAction("Delete…", lambda: delete(window, node_id))]
    for action in actions:  # a read-only project shows the menu, greyed
        action.setEnabled(window.scope.writable)
    menu.popup(tree.viewport().mapToGlobal(pos))


def _on_current(window, act) -> None:
    node_id = window.nodes.current_node_id()
    if node_id is None:
        window.show_status("Choose a node in the tree first")
        return
    act(window, node_id)


def install(window) -> None:
    tree = window.nodes
    tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    tree.customContextMenuRequested.connect(lambda pos: tree_menu(window, pos))
    tree.node_dropped.connect(lambda node_id, parent: move(window, node_id, parent))
    code = window.menu_named("&Code")
    code.addSeparator()
    window.new_node_action = code.addAction(
        "Ne&w node…", QKeySequence("Ctrl+Alt+N"),
        lambda: new_node(window, window.nodes.current_node_id()))
    for text, act in (("&Rename node…", rename), ("Edit node &description…", describe),
                      ("&Move node to…", move_to), ("De&lete node…", delete)):
        code.addAction(text, lambda act=act: _on_current(window, act))
