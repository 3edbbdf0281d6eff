"""A small client of pretalx's REST API (``/api/events/SLUG/...``, token auth): reading
an event, its rooms, tracks, submission types, speakers and confirmed submissions with
their work-in-progress slots; moving slots; releasing a schedule version.

The token comes from ``CONFSCHED_PRETALX_TOKEN`` and is sent only in the Authorization
header: never logged, never written, never part of a message.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx

from scheduler.errors import ConfschedError, UsageError

TOKEN_VARIABLE = "CONFSCHED_PRETALX_TOKEN"


class PretalxError(ConfschedError):
    """pretalx could not be reached, or refused a request (exit code 1)."""

    exit_code = 1


def token_from_environment() -> str:
    token = os.environ.get(TOKEN_VARIABLE, "").strip()
    if not token:
        raise UsageError(f"set {TOKEN_VARIABLE} to an API token of the event (pretalx: your "
                         "account, API tokens; it needs read access, and write access to "
                         "slots and schedules to send a schedule back)")
    return token


class PretalxClient:
    """One event on one pretalx server."""

    def __init__(self, url: str, event: str, token: str,
                 transport: httpx.BaseTransport | None = None, timeout: float = 30.0) -> None:
        base = url.rstrip("/")
        if not base.startswith(("http://", "https://")):
            raise UsageError(f"--url {url!r} is not a web address; give the pretalx server, "
                             "e.g. https://pretalx.example.org")
        parts = urlsplit(base)
        if parts.username or parts.password:
            # Never echoed back (it would put the password in every message of the run).
            raise UsageError("--url contains a user name or password; remove them from the "
                             f"URL: pretalx is reached with the token in {TOKEN_VARIABLE}")
        if base.endswith("/api"):
            base = base[: -len("/api")]
        self.server = base
        self.event = event
        self.base = f"{base}/api/events/{event}"
        self._http = httpx.Client(timeout=timeout, transport=transport,
                                  headers={"Authorization": f"Token {token}",
                                           "Accept": "application/json"})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PretalxClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ requests

    def _request(self, method: str, url: str, **kwargs: Any) -> Any:
        try:
            response = self._http.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            raise PretalxError(f"cannot reach pretalx at {self.server}: "
                               f"{type(exc).__name__}: {exc}\n"
                               "    fix: check --url and that the server is up") from None
        if response.status_code in (401, 403):
            raise PretalxError(
                f"pretalx refused the token for {method} {url.removeprefix(self.server)} "
                f"(HTTP {response.status_code})\n    fix: give {TOKEN_VARIABLE} a token of "
                f"this event with the needed permissions (read; write on slots and "
                f"schedules to send a schedule back)")
        if response.status_code == 404:
            raise PretalxError(f"pretalx has no {url.removeprefix(self.server)} (HTTP 404)\n"
                               f"    fix: check --event {self.event!r} and --url")
        if response.status_code >= 400:
            raise PretalxError(f"pretalx answered {method} {url.removeprefix(self.server)} "
                               f"with HTTP {response.status_code}: {response.text[:300]}")
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:  # an HTML page (a login proxy, the wrong --url), not the API
            kind = response.headers.get("content-type", "?").split(";")[0]
            raise PretalxError(
                f"{method} {url.removeprefix(self.server)} answered {kind}, not pretalx's "
                f"JSON API\n    fix: give --url the pretalx server itself (e.g. "
                "https://pretalx.example.org), not a page of it or a login in front of it"
            ) from None

    def pages(self, path: str, **params: Any) -> Iterator[dict[str, Any]]:
        """Every result of a paginated list."""
        url: str | None = f"{self.base}/{path}"
        query: dict[str, Any] | None = {"limit": 100, **params}
        while url:
            page = self._request("GET", url, params=query)
            yield from page.get("results", [])
            url, query = page.get("next"), None

    # ------------------------------------------------------------------ reading

    def event_data(self) -> dict[str, Any]:
        data: dict[str, Any] = self._request("GET", f"{self.base}/")
        return data

    def wip_schedule_id(self) -> int:
        for schedule in self.pages("schedules/"):
            if schedule.get("version") in (None, "wip"):
                return int(schedule["id"])
        raise PretalxError(f"the event {self.event!r} has no work-in-progress schedule")

    def wip_slots(self) -> list[dict[str, Any]]:
        return list(self.pages("slots/", schedule=self.wip_schedule_id()))

    # ------------------------------------------------------------------ writing

    def move_slot(self, slot: int, room: int | None, start: str | None) -> None:
        self._request("PATCH", f"{self.base}/slots/{slot}/",
                      json={"room": room, "start": start})

    def release(self, version: str, comment: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"version": version}
        if comment:
            body["comment"] = comment
        result: dict[str, Any] = self._request("POST", f"{self.base}/schedules/release/",
                                               json=body)
        return result


def text(value: Any, locale: str = "en") -> str:
    """pretalx's translated text (``{"en": "...", "ru": "..."}``) in ``locale`` if it has
    it, else the first language it has; plain text as it is."""
    if isinstance(value, dict):
        return str(value.get(locale) or next((v for v in value.values() if v), ""))
    return "" if value is None else str(value)
