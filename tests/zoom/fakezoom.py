"""A small Zoom look-alike on loopback: the endpoints confsched uses, as Zoom documents them.

- ``POST /oauth/token?grant_type=account_credentials&account_id=...`` with HTTP Basic
  client id/secret -> ``{access_token, token_type, expires_in, scope, api_url}``; wrong
  credentials -> 400 ``{"reason": "Invalid client_id or client_secret", "error":
  "invalid_client"}``.
- ``/v2`` API with ``Authorization: Bearer``: a bad or expired token -> 401
  ``{"code": 124, "message": "Invalid access token."}``.
- ``POST /v2/users/{user}/meetings`` -> 201 with id, join_url, password, start_url, ...
  (start_time answered in UTC with a ``Z``, as Zoom does); invalid body -> 400 code 300.
- ``GET /v2/users/{user}/meetings`` -> the user's meetings (no passwords, as Zoom).
- ``GET``/``PATCH`` (204)/``DELETE`` (204) ``/v2/meetings/{id}``; unknown -> 404 code 3001.
- Knobs: ``throttle(n, retry_after)`` answers the next n API calls with 429;
  ``fail_creates_after`` answers creations after that many with 500;
  ``lose_create_after`` creates the meeting but answers 500 (a lost answer);
  ``expire_tokens()`` makes every issued token invalid; ``no_read_scope`` answers every
  GET with 400 code 4711, as Zoom does for an app without the ``meeting:read`` scope;
  ``list_agenda_limit`` shortens agendas in meeting lists (a full GET has them whole).
Every request is recorded in ``calls``.
"""

from __future__ import annotations

import base64
import datetime as dt
import itertools
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


@dataclass
class Call:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any
    status: int = 0


@dataclass
class FakeZoom:
    account_id: str
    client_id: str
    client_secret: str
    calls: list[Call] = field(default_factory=list)
    meetings: dict[int, dict[str, Any]] = field(default_factory=dict)
    tokens: set[str] = field(default_factory=set)
    throttled: int = 0
    retry_after: str | None = None
    fail_creates_after: int | None = None
    lose_create_after: int | None = None
    creates: int = 0
    no_read_scope: bool = False
    list_agenda_limit: int | None = None
    base_url: str = ""
    _ids: itertools.count = field(default_factory=lambda: itertools.count(81234567890))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # ----------------------------------------------------------------- knobs

    def throttle(self, count: int, retry_after: str | None = None) -> None:
        self.throttled, self.retry_after = count, retry_after

    def expire_tokens(self) -> None:
        self.tokens.clear()

    def api_calls(self, method: str | None = None) -> list[Call]:
        return [c for c in self.calls if c.path.startswith("/v2")
                and (method is None or c.method == method)]

    # ----------------------------------------------------------------- handling

    def handle(self, method: str, raw_path: str, headers: dict[str, str], raw: bytes
               ) -> tuple[int, dict[str, str], Any]:
        parts = urlsplit(raw_path)
        body: Any = None
        if raw:
            try:
                body = json.loads(raw)
            except ValueError:
                body = raw.decode("utf-8", "replace")
        call = Call(method, parts.path, parse_qs(parts.query), headers, body)
        with self._lock:
            self.calls.append(call)
            status, extra, answer = self._route(method, parts.path, call)
            call.status = status
        return status, extra, answer

    def _route(self, method: str, path: str, call: Call) -> tuple[int, dict[str, str], Any]:
        if path == "/oauth/token" and method == "POST":
            return self._token(call)
        if not path.startswith("/v2/"):
            return 404, {}, {"code": 404, "message": "Not found"}
        auth = call.headers.get("authorization", "")
        if not auth.startswith("Bearer ") or auth[7:] not in self.tokens:
            return 401, {}, {"code": 124, "message": "Invalid access token."}
        if self.throttled > 0:
            self.throttled -= 1
            extra = {"X-RateLimit-Category": "Medium", "X-RateLimit-Type": "QPS"}
            if self.retry_after is not None:
                extra["Retry-After"] = self.retry_after
            return 429, extra, {"code": 429, "message": "You have reached the maximum "
                                "per-second rate limit for this API. Try again later."}
        if self.no_read_scope and method == "GET":
            return 400, {}, {"code": 4711, "message": "Invalid access token, does not "
                             "contain scopes:[meeting:read:admin, meeting:read]."}
        segments = [unquote(s) for s in path[len("/v2/"):].split("/")]
        if len(segments) == 3 and segments[0] == "users" and segments[2] == "meetings":
            if method == "POST":
                return self._create(segments[1], call.body)
            if method == "GET":
                items = [{k: v for k, v in m.items() if k not in ("password", "start_url")}
                         for m in self.meetings.values() if m["host_email"] == segments[1]]
                if self.list_agenda_limit is not None:
                    for item in items:
                        item["agenda"] = item["agenda"][: self.list_agenda_limit]
                return 200, {}, {"page_size": 300, "total_records": len(items),
                                 "next_page_token": "", "meetings": items}
        if len(segments) == 2 and segments[0] == "meetings":
            try:
                meeting_id = int(segments[1])
            except ValueError:
                meeting_id = -1
            meeting = self.meetings.get(meeting_id)
            if meeting is None:
                return 404, {}, {"code": 3001,
                                 "message": f"Meeting does not exist: {segments[1]}."}
            if method == "GET":
                return 200, {}, meeting
            if method == "DELETE":
                del self.meetings[meeting_id]
                return 204, {}, None
            if method == "PATCH":
                problem = _check(call.body, partial=True)
                if problem:
                    return 400, {}, {"code": 300, "message": problem}
                meeting.update({k: v for k, v in call.body.items() if k != "settings"})
                if "start_time" in call.body:
                    meeting["start_time"] = _utc(call.body["start_time"], meeting["timezone"])
                return 204, {}, None
        return 404, {}, {"code": 404, "message": "Not found"}

    def _token(self, call: Call) -> tuple[int, dict[str, str], Any]:
        expected = base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
        query = call.query
        if isinstance(call.body, str):  # form body, also accepted by Zoom
            query = {**query, **parse_qs(call.body)}
        if (call.headers.get("authorization") != f"Basic {expected}"
                or query.get("grant_type") != ["account_credentials"]
                or query.get("account_id") != [self.account_id]):
            return 400, {}, {"reason": "Invalid client_id or client_secret",
                             "error": "invalid_client"}
        token = f"tok-{len(self.tokens) + len(self.calls)}-{next(self._ids)}"
        self.tokens.add(token)
        return 200, {}, {"access_token": token, "token_type": "bearer", "expires_in": 3599,
                         "scope": "meeting:write:admin meeting:read:admin",
                         "api_url": self.base_url}

    def _create(self, user: str, body: Any) -> tuple[int, dict[str, str], Any]:
        if self.fail_creates_after is not None and self.creates >= self.fail_creates_after:
            return 500, {}, {"code": 500, "message": "Internal error, please try again later."}
        problem = _check(body, partial=False)
        if problem:
            return 400, {}, {"code": 300, "message": problem}
        meeting_id = next(self._ids)
        password = f"p{meeting_id % 100000:05d}"
        meeting = {
            "uuid": f"uuid-{meeting_id}==", "id": meeting_id, "host_id": "host-" + user,
            "host_email": user, "topic": body["topic"], "type": 2,
            "start_time": _utc(body["start_time"], body["timezone"]),
            "duration": body["duration"], "timezone": body["timezone"],
            "agenda": body.get("agenda", ""), "created_at": "2022-05-01T00:00:00Z",
            "start_url": f"https://zoom.example/s/{meeting_id}?zak=SECRETZAK{meeting_id}",
            "join_url": f"https://zoom.example/j/{meeting_id}?pwd=enc{meeting_id}",
            "password": password, "settings": body.get("settings", {}),
        }
        self.meetings[meeting_id] = meeting
        self.creates += 1
        if self.lose_create_after is not None and self.creates > self.lose_create_after:
            return 500, {}, {"code": 500, "message": "Internal error (answer lost)."}
        return 201, {}, meeting


def _check(body: Any, partial: bool) -> str | None:
    if not isinstance(body, dict):
        return "Request Body should be a valid JSON object."
    if not partial and body.get("type") != 2:
        return "Invalid field: type."
    for name in ("topic", "start_time", "duration", "timezone"):
        if not partial and name not in body:
            return f"Invalid field: {name}."
    if "topic" in body and (not isinstance(body["topic"], str) or len(body["topic"]) > 200):
        return "Invalid field: topic."
    if "duration" in body and (not isinstance(body["duration"], int) or body["duration"] <= 0):
        return "Invalid field: duration."
    if "timezone" in body:
        try:
            ZoneInfo(body["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            return "Invalid field: timezone."
    if "start_time" in body:
        try:
            dt.datetime.strptime(body["start_time"], "%Y-%m-%dT%H:%M:%S")
        except (TypeError, ValueError):
            return "Invalid field: start_time."
    return None


def _utc(local: str, timezone: str) -> str:
    moment = dt.datetime.strptime(local, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=ZoneInfo(timezone))
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def make_handler(fake: FakeZoom) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, extra, answer = fake.handle(self.command, self.path, headers, raw)
            data = b"" if answer is None else json.dumps(answer, ensure_ascii=False).encode()
            self.send_response(status)
            for key, value in extra.items():
                self.send_header(key, value)
            if data:
                self.send_header("Content-Type", "application/json;charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PATCH = do_DELETE = _serve

    return Handler


def start(fake: FakeZoom) -> tuple[ThreadingHTTPServer, threading.Thread]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(fake))
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    return server, thread
