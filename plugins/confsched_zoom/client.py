"""A small Zoom REST client on httpx: Server-to-Server OAuth and the meeting endpoints.

The rules it keeps:

- The access token comes from ``POST {oauth_url}`` with ``grant_type=account_credentials``
  and ``account_id`` (form-encoded; Zoom also takes them in the query string, but URLs end
  up in logs) and HTTP Basic client id/secret. It is cached until shortly before
  it expires and fetched only when a call is actually made (a run with nothing to do makes
  no call at all). When Zoom answers 401 to an API call, a new token is fetched once and
  the call repeated; a second 401 is an error.
- 429 (rate limited): wait ``Retry-After`` seconds when Zoom sends it, else an exponential
  backoff with a cap, and try again, at most ``max_retries`` times. A wait longer than
  ``max_wait`` (Zoom's daily limits) is not slept through but reported.
- Any other failure raises :class:`ZoomError` naming what was being done, the HTTP status
  and Zoom's own error code and message. Credentials and tokens never appear in messages
  or logs (the Authorization header is never logged; text is redacted).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any

try:
    import httpx
except ImportError:  # the zoom extra is not installed: ZoomClient() says so
    httpx = None  # type: ignore[assignment]

from confsched_zoom.settings import ZoomSettings
from scheduler.errors import ConfschedError
from scheduler.extras import MissingExtra

log = logging.getLogger("confsched.zoom")

TOKEN_MARGIN_SECONDS = 60
"""A cached token is renewed this long before Zoom says it expires."""


class ZoomError(ConfschedError):
    """A Zoom call failed; the message says what, and Zoom's code and message (exit 1)."""

    def __init__(self, message: str, status: int | None = None, code: Any = None,
                 sent: bool = True) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.sent = sent
        """False when the request never left this machine (no connection was made)."""


class ZoomAuthError(ZoomError):
    """Zoom refused the Server-to-Server OAuth credentials."""


def _default_sleep(seconds: float) -> None:
    time.sleep(seconds)


class ZoomClient:
    """Talks to one Zoom account. Use as a context manager, or call :meth:`close`."""

    def __init__(
        self,
        settings: ZoomSettings,
        *,
        sleep: Callable[[float], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
        max_retries: int = 6,
        backoff_base: float = 1.0,
        backoff_cap: float = 30.0,
        max_wait: float = 300.0,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if httpx is None:
            raise MissingExtra("httpx", "zoom")
        self.settings = settings
        self._sleep = sleep or _default_sleep
        self._clock = clock
        self.max_retries = max_retries
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.max_wait = max_wait
        self._http = httpx.Client(timeout=timeout, transport=transport)
        self._token: str | None = None
        self._token_expires = 0.0
        self.calls = 0
        """API and token requests sent (for reporting)."""
        self.maybe_applied = 0
        """API requests that may have changed something on Zoom: answered 2xx or 5xx, or
        sent without an answer. One that failed to connect, or that Zoom refused (4xx),
        changed nothing; a sync uses this to clear the pending mark of a creation."""

    def __enter__(self) -> ZoomClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # ------------------------------------------------------------------ helpers

    def redact(self, text: str) -> str:
        """``text`` with credentials and the current token masked."""
        return self.settings.redact(text, extra=(self._token,) if self._token else ())

    def _backoff(self, attempt: int, response: httpx.Response, what: str) -> None:
        """Sleep before retrying a 429; raise when retries are used up or the wait is long."""
        header = response.headers.get("Retry-After")
        delay: float | None = None
        if header is not None:
            try:
                delay = max(0.0, float(header))
            except ValueError:
                delay = None
        if delay is None:
            delay = min(self.backoff_cap, self.backoff_base * (2 ** (attempt - 1)))
        if attempt > self.max_retries or delay > self.max_wait:
            code, message = _zoom_error(response)
            hint = (f"Zoom asks to wait {delay:.0f} s (a daily limit?)"
                    if delay > self.max_wait else f"gave up after {self.max_retries} retries")
            raise ZoomError(
                self.redact(f"{what}: Zoom rate limit (HTTP 429, Zoom error {code}: {message}); "
                            f"{hint}. Run the same command again later: finished work is kept"),
                status=429, code=code,
            )
        log.info("Zoom rate limit while %s; waiting %.1f s (retry %d)", what, delay, attempt)
        self._sleep(delay)

    def _send(self, method: str, url: str, what: str, **kwargs: Any) -> httpx.Response:
        self.calls += 1
        try:
            response = self._http.request(method, url, **kwargs)
        except httpx.TransportError as exc:
            raise ZoomError(self.redact(
                f"{what}: could not reach Zoom at {httpx.URL(url).host} "
                f"({type(exc).__name__}: {exc}); check the network, ZOOM_API_URL and "
                "ZOOM_OAUTH_URL, then run the same command again"
            ), sent=not isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout)) from None
        log.debug("%s %s -> %d", method, httpx.URL(url).path, response.status_code)
        return response

    # ------------------------------------------------------------------ token

    def _access_token(self, force: bool = False) -> str:
        if not force and self._token and self._clock() < self._token_expires:
            return self._token
        what = "getting a Zoom access token"
        attempt = 0
        while True:
            response = self._send(
                "POST", self.settings.oauth_url, what,
                # In the form body rather than the query string (Zoom takes both), so that
                # the account id never shows in URLs that httpx logs.
                data={"grant_type": "account_credentials",
                      "account_id": self.settings.account_id},
                auth=(self.settings.client_id, self.settings.client_secret),
            )
            if response.status_code != 429:
                break
            attempt += 1
            self._backoff(attempt, response, what)
        if response.status_code in (400, 401, 403):
            code, message = _zoom_error(response)
            raise ZoomAuthError(self.redact(
                f"Zoom did not accept the credentials (HTTP {response.status_code}, "
                f"{code}: {message})\n    fix: check ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and "
                "ZOOM_CLIENT_SECRET (a Server-to-Server OAuth app, activated, with the "
                "meeting:write:admin scope)"
            ), status=response.status_code, code=code)
        if response.status_code != 200:
            code, message = _zoom_error(response)
            raise ZoomAuthError(self.redact(
                f"{what}: HTTP {response.status_code}, Zoom error {code}: {message}"
            ), status=response.status_code, code=code)
        try:
            data = response.json()
            token = str(data["access_token"])
            expires_in = float(data.get("expires_in", 3600))
        except (ValueError, KeyError, TypeError):
            raise ZoomAuthError(f"{what}: Zoom's answer has no access_token") from None
        self._token = token
        self._token_expires = self._clock() + max(0.0, expires_in - TOKEN_MARGIN_SECONDS)
        return token

    # ------------------------------------------------------------------ API

    def request(
        self,
        method: str,
        path: str,
        what: str,
        *,
        json: Mapping[str, Any] | None = None,
        params: Mapping[str, Any] | None = None,
        ok: tuple[int, ...] = (200,),
        allow_404: bool = False,
    ) -> httpx.Response | None:
        """Call the API; return the response, or ``None`` for a 404 when ``allow_404``.

        ``what`` names the work for error messages ("creating the meeting of session x").
        """
        url = f"{self.settings.api_url.rstrip('/')}/{path.lstrip('/')}"
        refreshed = False
        attempt = 0
        while True:
            token = self._access_token()
            try:
                response = self._send(
                    method, url, what, json=json, params=params,
                    headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
                )
            except ZoomError as exc:
                if exc.sent:
                    self.maybe_applied += 1
                raise
            if not 400 <= response.status_code < 500:
                self.maybe_applied += 1
            if response.status_code == 401 and not refreshed:
                log.info("Zoom refused the access token while %s; fetching a new one", what)
                refreshed = True
                self._access_token(force=True)
                continue
            if response.status_code == 429:
                attempt += 1
                self._backoff(attempt, response, what)
                continue
            break
        if response.status_code == 404 and allow_404:
            return None
        if response.status_code not in ok:
            code, message = _zoom_error(response)
            raise ZoomError(self.redact(
                f"{what}: Zoom answered HTTP {response.status_code}, "
                f"Zoom error {code}: {message}"
            ), status=response.status_code, code=code)
        return response

    def create_meeting(self, host: str, body: Mapping[str, Any], what: str) -> dict[str, Any]:
        """``POST /users/{host}/meetings``: the new meeting (201)."""
        response = self.request("POST", f"users/{_quote(host)}/meetings", what, json=body,
                                ok=(201, 200))
        assert response is not None
        return _json_object(response, what)

    def get_meeting(self, meeting_id: str, what: str) -> dict[str, Any] | None:
        """``GET /meetings/{id}``: the meeting, or ``None`` if Zoom does not know it."""
        response = self.request("GET", f"meetings/{_quote(meeting_id)}", what, allow_404=True)
        return None if response is None else _json_object(response, what)

    def update_meeting(self, meeting_id: str, body: Mapping[str, Any], what: str) -> bool:
        """``PATCH /meetings/{id}`` (204); ``False`` if the meeting no longer exists."""
        response = self.request("PATCH", f"meetings/{_quote(meeting_id)}", what, json=body,
                                ok=(204, 200), allow_404=True)
        return response is not None

    def delete_meeting(self, meeting_id: str, what: str) -> bool:
        """``DELETE /meetings/{id}`` (204); ``False`` if it was already gone."""
        response = self.request("DELETE", f"meetings/{_quote(meeting_id)}", what,
                                ok=(204, 200), allow_404=True)
        return response is not None

    def list_meetings(self, host: str, what: str) -> list[dict[str, Any]]:
        """``GET /users/{host}/meetings?type=upcoming``, all pages."""
        meetings: list[dict[str, Any]] = []
        token = ""
        for _ in range(100):
            params: dict[str, Any] = {"type": "upcoming", "page_size": 300}
            if token:
                params["next_page_token"] = token
            response = self.request("GET", f"users/{_quote(host)}/meetings", what,
                                    params=params)
            assert response is not None
            data = _json_object(response, what)
            meetings.extend(m for m in data.get("meetings", []) if isinstance(m, dict))
            token = str(data.get("next_page_token") or "")
            if not token:
                break
        return meetings


def _quote(part: str) -> str:
    from urllib.parse import quote

    return quote(str(part), safe="@")


def _json_object(response: httpx.Response, what: str) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        raise ZoomError(f"{what}: Zoom's answer is not JSON") from None
    if not isinstance(data, dict):
        raise ZoomError(f"{what}: Zoom's answer is not a JSON object")
    return data


def _zoom_error(response: httpx.Response) -> tuple[Any, str]:
    """Zoom's error code and message from an error body (API or OAuth style)."""
    try:
        data = response.json()
    except ValueError:
        text = response.text.strip().replace("\n", " ")[:200]
        return response.status_code, text or response.reason_phrase
    if not isinstance(data, dict):
        return response.status_code, str(data)[:200]
    if "code" in data or "message" in data:
        return data.get("code", response.status_code), str(data.get("message", ""))
    if "error" in data or "reason" in data:  # the OAuth endpoint
        return data.get("error", response.status_code), str(data.get("reason", ""))
    return response.status_code, str(data)[:200]
