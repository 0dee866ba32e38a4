"""The C/M/O role a new node takes when none is given, the same in the app's New node dialog
and on the command line (`node add` without `--role`).

A child usually plays its parent's part (a mechanism under "Mechanisms"). A parent that is only
a folder, with no role of its own, gives the role most of its children have; a folder with no
children yet, the one its name says ("Contexts/Rural area" is a context). The dialog had this
and the command line did not: the same path typed there was a context, given here "none".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from coding.nodes import PATH_SEPARATOR, NodeInfo
from coding.realist.theories import ROLE_FOLDERS


def folder_role(path: str) -> str:
    """The role a node under one of the realist folders plays ("Contexts/…" a context), by the
    folder's name at the top of its path; "none" elsewhere."""
    top = path.split(PATH_SEPARATOR, 1)[0].strip().lower()
    return next((role for role, folder in ROLE_FOLDERS.items()
                 if top in (folder.lower(), role)), "none")


def inherited_role(nodes: Iterable[NodeInfo], path: str) -> str:
    """The role of a new node at `path` ("Parent/Child"): its nearest existing ancestor's,
    that ancestor's children's most common, or its top folder's name's, in that order;
    "none" for a top-level node."""
    nodes = list(nodes)
    by_path = {node.path: node for node in nodes}
    parts = [part.strip() for part in path.split(PATH_SEPARATOR)]
    for end in range(len(parts) - 1, 0, -1):
        parent = by_path.get(PATH_SEPARATOR.join(parts[:end]))
        if parent is None:
            continue
        if parent.role != "none":
            return parent.role
        roles = Counter(n.role for n in nodes if n.parent_id == parent.id and n.role != "none")
        if roles:
            return roles.most_common(1)[0][0]
        break
    return folder_role(path) if len(parts) > 1 else "none"
