"""The exceptions of the client: one root, :class:`SandboxError`, carrying the server's ``code`` and message.

Catch :class:`SandboxError` for everything; the subclasses are there for the cases callers handle
differently (a model that is not there, a token that is wrong, a job that is already over, a server
that does not answer).
"""
from __future__ import annotations

from typing import Any, Dict, Mapping, Optional


class SandboxError(Exception):
    """An error answer of the server, or no answer at all.

    Attributes:
        code: the server's error code (``MODEL_NOT_FOUND``, ``SYNTAX_ERROR``, ...), or one of the client's
            own: ``CONNECTION_FAILED`` (no answer), ``TIMEOUT`` (a wait ran out), ``BAD_ANSWER`` (not the
            server's JSON).
        message: what went wrong and what to do, as the server says it.
        status: the HTTP status, or None when the server did not answer.
        details: the whole error body (``line``, ``column``, ``text`` of a syntax error; ``jobId`` ...).
    """

    def __init__(self, message: str, code: str = "ERROR", status: Optional[int] = None,
                 details: Optional[Mapping[str, Any]] = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status
        self.details: Dict[str, Any] = dict(details or {})

    def __str__(self) -> str:
        where = f"{self.status} " if self.status else ""
        return f"{self.message} ({where}{self.code})"


class InvalidRequest(SandboxError):
    """The server refused what was sent: 400, 413, 415 or 422 (a syntax error has ``line`` and ``column``)."""

    @property
    def line(self) -> Optional[int]:
        return self.details.get("line")

    @property
    def column(self) -> Optional[int]:
        return self.details.get("column")


class Unauthorized(SandboxError):
    """401: no token, or a wrong, expired or revoked one."""


class Forbidden(SandboxError):
    """403: the token's role may not do this, or what it changes belongs to someone else."""


class NotFound(SandboxError):
    """404: no model, job, data source, file, schedule or experiment of that id."""


class Conflict(SandboxError):
    """409: archived, already finished, a runtime that is not there, an idempotency key reused."""


class TooManyRequests(SandboxError):
    """429: a quota is reached, or too many logins."""


class ServerError(SandboxError):
    """5xx: the queue is full, the server is closing, or it failed itself."""


class ConnectionFailed(SandboxError):
    """No answer: the server is down, unreachable, or the connection dropped (after the retries allowed)."""


class Timeout(SandboxError):
    """A wait ran out: ``job.wait(timeout)`` before the job ended, or a request past its timeout."""


_BY_STATUS = {400: InvalidRequest, 401: Unauthorized, 403: Forbidden, 404: NotFound, 409: Conflict,
              413: InvalidRequest, 415: InvalidRequest, 422: InvalidRequest, 429: TooManyRequests}


def from_answer(status: int, body: Mapping[str, Any], fallback: str) -> SandboxError:
    """The exception for an error answer: its class by status, its code and message from the JSON body."""
    code = str(body.get("code") or _status_code(status))
    message = str(body.get("error") or fallback)
    kind = _BY_STATUS.get(status, ServerError if status >= 500 else SandboxError)
    return kind(message, code=code, status=status, details=body)


def _status_code(status: int) -> str:
    return {400: "INVALID_ARGUMENT", 401: "UNAUTHORIZED", 403: "FORBIDDEN", 404: "NOT_FOUND",
            409: "CONFLICT", 502: "BAD_GATEWAY", 503: "SERVICE_UNAVAILABLE", 504: "GATEWAY_TIMEOUT"}.get(status, f"HTTP_{status}")
