"""Files in and out: input is read from regular files only, within a limit counted while
reading; output is written to a temporary name in its folder, then renamed."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

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


def atomic_write_all(files: dict[Path, Content]) -> None:
    """Write every file to a temporary name first, then rename them all: no half-written set."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((Path(tmp_name), path))
            with os.fdopen(fd, "wb") as handle:
                if isinstance(data, bytes):
                    handle.write(data)
                else:
                    data(handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp_name, _file_mode(path))
        for tmp, path in staged:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        raise


def _file_mode(path: Path) -> int:
    """Keep an existing file's mode; new files get 0666 minus the umask (not mkstemp's 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
