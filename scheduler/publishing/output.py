"""Output problems (no permission, disk full, a file where a folder should be) as plain
messages instead of tracebacks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scheduler.errors import ConfschedError, UsageError
from scheduler.exporting import ExportContext


@contextmanager
def explained_write_errors(output: Path) -> Iterator[None]:
    """Turn an :class:`OSError` while writing under ``output`` into a ConfschedError."""
    try:
        yield
    except OSError as exc:
        where = exc.filename or output
        raise ConfschedError(
            f"cannot write {where}: {exc.strerror or exc}; check that the folder exists, "
            "is writable and has free space, or choose another with -o"
        ) from None


def require_timetable(context: ExportContext) -> None:
    """Refuse to publish a schedule file whose solve found no timetable."""
    status = context.schedule.status
    if not status.has_schedule:
        raise UsageError(
            f"the schedule has no timetable to publish (status: {status.value}); "
            "solve the scenario again with a longer --time-limit, or fix what "
            "`confsched check`/`confsched solve` report"
        )
