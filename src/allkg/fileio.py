"""Files in and out: input is read from regular files only, within a limit counted while
reading; output is written to a temporary name in its folder, then renamed."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from functools import partial
from itertools import takewhile
from pathlib import Path
from typing import BinaryIO

from allkg import forked
from allkg.errors import InputError

MIB = 1_048_576

_NOT_REGULAR = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


def open_regular(path: Path) -> BinaryIO:
    """Open a file for reading, or raise :class:`InputError` when it is missing, unreadable or
    not a regular file: a device (/dev/zero never ends), a FIFO (opening it would wait for a
    writer; it is opened without blocking and refused), a folder or a socket."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror or err})") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = next((name for test, name in _NOT_REGULAR if test(mode)), "a special file")
        raise InputError(f"{path}: {kind}, not a regular file")
    return os.fdopen(fd, "rb")  # O_NONBLOCK does nothing to a regular file's reads


def read_limited(path: Path, limit: int, *, over: str) -> bytes:
    """The bytes of a regular file, refused (:class:`InputError`, ending with ``over``) when it
    holds more than ``limit``: counted while reading, as a file can grow, and /proc's say 0."""
    with open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        try:
            data = handle.read(limit + 1) if size <= limit else b""
        except OSError as err:
            raise InputError(f"{path}: cannot read ({err.strerror or err})") from None
    if size > limit or len(data) > limit:
        known = f"{size / MIB:.1f} MiB, " if size > limit else ""
        raise InputError(f"{path}: {known}over the {limit / MIB:.3g} MiB limit {over}")
    return data


Content = bytes | Callable[[BinaryIO], None]
"""What to write: the bytes, or a function that streams them into an open file."""


def atomic_write_all(files: dict[Path, Content], *, processes: int = 1) -> None:
    """Write every file to a temporary name in its folder, then rename them all: no half-written
    set. On failure nothing is left behind: no file, no temporary file, no folder made for them.

    With ``processes`` > 1 the files are written at once by that many forked processes (see
    ``forked``), which take them in the given order."""
    staged: dict[Path, Path] = {}
    folders_made: list[Path] = []
    try:
        for path in files:
            missing = list(takewhile(lambda folder: not folder.exists(), (path.parent, *path.parent.parents)))
            path.parent.mkdir(parents=True, exist_ok=True)
            folders_made.extend(reversed(missing))
            fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            os.close(fd)
            staged[path] = Path(tmp_name)
        forked.run_all([partial(_write, staged[path], content) for path, content in files.items()], processes)
        for path, tmp in staged.items():
            os.chmod(tmp, _file_mode(path))
        for path, tmp in staged.items():
            os.replace(tmp, path)
    except BaseException:
        for tmp in staged.values():
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        for folder in reversed(folders_made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def _write(tmp: Path, content: Content) -> None:
    with tmp.open("wb") as handle:
        if isinstance(content, bytes):
            handle.write(content)
        else:
            content(handle)
        handle.flush()
        os.fsync(handle.fileno())


def _file_mode(path: Path) -> int:
    """Keep an existing file's mode; new files get 0666 minus the umask (not mkstemp's 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
