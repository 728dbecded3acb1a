"""Requests the tutorials' `POST /send-notification/{email}` route refuses.

Both tutorials share the route, so they share the table: each request gets the framework's
own error, and no task runs for it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RefusedRequest:
    """A request the route refuses, and the framework's answer to it."""

    name: str
    method: str
    target: str
    status: int
    detail: str


REFUSED_REQUESTS = (
    RefusedRequest("get-on-post-route", "GET", "/send-notification/foo@example.com", 405,
                   "Method Not Allowed"),
    RefusedRequest("missing-email", "POST", "/send-notification/", 404, "Not Found"),
    # uvicorn decodes %2F into a real slash, so the path has one segment too many.
    RefusedRequest("encoded-slash-in-email", "POST", "/send-notification/a%2Fb", 404, "Not Found"),
)  # fmt: skip
