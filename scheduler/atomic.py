"""Atomic file output: a crash never leaves a half-written file nor loses the old one."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from scheduler.errors import OutputError


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], mode: str = "w") -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success fsync it and rename it over ``path``.

    If the block raises, the temporary file is removed and ``path`` is left as it was.
    A symlink is followed (its target is replaced, the link kept); a device, pipe, socket
    or folder in the way is refused (:func:`writable_target`).
    When the file cannot be written at all (no such folder, no permission, disk full),
    :class:`~scheduler.errors.OutputError` says so, and ``path`` is left as it was too.
    Errors raised by the block itself pass through unchanged.
    """
    target = writable_target(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    handle: IO
    try:
        if "b" in mode:
            handle = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
        with handle:
            yield handle
            try:
                handle.flush()
                os.fsync(handle.fileno())
            except OSError as exc:
                raise _cannot_write(target, exc) from None
        _move_into_place(tmp_name, target)
        _fsync_dir(target.parent)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def writable_target(path: str | os.PathLike[str]) -> Path:
    """The file the rename will replace: a symlink's target (the link is kept, not turned
    into a plain file). Refused with an OutputError: a path that exists but is not a
    regular file (a folder, device, pipe or socket, which the rename would replace or
    fail on), and a path inside a file (``notes.txt/out.yaml``)."""
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    for folder in target.parents:
        if os.path.lexists(folder) and not folder.is_dir():
            raise OutputError(f"cannot write {target}: {folder} is a file, not a folder\n"
                              "    fix: choose another output path, or move that file away")
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return target
    if not stat.S_ISREG(mode):
        raise OutputError(f"cannot write {target}: it exists and is not a regular file (a "
                          "folder, device, pipe or socket)\n    fix: give the name of a file "
                          "to write")
    return target


def _move_into_place(tmp_name: str, target: Path) -> None:
    """Rename the written temporary file over ``target``: the old file's permissions when
    there was one (else 0644), in one ``os.replace``, so ``target`` is old or new, never
    half-written."""
    try:
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp_name, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, target)
    except OSError as exc:
        raise _cannot_write(target, exc) from None


def _cannot_write(target: Path, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    return OutputError(
        f"cannot write {target}: {reason}\n"
        "    fix: choose a folder that exists and that you may write to "
        "(and check the disk is not full)"
    )


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    with atomic_open(path, "w") as handle:
        handle.write(text)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_open(path, "wb") as handle:
        handle.write(data)


BATCH = 256
"""Files :func:`atomic_write_many` keeps open at once (written, then synced together)."""


def atomic_write_many(items: Iterable[tuple[str | os.PathLike[str], bytes]]) -> list[Path]:
    """Write many files atomically, each as :func:`atomic_write_bytes` would, in order;
    return their paths (as given).

    The same guarantee per file (a crash leaves each file old or new, never half), with
    fewer waits for the disk: up to :data:`BATCH` temporary files are written, then synced,
    then renamed over their targets, and each folder is synced once at the end rather than
    after every file (a folder of 15,000 calendars took two disk syncs per file).
    """
    written: list[Path] = []
    folders: dict[Path, None] = {}
    batch: list[tuple[Path, bytes]] = []
    for path, data in items:
        written.append(Path(path))
        batch.append((writable_target(path), data))
        if len(batch) >= BATCH:
            _write_batch(batch, folders)
            batch = []
    _write_batch(batch, folders)
    for folder in folders:
        _fsync_dir(folder)
    return written


def _write_batch(batch: list[tuple[Path, bytes]], folders: dict[Path, None]) -> None:
    """Write, sync and rename one batch of files (temporary files removed on any error)."""
    temporary: list[str] = []
    descriptors: dict[int, Path] = {}
    try:
        for target, data in batch:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp_name = tempfile.mkstemp(
                    prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            except OSError as exc:
                raise _cannot_write(target, exc) from None
            descriptors[fd] = target
            temporary.append(tmp_name)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
            except OSError as exc:
                raise _cannot_write(target, exc) from None
        for fd, target in list(descriptors.items()):
            try:
                os.fsync(fd)
            except OSError as exc:
                raise _cannot_write(target, exc) from None
            finally:
                del descriptors[fd]
                os.close(fd)
        for (target, _), tmp_name in zip(batch, temporary, strict=True):
            _move_into_place(tmp_name, target)
            folders.setdefault(target.parent, None)
    except BaseException:
        for fd in descriptors:
            with contextlib.suppress(OSError):
                os.close(fd)
        for tmp_name in temporary:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name)
        raise


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
