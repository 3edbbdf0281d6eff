"""``confsched generate``: write a random but realistic, solvable scenario (for benchmarks)."""

from __future__ import annotations

import click

from scheduler.atomic import atomic_write_text
from scheduler.cli.base import main, output_file
from scheduler.generate import SHAPES, generate, params_for, to_yaml


@main.command(name="generate")
@click.option("--shape", type=click.Choice(list(SHAPES)), default="seminar", show_default=True,
              help="Preset size and style; the options below override its numbers.")
@click.option("--sessions", type=int, help="Sessions (a series counts each meeting).")
@click.option("--rooms", type=int, help="Rooms (an off-site place may be added).")
@click.option("--days", type=int, help="Days of the event.")
@click.option("--tracks", type=int, help="Thematic tracks.")
@click.option("--registrations", type=int, help="Participants registering for sessions.")
@click.option("--choices", type=int,
              help="Ranked choices per registration (#12: the solver gives each one, by "
                   "rank); some workshops then run two or three times.")
@click.option("--pool-size", type=int,
              help="People in a pool the solver chooses facilitators, experts, jury, "
                   "coordinators and brokers from (sessions say `needs:`); 0: all named.")
@click.option("--simple", is_flag=True,
              help="Only 30-minute talks: what slot-based peers such as conference-scheduler "
                   "can express.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Random seed: the same seed gives the same file.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Scenario file to write (YAML); '-' prints it.")
def generate_command(shape: str, sessions: int | None, rooms: int | None, days: int | None,
                     tracks: int | None, registrations: int | None, choices: int | None,
                     pool_size: int | None,
                     simple: bool, seed: int, output: str) -> None:
    """Generate a feasible scenario: e.g. confsched generate --shape pycon --seed 1 -o x.yaml.

    The generator plants a timetable that keeps every hard rule (with a quarter of the
    room-time left free) and writes only constraints that timetable satisfies, so the
    scenario always has a solution.
    """
    params = params_for(shape, sessions=sessions, rooms=rooms, days=days, tracks=tracks,
                        registrations=registrations, simple=simple, choices=choices,
                        pool_size=pool_size)
    text = to_yaml(generate(params, seed))
    if output == "-":
        click.echo(text, nl=False)
        return
    atomic_write_text(output_file(output), text)
    click.echo(f"wrote {output}: {params.sessions} sessions, {params.rooms} rooms, "
               f"{params.days} days, {params.tracks} tracks"
               + (f", a pool of {params.pool_size} people" if params.pool_size else "")
               + f", seed {seed}", err=True)
