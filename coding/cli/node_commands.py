"""`realist-coder node …`: add, rename, move, merge, delete, describe — the app's node edits.

Each is one transaction through the same core call the app makes; each prints one line
saying what it did (a delete or merge says how many references it took or moved).
"""

from __future__ import annotations

import argparse
from typing import Any

from coding.nodes import (
    add_node,
    count_references_under,
    delete_node,
    find_node,
    get_node,
    list_nodes,
    merge_nodes,
    move_node,
    update_node,
)
from coding.project import Project
from coding.realist.roles import inherited_role
from storage.models import NODE_ORIGINS, ROLES

TOP_LEVEL = "/"


def register(sub: Any) -> None:
    node = sub.add_parser("node", help="work on one node (see: node add --help)")
    node_sub = node.add_subparsers(dest="node_command", metavar="ACTION")
    p = node_sub.add_parser("add", help="add a node; parents are created as needed")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("path", metavar="PATH", help='"Parent/Child"')
    p.add_argument("--role", choices=ROLES,
                   help="default: its parent's, its parent's children's or its top folder's "
                        "(\"Contexts/...\" a context), as in the app's New node dialog")
    p.add_argument("--origin", choices=NODE_ORIGINS, default="inductive")
    p.add_argument("--color", metavar="#RRGGBB")
    p.add_argument("--description", default="")
    p.set_defaults(handler=cmd_node_add)

    p = node_sub.add_parser("rename", help="rename a node (its children move with it)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("node", metavar="NODE", help="node path, unique name or id")
    p.add_argument("new_name", metavar="NEW_NAME")
    p.set_defaults(handler=cmd_node_rename)

    p = node_sub.add_parser("move", help="move a node under another ('/' for the top level)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("node", metavar="NODE")
    p.add_argument("new_parent", metavar="NEW_PARENT", help="node path, name or id, or /")
    p.set_defaults(handler=cmd_node_move)

    p = node_sub.add_parser("merge", help="move SOURCE's coding and children into TARGET, "
                                          "then remove SOURCE")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("source", metavar="SOURCE")
    p.add_argument("target", metavar="TARGET")
    p.set_defaults(handler=cmd_node_merge)

    p = node_sub.add_parser("delete", help="delete a node, its children and their coding")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("node", metavar="NODE")
    p.set_defaults(handler=cmd_node_delete)

    p = node_sub.add_parser("describe", help="set a node's description (what belongs in it)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("node", metavar="NODE")
    p.add_argument("text", metavar="TEXT", help='the description ("" clears it)')
    p.set_defaults(handler=cmd_node_describe)


def cmd_node_add(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        role = args.role or inherited_role(list_nodes(project), args.path)
        node_id = add_node(project, args.path, role=role, origin=args.origin,
                           color=args.color, description=args.description)
    print(f"added node {node_id} {args.path}")
    return 0


def cmd_node_rename(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        node_id = find_node(project, args.node)
        before = get_node(project, node_id).path
        update_node(project, node_id, name=args.new_name)
        after = get_node(project, node_id).path
    print(f"renamed node {node_id} {before} to {after}")
    return 0


def cmd_node_move(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        node_id = find_node(project, args.node)
        parent = None if args.new_parent.strip() == TOP_LEVEL else find_node(project, args.new_parent)
        before = get_node(project, node_id).path
        move_node(project, node_id, parent)
        after = get_node(project, node_id).path
    print(f"moved node {node_id} {before} to {after}")
    return 0


def cmd_node_merge(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        source, target = find_node(project, args.source), find_node(project, args.target)
        moved = count_references_under(project, source)
        names = get_node(project, source).path, get_node(project, target).path
        merge_nodes(project, source, target)
        kept = get_node(project, target).reference_count
    print(f"merged {names[0]} into {names[1]}: {moved} reference(s) moved or merged; "
          f"{names[1]} now has {kept}")
    return 0


def cmd_node_delete(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        node_id = find_node(project, args.node)
        path = get_node(project, node_id).path
        count = count_references_under(project, node_id)
        elements = len(delete_node(project, node_id).theory_log)
    print(f"deleted node {path} and its children, with {count} reference(s)"
          + (f"; {elements} theory element(s) went with them (in the theory log)"
             if elements else ""))
    return 0


def cmd_node_describe(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        node_id = find_node(project, args.node)
        update_node(project, node_id, description=args.text)
        path = get_node(project, node_id).path
    print(f"described {path}" if args.text else f"cleared the description of {path}")
    return 0
