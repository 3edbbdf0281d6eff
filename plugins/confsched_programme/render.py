"""Typeset the programme to PDF with typst and write it atomically.

The rule: the template (``templates/programme.typ``) and the fonts (``fonts/``, DejaVu
Sans Condensed, which covers Latin and Cyrillic) ship inside this package; the data go to
typst as JSON through ``sys.inputs``, so no user text ever becomes typst source. System
fonts are ignored, so the same input gives the same PDF on every machine; the only fonts
taken from the system are the two fallbacks of :data:`FALLBACK_FONTS` (CJK and emoji,
Debian packages ``fonts-wqy-microhei`` and ``fonts-noto-color-emoji``), by exact file, so
that Chinese, Japanese, Korean and emoji never print as boxes. Text that needs a fallback
that is not installed gets a warning naming the package.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

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


@dataclass(frozen=True)
class FallbackFont:
    """A font the PDF falls back to for characters DejaVu Sans lacks."""

    family: str
    files: tuple[str, ...]
    """Where Debian installs it (the first that exists is used)."""
    package: str
    script: str
    needed: re.Pattern[str]
    """Characters that need it."""
    licence: str

    def file(self) -> Path | None:
        """The installed font file, if any."""
        return next((Path(f) for f in self.files if os.path.isfile(f)), None)


FALLBACK_FONTS = (
    FallbackFont(
        "WenQuanYi Micro Hei", ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",),
        "fonts-wqy-microhei", "Chinese, Japanese or Korean",
        re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
                   "\U00020000-\U0002fa1f]"),
        "Apache-2.0 (or GPL-3+ with font exception)"),
    FallbackFont(
        "Noto Color Emoji", ("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",),
        "fonts-noto-color-emoji", "emoji",
        re.compile("[\U0001f000-\U0001faff\U0001f1e6-\U0001f1ff\u200d\ufe0f]"),
        "OFL-1.1"),
)


def missing_fonts(programme: dict[str, Any]) -> list[str]:
    """Warnings for text that needs a fallback font that is not installed."""
    text = json.dumps(programme, ensure_ascii=False)
    return [f"the programme has {font.script} characters, which print as boxes without the "
            f"{font.family} font: install it (apt-get install {font.package})"
            for font in FALLBACK_FONTS if font.needed.search(text) and font.file() is None]


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
    with tempfile.TemporaryDirectory(prefix="confsched-fonts-") as fallback_dir:
        # typst reads fonts by folder: a folder holding just the fallback files.
        for font in FALLBACK_FONTS:
            found = font.file()
            if found is not None:
                (Path(fallback_dir) / found.name).symlink_to(found)
        pdf = _compile(inputs, [str(fonts_dir()), fallback_dir])
    return pdf


def creation_timestamp() -> int | None:
    """The PDF's creation date: ``SOURCE_DATE_EPOCH`` when set (reproducible builds: the
    same input gives the same bytes), else None (typst takes the clock)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return int(epoch) if epoch and epoch.isdigit() else None


def _compile(inputs: dict[str, str], font_paths: list[str]) -> bytes:
    import typst  # the programme extra

    try:
        pdf = typst.compile(
            str(template_path()),
            format="pdf",
            sys_inputs=inputs,
            font_paths=font_paths,
            ignore_system_fonts=True,
            timestamp=creation_timestamp(),
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
