"""Files in and out: input is read from regular files only, within a limit counted while
reading; output is written to a temporary name in its folder, then renamed."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from allkg.errors import InputError

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

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
    with StagedFiles(files) as staged:
        staged.commit()


class StagedFiles:
    """Files written under temporary names in their folders, then renamed together by
    ``commit``: no half-written set. A block left without ``commit`` (an error, a graph that
    fails its shapes) leaves nothing behind: no file, no temporary file, no folder made for them.

    With ``processes`` > 1 (where the system forks), the files are written from the moment
    the block is entered, by that many forked processes, each taking the next file in the
    given order, while the caller goes on; the writers share the caller's memory
    copy-on-write, so nothing ``Content`` reads is copied to them up front. Otherwise
    ``commit`` writes them one after the other.
    """

    def __init__(self, files: dict[Path, Content], *, processes: int = 1) -> None:
        self.files = files
        self.processes = processes if hasattr(os, "fork") else 1
        self.temporary: dict[Path, Path] = {}
        """Each file's temporary name, once staged."""
        self.folders_made: list[Path] = []
        self.writing: list[Future[None]] = []
        self.pool: ProcessPoolExecutor | None = None
        self.committed = False

    def __enter__(self) -> StagedFiles:
        if self.processes > 1 and len(self.files) > 1:
            from concurrent.futures import ProcessPoolExecutor
            from multiprocessing import get_context

            try:
                jobs = list(zip(self._stage(), self.files.values()))
                self.pool = ProcessPoolExecutor(
                    min(self.processes, len(jobs)), mp_context=get_context("fork"), initializer=_take_jobs, initargs=(jobs,)
                )
                self.writing = [self.pool.submit(_write_job, index) for index in range(len(jobs))]
            except BaseException:
                self.__exit__()
                raise
        return self

    def commit(self) -> None:
        """Finish writing (raising a writer's error), then rename every file into place."""
        if self.pool is None:
            for tmp, content in zip(self._stage(), self.files.values()):
                _write(tmp, content)
        else:
            for future in self.writing:
                future.result()
        for path, tmp in self.temporary.items():
            os.chmod(tmp, _file_mode(path))
        for path, tmp in self.temporary.items():
            os.replace(tmp, path)
        self.committed = True

    def __exit__(self, *_exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
        if not self.committed:
            for tmp in self.temporary.values():
                with contextlib.suppress(FileNotFoundError):
                    tmp.unlink()
            for folder in reversed(self.folders_made):
                with contextlib.suppress(OSError):
                    folder.rmdir()

    def _stage(self) -> list[Path]:
        """Make each file's folder and an empty temporary file beside where it goes."""
        for path in self.files:
            missing = [folder for folder in (path.parent, *path.parent.parents) if not folder.exists()]
            path.parent.mkdir(parents=True, exist_ok=True)
            self.folders_made.extend(reversed(missing))
            fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            os.close(fd)
            self.temporary[path] = Path(tmp_name)
        return list(self.temporary.values())


def _write(tmp: Path, content: Content) -> None:
    with tmp.open("wb") as handle:
        if isinstance(content, bytes):
            handle.write(content)
        else:
            content(handle)
        handle.flush()
        os.fsync(handle.fileno())


_JOBS: list[tuple[Path, Content]] = []
"""In a forked writer: the files to write (inherited from the parent, never pickled)."""


def _take_jobs(jobs: list[tuple[Path, Content]]) -> None:
    _JOBS[:] = jobs


def _write_job(index: int) -> None:
    _write(*_JOBS[index])


def _file_mode(path: Path) -> int:
    """Keep an existing file's mode; new files get 0666 minus the umask (not mkstemp's 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
