"""The errors allkg reports to people, each with its exit code."""

from __future__ import annotations


class AllkgError(Exception):
    """Base class: a message for a person, never a traceback."""

    exit_code = 2


class InputError(AllkgError):
    """A source page or RDF file that cannot be read (exit 2)."""


class UsageError(AllkgError):
    """Options that do not fit together (exit 2)."""


class NotConformingError(AllkgError):
    """The graph fails its SHACL shapes (exit 1)."""

    exit_code = 1
