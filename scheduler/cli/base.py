"""The root command group and how errors reach the user (never as a traceback)."""

from __future__ import annotations

import math
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from scheduler.errors import ConfschedError, OutputError, UsageError

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_UNSOLVED = 3
EXIT_NOT_FOUND = 4
"""No schedule found in the time limit, and nothing proven (``solve``, ``cosplib solve``)."""


class ConfschedGroup(click.Group):
    """A click group that turns our errors into messages and exit codes.

    Plugins add their commands (the ``register_commands`` hook) the first time the group
    lists or looks up a command, not when ``scheduler.cli`` is imported: a plugin may then
    import ``scheduler.cli.base`` for its options without an import cycle.
    """

    _plugin_commands_added = False
    _adding_plugin_commands = False

    def _add_plugin_commands(self) -> None:
        if not self._plugin_commands_added:
            self._plugin_commands_added = True
            from scheduler.plugins import call_each

            self._adding_plugin_commands = True
            try:
                call_each("register_commands", cli=self)  # a plugin that raises is skipped
            finally:
                self._adding_plugin_commands = False

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        """A plugin's command never replaces one that is there (``solve``, another
        plugin's): it is left out with a warning naming its plugin."""
        name = name or cmd.name
        if self._adding_plugin_commands and name in self.commands:
            from scheduler.plugins import how_to_drop, plugin_label, plugin_of_module

            plugin = plugin_of_module(getattr(cmd.callback, "__module__", "") or "")
            click.echo(f"warning: {plugin_label(plugin)} adds a command {name!r}, which "
                       f"confsched already has; the plugin's is left out\n    fix: "
                       f"{how_to_drop(plugin or '?')}", err=True)
            return
        super().add_command(cmd, name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._add_plugin_commands()
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        self._add_plugin_commands()
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ConfschedError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except ImportError as exc:  # a plugin's extra is not installed: say which
            from scheduler.extras import missing_extra

            missing = missing_extra(exc)
            if missing is None:
                raise
            click.echo(f"error: {missing}", err=True)
            ctx.exit(missing.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except BrokenPipeError:
            # The reader went away (`confsched plugins | head -3`): end quietly, as Unix
            # tools do; click's main() silences the streams and exits 1.
            raise
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)
        except Exception as exc:  # the last resort: say what happened, no traceback
            if os.environ.get("CONFSCHED_DEBUG"):
                raise
            click.echo(
                f"internal error: {type(exc).__name__}: {exc}\n"
                "This is a bug in confsched. Run again with CONFSCHED_DEBUG=1 to see the "
                "traceback, and please report it.",
                err=True,
            )
            ctx.exit(EXIT_ERROR)


@click.group(cls=ConfschedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="confsched")
def main() -> None:
    """confsched: solve conference and knowledge-exchange event timetables."""


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


SEED_RANGE = click.IntRange(-(2**31), 2**31 - 1)
"""Seeds CP-SAT takes (a 32-bit integer)."""

WORKERS_RANGE = click.IntRange(1, 256)
"""Search workers: at least one; far more than any machine's cores is a typo."""


def positive_seconds(option: str, value: float) -> float:
    """A time limit must be a finite number of seconds above 0 (not nan, not inf)."""
    if not math.isfinite(value) or value <= 0:
        raise UsageError(f"{option} must be a number of seconds above 0, e.g. 30 (got {value})")
    return value


def output_file(path: str, inputs: dict[str, str] | None = None) -> str:
    """Where to write ``-o PATH``: a symlink is followed (the link is kept and its target
    replaced, or created when the link dangles); a device, pipe or socket is refused,
    because the atomic rename would put a plain file in its place; so is a path inside a
    file (``notes.txt/out.yaml``), and one of the command's own ``inputs`` (role -> path),
    which the output would destroy.

    Missing folders of the path as typed are created (``-o out/2024/schedule.yaml``), as
    export tools and site generators do; but none is created at the far end of a symlink:
    a link pointing into a folder that does not exist is refused, so that a stale link
    never makes folders somewhere else."""
    if os.path.islink(path):
        link, path = path, os.path.realpath(path)
        if not Path(path).parent.is_dir():
            raise OutputError(
                f"cannot write {path}: the symlink {link} points into {Path(path).parent}, "
                "which does not exist\n    fix: create that folder, repoint the link "
                f"(ln -sfn NEW {link}), or choose another -o")
    for above in Path(path).parents:
        if os.path.lexists(above) and not above.is_dir():
            raise OutputError(f"cannot write {path}: {above} is a file, not a folder\n"
                              "    fix: choose another -o, or move that file away")
    for role, source in (inputs or {}).items():
        if _same_file(path, source):
            raise UsageError(f"-o {path} is the {role} this command reads; writing there "
                             f"would destroy it: choose another -o")
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return path
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise UsageError(f"{path} exists and is not a regular file (a device, pipe or "
                         "socket); give -o the name of a file to write")
    return path


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def output_folder(path: Path) -> Path:
    """Make sure the folder ``path`` (an exporter's ``-o``) can be written before any file
    goes in: a probe file is written and removed in it or, when it does not exist yet, in
    its nearest existing parent (where the exporter will create it). A read-only folder
    is then refused with :class:`OutputError` (exit 1) and nothing is written."""
    where = path
    while not where.is_dir() and where != where.parent:
        where = where.parent
    try:
        fd, probe = tempfile.mkstemp(prefix=".confsched-probe.", dir=where)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}\n"
                          "    fix: choose a folder you may write to, or change its "
                          "permissions") from None
    return path
