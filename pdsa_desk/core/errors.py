"""Errors a user can act on. Anything else escaping the core is a bug."""

from __future__ import annotations


class PdsaError(Exception):
    """Base class of every error whose message is written for the user."""


class WorkspaceError(PdsaError):
    """The workspace cannot be opened or used (not a workspace, newer schema, unreachable)."""


class ValidationError(PdsaError):
    """Input was refused; nothing was written.

    ``field`` names the input at fault (e.g. ``"name"``) so a form can show the
    message next to it.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ConflictError(ValidationError):
    """The row changed since it was read (someone else saved first); nothing was written.

    A refusal like any other, so forms show it where they show validation errors.
    """
