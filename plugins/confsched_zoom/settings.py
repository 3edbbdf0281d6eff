"""Where Zoom is and who we are to it: credentials from the environment, never from files.

The rule: the three credentials (``ZOOM_ACCOUNT_ID``, ``ZOOM_CLIENT_ID``,
``ZOOM_CLIENT_SECRET``) are read from the environment only; they are never written to a
file, printed or put into an exception message. :meth:`ZoomSettings.redact` removes them
from any text that might carry them (an error from the network layer, a server's reply).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from scheduler.errors import UsageError

DEFAULT_API_URL = "https://api.zoom.us/v2"
DEFAULT_OAUTH_URL = "https://zoom.us/oauth/token"
CREDENTIAL_VARIABLES = ("ZOOM_ACCOUNT_ID", "ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET")
REDACTED = "***"


@dataclass(frozen=True)
class ZoomSettings:
    """Server-to-Server OAuth credentials and the two base URLs."""

    account_id: str = field(repr=False)
    client_id: str = field(repr=False)
    client_secret: str = field(repr=False)
    api_url: str = DEFAULT_API_URL
    oauth_url: str = DEFAULT_OAUTH_URL

    @classmethod
    def from_env(
        cls,
        env: Mapping[str, str] | None = None,
        api_url: str | None = None,
        oauth_url: str | None = None,
    ) -> ZoomSettings:
        """Read credentials from the environment; options override the URL variables.

        Raises :class:`UsageError` naming every missing variable (never its value).
        """
        source = os.environ if env is None else env
        missing = [name for name in CREDENTIAL_VARIABLES if not source.get(name, "").strip()]
        if missing:
            raise UsageError(
                "Zoom credentials are missing: set " + ", ".join(missing) + " in the environment"
                "\n    fix: create a Server-to-Server OAuth app on marketplace.zoom.us (scope "
                "meeting:write:admin) and export ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and "
                "ZOOM_CLIENT_SECRET; or use --dry-run to see the plan without calling Zoom"
            )
        api, oauth = urls_from_env(source, api_url, oauth_url)
        return cls(
            account_id=source["ZOOM_ACCOUNT_ID"].strip(),
            client_id=source["ZOOM_CLIENT_ID"].strip(),
            client_secret=source["ZOOM_CLIENT_SECRET"].strip(),
            api_url=check_url("--api-url / ZOOM_API_URL", api),
            oauth_url=check_url("--oauth-url / ZOOM_OAUTH_URL", oauth),
        )

    @property
    def secrets(self) -> tuple[str, ...]:
        """The values that must never appear in output (longest first, for replacement)."""
        values = {self.account_id, self.client_id, self.client_secret}
        return tuple(sorted((v for v in values if v), key=len, reverse=True))

    def redact(self, text: str, extra: tuple[str, ...] = ()) -> str:
        """``text`` with every credential (and any ``extra`` secret, e.g. a token) masked."""
        for secret in (*self.secrets, *extra):
            if len(secret) >= 4:  # shorter values would mangle ordinary words
                text = text.replace(secret, REDACTED)
        return text


LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def check_url(name: str, url: str) -> str:
    """``url`` if it is https (or http to this machine, for tests); else a clear error.

    Credentials and tokens travel with every call, so plain http to another machine is
    refused.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        example = DEFAULT_OAUTH_URL if "OAUTH" in name.upper() else DEFAULT_API_URL
        raise UsageError(f"{name}: {url!r} is not an http(s) URL; write it like {example}")
    if parts.scheme == "http" and parts.hostname not in LOOPBACK:
        raise UsageError(f"{name}: {url!r} would send the Zoom credentials unencrypted; "
                         "use https:// (plain http is only allowed to localhost)")
    return url


def urls_from_env(
    env: Mapping[str, str] | None = None, api_url: str | None = None, oauth_url: str | None = None
) -> tuple[str, str]:
    """The API and OAuth base URLs (options, then environment, then Zoom's defaults)."""
    source = os.environ if env is None else env
    return (
        (api_url or source.get("ZOOM_API_URL") or DEFAULT_API_URL).rstrip("/"),
        oauth_url or source.get("ZOOM_OAUTH_URL") or DEFAULT_OAUTH_URL,
    )
