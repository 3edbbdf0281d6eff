"""The root command group and how errors reach the user (never as a traceback)."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from scheduler.errors import ConfschedError

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_UNSOLVED = 3


class ConfschedGroup(click.Group):
    """A click group that turns our errors into messages and exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ConfschedError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
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
