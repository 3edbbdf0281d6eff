"""Safe YAML reading that remembers where every value came from.

The loader never constructs arbitrary objects (it only knows YAML's plain types),
refuses duplicate keys, and caps the number of nodes so that an alias bomb cannot
exhaust memory. Each value's line and column are kept in a :class:`Positions` map,
keyed by its path (a tuple of keys and list indexes), so that a validation error
found later can point at the file, line and column.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from scheduler.errors import InputError, Problem
from scheduler.timeparse import Sexagesimal

MAX_NODES = 200_000
"""Most values the document may build through aliases (and ``<<:`` merges). A value written
out in the file counts once and is bounded by :data:`MAX_BYTES`; every further time a node
is reached again through an alias, it and everything under it count here. This stops an
alias bomb (ten aliases of ten aliases of ...) long before it fills memory, while an honest
file of any size up to the byte cap loads (a generated 10,000-session event has about a
million values)."""
MAX_DEPTH = 100
"""Deepest nesting accepted. A scenario nests about six levels; libyaml itself refuses
1,000 (PyYAML >= 6.0.3 with libyaml) and the pure-Python parser runs out of stack near
500, so our own, lower limit gives one message on every PyYAML the project allows."""
_FLAT = "write the structure out plainly: a scenario nests only a few levels"
_TOO_DEEP = f"the file nests more than {MAX_DEPTH} levels (or an alias refers to itself)"
MAX_BYTES = 20 * 1024 * 1024

PathKey = tuple[str | int, ...]

# libyaml's parser when PyYAML was built with it (ten times faster), else the pure one.
# Only the parser comes from it: values are built by our own safe builder below.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_SCALAR_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "str", "timestamp")
}
_STR_TAG = "tag:yaml.org,2002:str"
# C0 and C1 control characters other than tab, line feed and carriage return, and DEL.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass
class Positions:
    """Line and column (1-based) of each value in a YAML document, by path."""

    file: str
    places: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def find(self, path: PathKey) -> tuple[int | None, int | None]:
        """Place of ``path``, or of its nearest ancestor that has one."""
        probe = tuple(path)
        while probe:
            if probe in self.places:
                return self.places[probe]
            probe = probe[:-1]
        fallback: tuple[int | None, int | None] = self.places.get((), (None, None))
        return fallback

    def problem(self, path: PathKey, message: str, hint: str | None = None) -> Problem:
        """A :class:`Problem` placed at ``path``."""
        line, column = self.find(path)
        return Problem(
            message=message,
            file=self.file,
            line=line,
            column=column,
            path=format_path(path) or None,
            hint=hint,
        )


def format_path(path: PathKey) -> str:
    """``("sessions", 3, "duration")`` -> ``sessions[3].duration``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class _Builder:
    def __init__(self, file: str) -> None:
        self.positions = Positions(file)
        self.constructor = yaml.constructor.SafeConstructor()
        self.count = 0  # values built through aliases (see MAX_NODES)
        self.seen: set[int] = set()  # ids of the nodes built at least once
        self.file = file

    def build(self, node: yaml.Node, path: PathKey, via_alias: bool = False) -> Any:
        """Build ``node``; ``via_alias`` when it is reached again (an alias or a merge)."""
        if len(path) > MAX_DEPTH:
            raise self._error(node, _TOO_DEEP, _FLAT)
        via_alias = via_alias or id(node) in self.seen
        self.seen.add(id(node))
        if via_alias:
            self.count += 1
            if self.count > MAX_NODES:
                raise InputError(
                    [
                        Problem(
                            f"the document expands to more than {MAX_NODES:,} values "
                            "through aliases (an alias bomb?)",
                            file=self.file,
                            line=node.start_mark.line + 1,
                            column=node.start_mark.column + 1,
                            hint="write the values out instead of nesting YAML aliases",
                        )
                    ]
                )
        if path not in self.positions.places:
            self.positions.places[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode):
            self._check_collection_tag(node, "tag:yaml.org,2002:seq")
            return [self.build(child, (*path, i), via_alias) for i, child in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, via_alias)
        raise self._error(node, "unsupported YAML node", "use plain mappings, lists and values")

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag not in _SCALAR_TAGS:
            raise self._error(node, f"the YAML tag {node.tag} is not allowed here",
                              "remove the !tag; scenario files hold plain values only")
        try:
            # A string is the node's text (what SafeConstructor's construct_yaml_str returns),
            # taken directly: 97% of a scenario's values, and most of the building's time.
            value = (node.value if node.tag == _STR_TAG
                     else self.constructor.construct_object(node, deep=True))
        except (ValueError, OverflowError) as exc:
            # e.g. a date like 2024-02-30 that the calendar does not have
            raise self._error(node, f"{node.value!r} is not a valid value: {exc}",
                              "check the date or number") from None
        if type(value) is int and ":" in node.value:
            value = Sexagesimal(value)  # an unquoted 9:30: a clock (scheduler/timeparse.py)
        if isinstance(value, str):
            bad = _CONTROL.search(value)
            if bad:
                raise self._error(
                    node,
                    f"the text contains the control character U+{ord(bad.group()):04X}",
                    "remove it (copying from a word processor can add invisible characters)",
                )
        return value

    def _check_collection_tag(self, node: yaml.Node, expected: str) -> None:
        if node.tag != expected:
            raise self._error(node, f"the YAML tag {node.tag} is not allowed here",
                              "remove the !tag; scenario files hold plain values only")

    def _mapping(
        self, node: yaml.MappingNode, path: PathKey, via_alias: bool = False
    ) -> dict[Any, Any]:
        self._check_collection_tag(node, "tag:yaml.org,2002:map")
        self.constructor.flatten_mapping(node)  # resolves "<<" merge keys
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self._error(key_node, "a key must be a plain word or number",
                                  "write the key as a word, e.g. name:")
            key = self._scalar(key_node)
            if not isinstance(key, str):
                # Keys are names: `yes:`, `1:`, `~:` or `2024-01-01:` mean the text written.
                key = str(key_node.value)
            if key in result:
                raise self._error(key_node, f"the key {key!r} appears twice in the same mapping",
                                  "keep one of the two entries")
            self.positions.places[(*path, key)] = (
                key_node.start_mark.line + 1, key_node.start_mark.column + 1,
            )
            result[key] = self.build(value_node, (*path, key), via_alias)
        return result

    def _error(self, node: yaml.Node, message: str, hint: str | None = None) -> InputError:
        return InputError([Problem(message, file=self.file, line=node.start_mark.line + 1,
                                   column=node.start_mark.column + 1, hint=hint)])


_READ_ONCE: dict[str, bytes] = {}
"""What was read from pipes and devices, by path: they give their bytes only once, and a
command reads its input twice (to parse it, then for its sha256)."""


def read_bytes(path: str | Path) -> bytes:
    """The bytes of an input file, at most :data:`MAX_BYTES`.

    Never more than ``MAX_BYTES + 1`` bytes are read, whatever the file is: a regular
    file, a sparse file far larger than the disk, a pipe (``<(command)``, a FIFO) or an
    endless device such as ``/dev/zero`` or ``/dev/urandom``; more is refused as too large.
    A pipe or device is read once per process; later reads of the same path return the
    same bytes.
    """
    file = str(path)
    if file in _READ_ONCE:
        return _READ_ONCE[file]
    try:
        with open(path, "rb") as handle:
            regular = stat.S_ISREG(os.fstat(handle.fileno()).st_mode)
            data = _read_at_most(handle, MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError([Problem("file not found", file=file,
                                  hint="check the path; run `ls` to see the files")]) from None
    except IsADirectoryError:
        raise InputError([Problem("this is a folder, not a file", file=file,
                                  hint="give the path of a file inside it")]) from None
    except OSError as exc:
        raise InputError([Problem(f"cannot read the file: {exc.strerror or exc}", file=file,
                                  hint="check the path and its permissions")]) from None
    if len(data) > MAX_BYTES:
        raise InputError([Problem(
            f"the file is larger than {MAX_BYTES // 2**20} MiB", file=file,
            hint="a scenario or schedule is a few hundred KiB; check that this is the right "
                 "file (not a device such as /dev/zero, nor an endless pipe)")])
    if not regular:
        _READ_ONCE[file] = data
    return data


def _read_at_most(handle: BinaryIO, limit: int) -> bytes:
    """Up to ``limit`` bytes; a pipe gives them in pieces, so read until full or ended."""
    parts: list[bytes] = []
    left = limit
    while left > 0:
        chunk = handle.read(min(left, 1 << 20))
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def read_text(path: str | Path) -> str:
    """Read a UTF-8 text file (at most :data:`MAX_BYTES`, see :func:`read_bytes`), with a
    clear error for missing files and wrong encodings."""
    file = str(path)
    data = read_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError([Problem(
            f"byte 0x{data[exc.start]:02x} is not valid UTF-8", file=file, line=line,
            column=column, hint="save the file as UTF-8 (most editors: 'Save with encoding')",
        )]) from None
    return text


def sha256_of(path: str | Path) -> str | None:
    """The sha256 of an input file as it was read (None when it cannot be read)."""
    try:
        return hashlib.sha256(read_bytes(path)).hexdigest()
    except InputError:
        return None


def load_yaml_text(text: str, file: str = "<input>") -> tuple[Any, Positions]:
    """Parse one YAML document; return its plain value and the positions of its parts."""
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if "nesting depth" in f"{exc.problem} {exc.context}":
            # libyaml's own limit (far above MAX_DEPTH): the same message as ours.
            raise InputError([Problem(
                _TOO_DEEP, file=file, line=mark.line + 1 if mark else None,
                column=mark.column + 1 if mark else None, hint=_FLAT)]) from None
        raise InputError([Problem(
            f"this is not valid YAML: {exc.problem or exc.context}",
            file=file,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            hint="check the indentation and that every 'key: value' has a space after the colon",
        )]) from None
    except yaml.reader.ReaderError as exc:
        # A character YAML refuses to read (a control character, before any parsing): at
        # its line and column, as every other problem.
        # libyaml counts the bytes of the UTF-8 text, PyYAML's own reader characters.
        before = (text[: exc.position] if exc.encoding == "unicode"
                  else text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character))
        raise InputError([Problem(
            (f"the text contains the control character U+{code:04X}"
             if _CONTROL.match(chr(code)) else
             f"the text contains the character U+{code:04X}, which YAML does not allow"),
            file=file, line=line,
            column=column,
            hint="remove it (copying from a word processor can add invisible characters)",
        )]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(f"this is not valid YAML: {exc}", file=file)]) from None
    except RecursionError:
        raise InputError([Problem(_TOO_DEEP, file=file, hint=_FLAT)]) from None
    builder = _Builder(file)
    if node is None:
        return None, builder.positions
    try:
        value = builder.build(node, ())
    except RecursionError:
        raise InputError([Problem(_TOO_DEEP, file=file, hint=_FLAT)]) from None
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        raise InputError([Problem(
            f"cannot read a value: {exc.problem}", file=file,
            line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None,
            hint="a `<<:` merge takes a mapping alias such as *defaults",
        )]) from None
    return value, builder.positions


def load_yaml_file(path: str | Path) -> tuple[Any, Positions]:
    """Read and parse a YAML file (see :func:`load_yaml_text`)."""
    return load_yaml_text(read_text(path), file=str(path))
