"""The errors a researcher can cause and understand; the CLI prints them as one line."""

from __future__ import annotations

from importers.base import ImporterError
from storage.errors import StorageError


class RealistError(Exception):
    """A refused action, with a message that says what to do instead."""


class NotFound(RealistError):
    """A document, node, theory or reference named by the user does not exist."""


class InvalidInput(RealistError):
    """An argument is out of range or malformed (offsets, colours, names...)."""


# Everything a user-facing command should report as one line rather than a traceback.
USER_ERRORS: tuple[type[Exception], ...] = (RealistError, StorageError, ImporterError)
