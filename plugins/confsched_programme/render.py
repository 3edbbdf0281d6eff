"""Typeset the programme to PDF with typst and write it atomically.

The rule: the template (``templates/programme.typ``) and the fonts (``fonts/``, DejaVu
Sans Condensed, which covers Latin and Cyrillic) ship inside this package; the data go to
typst as JSON through ``sys.inputs``, so no user text ever becomes typst source. System
fonts are ignored, so the same input gives the same PDF on every machine.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import typst

from scheduler.atomic import atomic_write_bytes
from scheduler.errors import ConfschedError

PAPERS = ("a4", "a5")
LAYOUTS = ("grid", "list")


def _package_dir() -> Path:
    return Path(str(resources.files("confsched_programme")))


def template_path() -> Path:
    return _package_dir() / "templates" / "programme.typ"


def fonts_dir() -> Path:
    return _package_dir() / "fonts"


def render_pdf(programme: dict[str, Any], paper: str = "a4", layout: str = "grid",
               show_dropped: bool = False) -> bytes:
    """The programme typeset as PDF bytes (``paper`` a4|a5, ``layout`` grid|list).

    ``show_dropped`` lists the sessions that could not be scheduled on the cover.
    """
    if paper not in PAPERS:
        raise ConfschedError(f"unknown paper {paper!r}; use one of: {', '.join(PAPERS)}")
    if layout not in LAYOUTS:
        raise ConfschedError(f"unknown layout {layout!r}; use one of: {', '.join(LAYOUTS)}")
    inputs = {
        "data": json.dumps(programme, ensure_ascii=False),
        "options": json.dumps({"paper": paper, "layout": layout,
                               "show_dropped": show_dropped}),
    }
    try:
        pdf = typst.compile(
            str(template_path()),
            format="pdf",
            sys_inputs=inputs,
            font_paths=[str(fonts_dir())],
            ignore_system_fonts=True,
        )
    except typst.TypstError as exc:  # a bug in the template, not in the user's input
        raise ConfschedError(
            f"typesetting the programme failed: {getattr(exc, 'message', None) or exc}. "
            "This is a bug in confsched_programme; please report it with your scenario."
        ) from None
    assert isinstance(pdf, bytes)
    return pdf


def write_pdf(programme: dict[str, Any], output: Path, paper: str, layout: str,
              show_dropped: bool = False) -> Path:
    """Render and write the PDF atomically; an existing folder gets ``programme.pdf`` inside."""
    target = output / "programme.pdf" if output.is_dir() else output
    atomic_write_bytes(target, render_pdf(programme, paper, layout, show_dropped))
    return target
