"""Stable identities of calendar entries: UIDs and the fingerprint of where/when.

A UID is derived only from the event's identity (``Event.identity``: its ``id:``, else
its name) and the session's (or break's) id, so the same session keeps its UID across
re-solves, re-exports and, with an ``id:``, a renamed event; two events never share
UIDs. Every UID of one event starts with the same prefix (:func:`uid_prefix`), which is how
the CalDAV publisher recognises the entries it owns on a shared calendar.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid

UID_DOMAIN = "confsched"
_NAMESPACE = uuid.UUID("6f1c5f0e-4a57-5d4f-9c1e-3b0d7c2a9e11")


def _digest(text: str, size: int) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:size]


def uid_prefix(event_key: str) -> str:
    """The part every UID of this event begins with: ``confsched-<12 hex of the key>-``.

    ``event_key`` is ``Event.identity`` (the ``id:``, else the name) everywhere."""
    return f"{UID_DOMAIN}-{_digest(event_key, 12)}-"


def session_uid(event_key: str, session_id: str) -> str:
    """The UID of a session: the event prefix, then a hash of the session id."""
    return f"{uid_prefix(event_key)}s{_digest(session_id, 20)}@{UID_DOMAIN}"


def break_uid(event_key: str, break_id: str) -> str:
    """The UID of a break on one day (``break_id`` is ``<break>@<day>``)."""
    return f"{uid_prefix(event_key)}b{_digest(break_id, 20)}@{UID_DOMAIN}"


def stable_uuid(event_key: str, item_id: str) -> uuid.UUID:
    """A name-based UUID (version 5) of an item of an event, stable across re-solves."""
    return uuid.uuid5(_NAMESPACE, f"{event_key}\x00{item_id}")


def fingerprint(day: dt.date, start: int, end: int, room: str | None) -> str:
    """Where and when an entry takes place; a change of it means the entry moved."""
    return f"{day.isoformat()}|{start:04d}|{end:04d}|{room or ''}"
