"""The child of the create-kill test: creates projects one after another until killed.

`python -m tests.reliability.create_child FOLDER PREFIX` — creates `PREFIX-0.realist`,
`PREFIX-1.realist`, … and prints each number once `Project.create` has returned (and the
project is closed). The parent SIGKILLs this at random moments, most of them inside a create.
"""

from __future__ import annotations

import sys
from itertools import count
from pathlib import Path

from coding.project import Project


def main(folder: Path, prefix: str) -> None:
    print("ready", flush=True)
    for n in count():
        Project.create(folder / f"{prefix}-{n}.realist").close()
        print(n, flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
