"""The Zoom client against the fake server: OAuth, token refresh, throttling, errors."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs

import pytest
from confsched_zoom.client import ZoomAuthError, ZoomClient, ZoomError
from confsched_zoom.settings import ZoomSettings
from fakezoom import FakeZoom
from zoomhelp import ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET, SECRETS

from scheduler.errors import UsageError

BODY = {"type": 2, "topic": "Открытие", "agenda": "", "start_time": "2022-06-07T10:00:00",
        "duration": 30, "timezone": "Asia/Bishkek", "settings": {"waiting_room": True}}


def settings(fake: FakeZoom, secret: str = CLIENT_SECRET) -> ZoomSettings:
    return ZoomSettings(account_id=ACCOUNT_ID, client_id=CLIENT_ID, client_secret=secret,
                        api_url=fake.base_url + "/v2", oauth_url=fake.base_url + "/oauth/token")


def client(fake: FakeZoom, slept: list[float], **kwargs: Any) -> ZoomClient:
    return ZoomClient(settings(fake), sleep=slept.append, **kwargs)


def test_token_is_fetched_once_with_basic_auth_and_form_params(fake_zoom: FakeZoom) -> None:
    slept: list[float] = []
    with client(fake_zoom, slept) as zoom:
        created = zoom.create_meeting("me", BODY, "creating")
        assert zoom.get_meeting(str(created["id"]), "reading") is not None
    token_calls = [c for c in fake_zoom.calls if c.path == "/oauth/token"]
    assert len(token_calls) == 1
    assert token_calls[0].query == {}  # nothing secret in the URL
    assert parse_qs(token_calls[0].body) == {"grant_type": ["account_credentials"],
                                             "account_id": [ACCOUNT_ID]}
    assert token_calls[0].headers["authorization"].startswith("Basic ")
    assert created["start_time"] == "2022-06-07T04:00:00Z"  # Bishkek is UTC+6
    assert fake_zoom.meetings[created["id"]]["topic"] == "Открытие"


def test_expired_token_is_renewed_once(fake_zoom: FakeZoom) -> None:
    with client(fake_zoom, []) as zoom:
        created = zoom.create_meeting("me", BODY, "creating")
        fake_zoom.expire_tokens()
        assert zoom.update_meeting(str(created["id"]), {"duration": 45}, "updating")
    assert [c.status for c in fake_zoom.calls] == [200, 201, 401, 200, 204]
    assert fake_zoom.meetings[created["id"]]["duration"] == 45


def test_a_second_401_is_an_error_not_a_loop(fake_zoom: FakeZoom,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    with client(fake_zoom, []) as zoom:
        zoom.create_meeting("me", BODY, "creating")
        # Tokens stop working as soon as they are issued.
        monkeypatch.setattr(fake_zoom, "tokens", type("Never", (set,), {
            "add": lambda self, item: None})())
        with pytest.raises(ZoomError) as caught:
            zoom.get_meeting("1", "reading meeting 1")
    assert caught.value.status == 401
    assert "124" in str(caught.value) and "Invalid access token" in str(caught.value)
    assert len([c for c in fake_zoom.calls if c.status == 401]) == 2


def test_429_waits_retry_after_seconds(fake_zoom: FakeZoom) -> None:
    slept: list[float] = []
    fake_zoom.throttle(2, retry_after="3")
    with client(fake_zoom, slept) as zoom:
        zoom.create_meeting("me", BODY, "creating")
    assert slept == [3.0, 3.0]
    assert len(fake_zoom.meetings) == 1


def test_429_without_retry_after_backs_off_exponentially_with_a_cap(fake_zoom: FakeZoom) -> None:
    slept: list[float] = []
    fake_zoom.throttle(5)
    with client(fake_zoom, slept, backoff_base=0.5, backoff_cap=3.0) as zoom:
        zoom.create_meeting("me", BODY, "creating")
    assert slept == [0.5, 1.0, 2.0, 3.0, 3.0]


def test_429_retries_are_bounded(fake_zoom: FakeZoom) -> None:
    slept: list[float] = []
    fake_zoom.throttle(100)
    with client(fake_zoom, slept, max_retries=3) as zoom, pytest.raises(ZoomError) as caught:
        zoom.create_meeting("me", BODY, "creating the meeting of session 'x'")
    assert len(slept) == 3
    assert caught.value.status == 429
    assert "session 'x'" in str(caught.value) and "again later" in str(caught.value)
    assert fake_zoom.meetings == {}


def test_a_daily_limit_wait_is_reported_not_slept(fake_zoom: FakeZoom) -> None:
    slept: list[float] = []
    fake_zoom.throttle(1, retry_after="40000")
    with client(fake_zoom, slept) as zoom, pytest.raises(ZoomError, match="40000 s"):
        zoom.create_meeting("me", BODY, "creating")
    assert slept == []


def test_bad_credentials_give_a_clear_error_without_secrets(fake_zoom: FakeZoom) -> None:
    zoom = ZoomClient(settings(fake_zoom, secret="wrong-secret-value"), sleep=lambda s: None)
    with zoom, pytest.raises(ZoomAuthError) as caught:
        zoom.create_meeting("me", BODY, "creating")
    message = str(caught.value)
    assert "invalid_client" in message and "ZOOM_CLIENT_SECRET" in message
    for secret in (*SECRETS, "wrong-secret-value"):
        assert secret not in message
    assert fake_zoom.api_calls() == []


def test_zoom_errors_name_the_work_and_zoom_code(fake_zoom: FakeZoom) -> None:
    with client(fake_zoom, []) as zoom, pytest.raises(ZoomError) as caught:
        zoom.create_meeting("me", {**BODY, "duration": 0}, "creating the meeting of session 'x'")
    assert caught.value.status == 400 and caught.value.code == 300
    assert "session 'x'" in str(caught.value) and "Invalid field: duration" in str(caught.value)


def test_404_is_none_for_get_and_false_for_patch_and_delete(fake_zoom: FakeZoom) -> None:
    with client(fake_zoom, []) as zoom:
        assert zoom.get_meeting("999", "reading") is None
        assert zoom.update_meeting("999", {"duration": 10}, "updating") is False
        assert zoom.delete_meeting("999", "deleting") is False


def test_unreachable_zoom_is_a_clear_error_without_secrets() -> None:
    dead = ZoomSettings(account_id=ACCOUNT_ID, client_id=CLIENT_ID, client_secret=CLIENT_SECRET,
                        api_url="http://127.0.0.1:9/v2", oauth_url="http://127.0.0.1:9/oauth/token")
    with ZoomClient(dead, timeout=2) as zoom, pytest.raises(ZoomError) as caught:
        zoom.create_meeting("me", BODY, "creating")
    assert "could not reach Zoom" in str(caught.value)
    for secret in SECRETS:
        assert secret not in str(caught.value)


def test_settings_repr_and_redaction_hide_credentials() -> None:
    zs = ZoomSettings(account_id=ACCOUNT_ID, client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    for secret in SECRETS:
        assert secret not in repr(zs)
        assert secret not in zs.redact(f"oops {secret} leaked")


@pytest.mark.parametrize("url, problem", [
    ("foo", "not an http(s) URL"),
    ("ftp://zoom.example/v2", "not an http(s) URL"),
    ("http://zoom.example/v2", "unencrypted"),
])
def test_bad_or_plain_http_urls_are_refused_before_any_call(url: str, problem: str) -> None:
    env = {"ZOOM_ACCOUNT_ID": ACCOUNT_ID, "ZOOM_CLIENT_ID": CLIENT_ID,
           "ZOOM_CLIENT_SECRET": CLIENT_SECRET}
    with pytest.raises(UsageError, match=re.escape(problem)):
        ZoomSettings.from_env(env, api_url=url)
    with pytest.raises(UsageError, match="ZOOM_OAUTH_URL"):
        ZoomSettings.from_env({**env, "ZOOM_OAUTH_URL": url})
    assert ZoomSettings.from_env(env).api_url == "https://api.zoom.us/v2"
