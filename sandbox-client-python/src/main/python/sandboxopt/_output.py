"""What the command line prints: text for people (lines coloured by level on a terminal) or JSON for scripts."""
from __future__ import annotations

import json
import os
import sys
from typing import Any, Callable, Dict, List, TextIO

from .job import Job
from .records import Event, LogLine

_COLOURS = {"DEBUG": "\033[2m", "WARNING": "\033[33m", "ERROR": "\033[31m", "CRITICAL": "\033[1;31m"}
_RESET = "\033[0m"


class Output:
    """Human text (lines coloured by level on a terminal, unless NO_COLOR) or JSON for scripts."""

    def __init__(self, json_mode: bool, stream: TextIO) -> None:
        self.json = json_mode
        self.stream = stream
        self.colour = not json_mode and stream.isatty() and "NO_COLOR" not in os.environ

    def emit(self, value: Any) -> None:
        print(json.dumps(value), file=self.stream, flush=True)

    def record(self, value: Dict[str, Any], text: Callable[[], str]) -> None:
        if self.json:
            self.emit(value)
        else:
            print(text(), file=self.stream, flush=True)

    def note(self, text: str) -> None:
        """A step on the way: on stderr with --json (stdout keeps only JSON), else on stdout."""
        print(text, file=sys.stderr if self.json else self.stream, flush=True)

    def line(self, line: LogLine) -> None:
        if self.json:
            self.emit({"seq": line.seq, "level": line.level, "message": line.message, "timestamp": line.timestamp})
            return
        text = str(line)
        colour = _COLOURS.get(line.level) if self.colour else None
        print(f"{colour}{text}{_RESET}" if colour else text, file=self.stream, flush=True)

    def event(self, event: Event) -> None:
        if event.line is not None:
            self.line(event.line)
        elif self.json:
            self.emit({"event": "optimization:" + event.kind, "data": event.data})
        elif event.kind in ("progress", "metric"):
            print(str(event), file=self.stream, flush=True)

    def table(self, values: List[Dict[str, Any]], header: List[str], rows: List[List[str]]) -> None:
        if self.json:
            self.emit(values)
            return
        if not rows:
            print("(none)", file=self.stream)
            return
        widths = [max(len(str(c)) for c in column) for column in zip(header, *rows)]
        for row in [header] + rows:
            print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip(), file=self.stream)


def print_events(job: Job, after: int, out: Output, events: bool = True) -> None:
    for event in job.follow(after_seq=after, events=True):
        assert isinstance(event, Event)  # events=True yields nothing else
        if events or event.line is not None:
            out.event(event)


RESULT_CHARACTERS = 400  # a person reads the start of a result; --json (or `job JOB`) prints all of it


def ending(job: Job) -> str:
    """``Job <id> ended <status> after <n> ms`` and its error, or the start of its result."""
    took = "" if job.duration_ms is None else f" after {job.duration_ms} ms"
    if job.error:
        return f"Job {job.id} ended {job.status}{took}: {job.error}"
    result = "" if job.result is None else json.dumps(job.result)
    if len(result) > RESULT_CHARACTERS:
        result = result[:RESULT_CHARACTERS] + "… (--json for all of it)"
    return f"Job {job.id} ended {job.status}{took}" + (f"; result: {result}" if result else "")
