"""Following a job's events: the server-sent event stream ``GET /jobs/{id}/events``, resumed after a drop.

Each log line's ``id:`` is its ``seq``; a new connection sends ``Last-Event-ID`` (and ``afterSeq``) with the last
seq seen, so no line is lost or repeated. The stream ends after the job's ``completed`` or ``failed`` event.
A server without the stream (its path answers ``404 NOT_FOUND``) is followed by polling its stored lines instead.
"""
from __future__ import annotations

import http.client
import json
import socket
import time
from typing import Any, Dict, Iterator, List, Optional

from ._http import Transport, quote
from .errors import ConnectionFailed, NotFound, Timeout
from .records import Event, LogLine

FINAL_STATUSES = ("success", "failed", "cancelled", "timed_out")
# A quiet stream is reconnected after this long (harmless: it resumes after the last line).
IDLE_SECONDS = 60.0
# Drops in a row, with no event between them, before following gives up.
MAX_DROPS = 5


def follow(transport: Transport, job_id: str, after_seq: int = 0, deadline: Optional[float] = None,
           poll_seconds: float = 0.5) -> Iterator[Event]:
    """Every event of the job after line ``after_seq``, as it happens, up to and including its end event."""
    state = {"last": after_seq}
    try:
        yield from _over_sse(transport, job_id, state, deadline)
    except _NoStream:
        yield from _by_polling(transport, job_id, state, deadline, poll_seconds)


class _NoStream(Exception):
    """The server has no event stream (an older server): poll instead."""


def _over_sse(transport: Transport, job_id: str, state: Dict[str, int], deadline: Optional[float]) -> Iterator[Event]:
    drops = 0
    path = f"/api/optimization/jobs/{quote(job_id)}/events"
    while True:
        _check(deadline, job_id)
        headers = {"Accept": "text/event-stream", "Cache-Control": "no-cache"}
        if state["last"] > 0:
            headers["Last-Event-ID"] = str(state["last"])
        try:
            response = transport.stream(path, {"afterSeq": state["last"]}, headers, timeout=_idle(deadline))
        except Timeout:
            continue  # no headers within the idle time (a server that sends them with the first event): ask again
        except NotFound as e:
            if e.code == "NOT_FOUND":
                raise _NoStream() from e
            raise
        with response:
            if "text/event-stream" not in (response.headers.get("Content-Type") or ""):
                raise _NoStream()
            try:
                for event in _events(response):
                    drops = 0
                    if event.line is not None:
                        if event.line.seq <= state["last"]:
                            continue  # already seen before a reconnect
                        state["last"] = event.line.seq
                    if event.kind == "lagged":
                        break  # reconnect from the last line seen
                    yield event
                    if event.final:
                        return
                    _check(deadline, job_id)
            except (socket.timeout, TimeoutError):
                continue  # quiet for a while: ask again from the last line
            except (OSError, http.client.HTTPException) as e:
                drops += 1
                if drops >= MAX_DROPS:
                    raise ConnectionFailed(f"The event stream of {job_id} dropped {drops} times in a row: {e}",
                                           code="CONNECTION_FAILED") from e
                time.sleep(transport.backoff * drops)
                continue
        drops += 1  # the server closed the stream before the job's end: resume
        if drops >= MAX_DROPS:
            raise ConnectionFailed(f"The event stream of {job_id} ended {drops} times in a row before the job did",
                                   code="CONNECTION_FAILED")
        time.sleep(transport.backoff * drops)


def _events(response: http.client.HTTPResponse) -> Iterator[Event]:
    """Parses ``text/event-stream``: fields until a blank line make one event."""
    name = "message"
    data: List[str] = []
    while True:
        raw = response.readline()
        if not raw:
            return
        line = raw.decode("utf-8").rstrip("\r\n")
        if not line:
            if data:
                event = _event(name, "\n".join(data))
                if event is not None:
                    yield event
            name, data = "message", []
            continue
        if line.startswith(":"):
            continue  # a comment: the server's keep-alive
        field, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if field == "event":
            name = value
        elif field == "data":
            data.append(value)


def _event(name: str, text: str) -> Optional[Event]:
    kind = name.split(":", 1)[1] if name.startswith("optimization:") else name
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    line = LogLine.of(data) if kind == "log" and "seq" in data else None
    return Event(kind, data, line)


def _by_polling(transport: Transport, job_id: str, state: Dict[str, int], deadline: Optional[float],
                poll_seconds: float) -> Iterator[Event]:
    path = f"/api/optimization/jobs/{quote(job_id)}/logs"
    while True:
        _check(deadline, job_id)
        page = transport.get(path, {"afterSeq": state["last"]})
        for json_line in page.get("lines") or []:
            line = LogLine.of(json_line)
            if line.seq > state["last"]:
                state["last"] = line.seq
                yield Event("log", {**json_line, "jobId": job_id}, line)
        if page.get("lines"):
            continue  # more may be waiting: ask again at once
        if page.get("status") in FINAL_STATUSES:
            job = transport.get(f"/api/optimization/jobs/{quote(job_id)}")["job"]
            status = job.get("status")
            data: Dict[str, Any] = {"jobId": job_id, "modelType": job.get("modelType"), "status": status,
                                    "timestamp": job.get("finishedAt")}
            if status == "success":
                yield Event("completed", data)
            else:
                yield Event("failed", {**data, "error": job.get("error")})
            return
        time.sleep(poll_seconds)


def _idle(deadline: Optional[float]) -> float:
    if deadline is None:
        return IDLE_SECONDS
    return max(0.5, min(IDLE_SECONDS, deadline - time.monotonic()))


def _check(deadline: Optional[float], job_id: str) -> None:
    if deadline is not None and time.monotonic() >= deadline:
        raise Timeout(f"Job {job_id} had not ended when following it timed out", code="TIMEOUT")
