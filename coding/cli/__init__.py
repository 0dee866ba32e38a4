"""`realist-coder`: the command line that users' scripts rely on.

A contract: subcommands and options are only ever added, never renamed or dropped.
Exit codes: 0 success, 1 failure (one line on stderr naming the file and the reason),
2 usage error. Each module in COMMAND_MODULES adds its subcommands through `register`.

`--coder NAME` (before or after the command) says who is coding in this run; without it the
`REALIST_CODER` environment variable, then the saved identity (`coding.identity`) decide.
"""

from __future__ import annotations

# Only the standard library at the top: the signal handlers go in before the (slow) imports
# of the commands, so a SIGINT or SIGTERM at start-up is an exit like any other, not a
# traceback or a silent death.
import argparse
import logging
import os
import signal
import sys
import threading
from collections.abc import Sequence
from importlib import import_module
from pathlib import Path

from coding.cli.signals import Interrupted, catch_signals, restore_signals

PROG = "realist-coder"
# options whose value is free text, which may start with a dash ("-2+3", "- a list item")
VALUE_OPTIONS = frozenset({"--text", "--set", "--append", "--description", "--statement",
                           "--note", "--rationale", "--name", "--topic", "--label", "--coder"})
COMMAND_MODULES = (
    "coding.cli.project_commands",
    "coding.cli.node_commands",
    "coding.cli.coding_commands",
    "coding.cli.document_commands",
    "coding.cli.review_commands",
    "coding.cli.realist_commands",
    "coding.cli.case_commands",
    "coding.cli.backup_commands",
    "coding.cli.refi_commands",
    "coding.cli.candidate_commands",
    "coding.cli.coder_commands",
    "coding.cli.desktop_commands",
    "coding.cli.page_commands",
    "coding.cli.annotation_commands",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Qualitative coding for realist reviews. With no command, opens the app.",
    )
    from coding.identity import CODER_ENV
    from coding.version import app_version

    parser.add_argument("--version", action="version", version=f"%(prog)s {app_version()}")
    parser.add_argument("--coder", metavar="NAME", dest="coder_name", default=None,
                        help=f"who is coding in this run (default: ${CODER_ENV}, then the "
                             "name saved in the app's Preferences or by `whoami --set`)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        import_module(name).register(subparsers)
    for sub in subparsers.choices.values():  # also accepted after the command
        sub.add_argument("--coder", metavar="NAME", dest="coder_name", default=argparse.SUPPRESS,
                         help="who is coding in this run (see realist-coder --help)")
    return parser


def _option_strings(parser: argparse.ArgumentParser) -> set[str]:
    """Every option any command knows (walking the subcommands)."""
    found: set[str] = set()
    for action in parser._actions:
        found.update(action.option_strings)
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found |= _option_strings(sub)
    return found


def dash_values(args: Sequence[str], parser: argparse.ArgumentParser) -> list[str]:
    """`--text "-2+3"`: argparse takes a value starting with '-' for an option and refuses it.
    A value that follows an option taking one (and is not itself an option) is joined to it
    as `--text=-2+3`, which argparse reads as meant."""
    known = _option_strings(parser)
    out: list[str] = []
    items = list(args)
    i = 0
    while i < len(items):
        token = items[i]
        following = items[i + 1] if i + 1 < len(items) else None
        if (token in VALUE_OPTIONS and following is not None and following.startswith("-")
                and following.split("=", 1)[0] not in known and following != "--"):
            out.append(f"{token}={following}")
            i += 2
            continue
        out.append(token)
        if token == "--":
            out.extend(items[i + 1:])
            break
        i += 1
    return out


def fail(message: str) -> int:
    """The one line a failed command prints. What libraries then fail to clean up (a zip
    half written when the disk filled, collected later) would print tracebacks: silenced."""
    from coding.names import visible

    print(f"{PROG}: {visible(message)}", file=sys.stderr)
    sys.unraisablehook = _quiet
    return 1


def _quiet(_unraisable: object) -> None:
    """Leftovers of a failure already reported."""


def main(argv: Sequence[str] | None = None) -> int:
    # SQLAlchemy logs a traceback when an interrupt leaves a cursor to close on a closed
    # connection; with no handler Python prints it to stderr. The command says it in one line.
    quiet = logging.getLogger("sqlalchemy")
    if not any(isinstance(h, logging.NullHandler) for h in quiet.handlers):
        quiet.addHandler(logging.NullHandler())
    on_main_thread = threading.current_thread() is threading.main_thread()
    previous = catch_signals() if on_main_thread else None
    try:
        try:
            parser = build_parser()
            args_list = dash_values(sys.argv[1:] if argv is None else argv, parser)
            args = parser.parse_args(args_list or ["gui"])
        except Interrupted as exc:
            fail("interrupted")
            return 128 + exc.signum
        if not hasattr(args, "handler"):
            parser.print_help(sys.stderr)
            return 2
        if previous is not None and _opens_the_app(args):
            restore_signals(previous)
        return _run(args)
    finally:
        if previous is not None:  # a caller in the same process (a test, a script) keeps its own
            restore_signals(previous)


def _run(args: argparse.Namespace) -> int:
    import sqlite3

    from sqlalchemy.exc import DBAPIError

    from coding.errors import USER_ERRORS
    from coding.identity import use_for_process
    from storage.errors import StorageError

    try:
        use_for_process(args.coder_name)
        check_outputs(args)
        result: int = args.handler(args)
        sys.stdout.flush()  # a closed pipe shows here, not as a traceback at exit
        return result
    except Interrupted as exc:
        fail("interrupted")
        return 128 + exc.signum
    except BrokenPipeError:
        return _reader_went_away()
    except StorageError as exc:  # names its own file: the project, an output, a backup
        return fail(str(exc))
    except USER_ERRORS as exc:
        return fail(_with_project(args, str(exc)))
    except (DBAPIError, sqlite3.Error) as exc:
        return fail(_with_project(args, f"database error: {_first_line(exc)}"))
    except OSError as exc:
        where = exc.filename or getattr(args, "project", "")
        return fail(f"{where}: {exc.strerror or exc}")
    except KeyboardInterrupt:
        fail("interrupted")
        return 128 + signal.SIGINT
    except Exception as exc:  # never a traceback for a user; say what to report
        return fail(_with_project(args, f"unexpected {type(exc).__name__}: {_first_line(exc)}"))
    finally:
        use_for_process(None)  # main() may run again in this process (tests, scripts)


def _opens_the_app(args: argparse.Namespace) -> bool:
    """The app handles its own signals (Qt's event loop would hold a Python handler back)."""
    return args.command in (None, "gui") or (args.command == "demo" and not args.no_gui)


def check_outputs(args: argparse.Namespace) -> None:
    """Every file the command will write, checked before anything is written: none may be a
    project, a project's companion file, an input of the command or another of its outputs.
    Commands name their outputs and inputs with `set_defaults(outputs=..., inputs=...)`."""
    from storage.output_files import check_output

    inputs = [getattr(args, name) for name in getattr(args, "inputs", ("project",))
              if getattr(args, name, None) is not None]
    seen: list[Path] = []
    for name in getattr(args, "outputs", ()):
        out = getattr(args, name, None)
        if out is not None:
            check_output(out, inputs=inputs, outputs=seen)
            seen.append(Path(out))


def _reader_went_away() -> int:
    """`realist-coder nodes P | head`: the reader has what it wanted. Say nothing (the project
    is fine) and exit as Unix tools killed by SIGPIPE do, 128 + 13."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 141


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__


def _with_project(args: argparse.Namespace, message: str) -> str:
    project = getattr(args, "project", None)
    if project and not message.startswith(str(project)):
        return f"{project}: {message}"
    return message


if __name__ == "__main__":
    sys.exit(main())
