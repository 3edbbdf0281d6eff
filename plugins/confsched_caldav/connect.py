"""Connecting to a CalDAV server with credentials from the environment only.

The user name and password come from ``CONFSCHED_CALDAV_USERNAME`` and
``CONFSCHED_CALDAV_PASSWORD``; a URL with credentials in it is refused, so that a
password never sits in a command line, a shell history or a log. Failures become
:class:`ConfschedError` messages that name the server and never the password.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar
from urllib.parse import urlsplit

from scheduler.errors import ConfschedError, UsageError

USERNAME_VAR = "CONFSCHED_CALDAV_USERNAME"
PASSWORD_VAR = "CONFSCHED_CALDAV_PASSWORD"

T = TypeVar("T")


def check_url(url: str) -> str:
    """``url`` if it is an http(s) address without credentials in it."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"--url {url!r} is not an http(s) address; "
                         "write it like https://cal.example.org/dav/")
    if parts.username or parts.password:
        raise UsageError(
            "--url contains a user name or password; remove them from the URL and set "
            f"{USERNAME_VAR} and {PASSWORD_VAR} in the environment instead"
        )
    return url


def credentials() -> tuple[str | None, str | None]:
    """User name and password from the environment (either may be absent)."""
    return os.environ.get(USERNAME_VAR) or None, os.environ.get(PASSWORD_VAR) or None


@contextmanager
def explained_errors(url: str, username: str | None) -> Iterator[None]:
    """Turn the caldav library's and the network's errors into plain messages."""
    from caldav.lib import error as dav_error

    try:
        yield
    except dav_error.AuthorizationError:
        who = f"user {username!r}" if username else "no user name"
        raise ConfschedError(
            f"the CalDAV server at {url} refused the login ({who}); set {USERNAME_VAR} "
            f"and {PASSWORD_VAR} to a valid account"
        ) from None
    except dav_error.DAVError as exc:
        reason = getattr(exc, "reason", None) or type(exc).__name__
        raise ConfschedError(f"the CalDAV server at {url} answered with an error: "
                             f"{reason}") from None
    except OSError as exc:  # connection refused, DNS, TLS (niquests errors are OSErrors)
        raise ConfschedError(
            f"cannot reach the CalDAV server at {url} ({type(exc).__name__}); "
            "check the address and that the server is running"
        ) from None


def with_principal(url: str, action: Callable[[Any], T], timeout: int = 30) -> T:
    """Log in to ``url`` and run ``action(principal)``, with errors explained."""
    from caldav.davclient import DAVClient

    check_url(url)
    username, password = credentials()
    with explained_errors(url, username):
        client = DAVClient(url=url, username=username, password=password,
                                  timeout=timeout)
        try:
            return action(client.principal())
        finally:
            client.close()
