"""Safety commands: backup list/now/restore/policy, check, unlock."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coding import backups
from coding.cli.output import print_rows
from coding.project import Project
from storage.database import check_is_project


def register(sub: Any) -> None:
    p = sub.add_parser("backup", help="list, make and restore backups of a project")
    actions = p.add_subparsers(dest="backup_action", metavar="ACTION", required=True)

    a = actions.add_parser("list", help="list the project's backups, newest first")
    a.add_argument("project", metavar="PROJECT")
    a.set_defaults(handler=cmd_list)

    a = actions.add_parser("now", help="make a backup now (works while the app has it open)")
    a.add_argument("project", metavar="PROJECT")
    a.set_defaults(handler=cmd_now)

    a = actions.add_parser("restore", help="restore a backup, in place or as a new file")
    a.add_argument("project", metavar="PROJECT")
    a.add_argument("backup", metavar="BACKUP", help="number from `backup list`, or file name")
    a.add_argument("--to", metavar="NEW", type=Path,
                   help="write the restored project here and leave PROJECT untouched")
    a.set_defaults(handler=cmd_restore)  # restore_backup checks --to itself

    a = actions.add_parser("copy", help="save a copy of the project as one file, up to its "
                                         "last change (works while the app has it open)")
    a.add_argument("project", metavar="PROJECT")
    a.add_argument("to", metavar="COPY", type=Path, help="the new file (not one that exists)")
    a.set_defaults(handler=cmd_copy)

    a = actions.add_parser("policy", help="show or set how often and how many rolling backups")
    a.add_argument("project", metavar="PROJECT")
    a.add_argument("--keep", type=int, metavar="K", help="keep the last K rolling backups")
    a.add_argument("--every", type=float, metavar="MINUTES",
                   help="at most one rolling backup per MINUTES while changes happen")
    a.set_defaults(handler=cmd_policy)

    p = sub.add_parser("check", help="check the project file is sound (exit 1 if not)")
    p.add_argument("project", metavar="PROJECT")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("unlock", help="clear a stale lock left by a crashed app")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--force", action="store_true",
                   help="also clear another machine's lock once it is old enough")
    p.set_defaults(handler=cmd_unlock)


def cmd_list(args: argparse.Namespace) -> int:
    found = backups.list_backups(args.project)
    if not found:  # backups of a lost or damaged project are listed; a mistyped path is said
        check_is_project(Path(args.project))
    print_rows(
        ["number", "made", "kind", "bytes", "file"],
        [(b.number, b.made_at.astimezone().strftime("%Y-%m-%d %H:%M:%S"), b.kind, b.size,
          b.path.name) for b in found],
    )
    return 0


def cmd_now(args: argparse.Namespace) -> int:
    made = backups.backup_now(args.project)
    print(f"backed up to {made.path}")
    return 0


def cmd_copy(args: argparse.Namespace) -> int:
    made = backups.save_copy(args.project, args.to)
    print(f"saved a copy to {made}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    source = backups.resolve_backup(args.project, args.backup)
    target = backups.restore_backup(args.project, source, to=args.to)
    print(f"restored {source.name} to {target}")
    return 0


def cmd_policy(args: argparse.Namespace) -> int:
    if args.keep is None and args.every is None:
        with Project.open(args.project, readonly=True) as project:
            policy = project.db.backup_policy
    else:
        with Project.open(args.project) as project:
            policy = backups.set_backup_policy(
                project, keep=args.keep, interval_minutes=args.every
            )
    print(f"keep {policy.keep} rolling backups, at most one every {policy.interval_minutes:g} minutes")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    problems = backups.check_project(args.project)
    for problem in problems:
        print(problem)
    if problems:
        from coding.cli import fail

        return fail(f"{args.project}: {len(problems)} problem(s) found")
    print("ok")
    return 0


def cmd_unlock(args: argparse.Namespace) -> int:
    print(backups.unlock(args.project, force=args.force))
    return 0
