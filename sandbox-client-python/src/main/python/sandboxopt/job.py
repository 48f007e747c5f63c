"""A job on the server: its state, its lines as they come, its numbers and files."""
from __future__ import annotations

import csv
import html
import io
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Optional, Union

from . import _follow
from ._http import ANY, quote
from .errors import Timeout
from .records import Artifact, Event, LogLine, Metric

if TYPE_CHECKING:  # pragma: no cover
    from .client import Client

FINAL_STATUSES = _follow.FINAL_STATUSES


class Job:
    """A job, as the server last described it (``refresh()`` asks again).

    >>> job = client.run(model, config={"hours": 12})
    >>> for line in job.follow():
    ...     print(line)
    >>> job.wait(60).result
    """

    def __init__(self, client: "Client", data: Dict[str, Any]) -> None:
        self._client = client
        self._data = dict(data)
        self.id: str = data["jobId"]

    # -- what the server said ------------------------------------------------------------------------------
    @property
    def data(self) -> Dict[str, Any]:
        """The job's JSON as last read (every field of docs/API.md's job)."""
        return dict(self._data)

    @property
    def status(self) -> str:
        """``queued``, ``running``, ``success``, ``failed``, ``cancelled`` or ``timed_out``, as last read."""
        return str(self._data.get("status"))

    @property
    def done(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def succeeded(self) -> bool:
        return self.status == "success"

    @property
    def model_id(self) -> Optional[str]:
        return self._data.get("modelId")

    @property
    def model_type(self) -> Optional[str]:
        return self._data.get("modelType")

    @property
    def error(self) -> Optional[str]:
        """Why it did not succeed, else None."""
        return self._data.get("error")

    @property
    def result(self) -> Any:
        """What the model passed to ``sandbox.result(...)`` (read again while the job has not ended)."""
        if not self.done or "result" not in self._data:
            self.refresh()
        return self._data.get("result")

    @property
    def duration_ms(self) -> Optional[int]:
        return self._data.get("durationMs")

    def refresh(self) -> "Job":
        """Reads the job again from the server."""
        self._data = self._client._transport.get(self._path())["job"]
        return self

    # -- waiting and following -----------------------------------------------------------------------------
    def wait(self, timeout: Optional[float] = None, poll: float = 0.2) -> "Job":
        """Waits until the job has ended, whatever its status, and returns it; raises :class:`Timeout` after
        ``timeout`` seconds (None: no limit). Check ``succeeded`` or ``status`` afterwards."""
        deadline = None if timeout is None else time.monotonic() + timeout
        pause = poll
        while not self.refresh().done:
            if deadline is not None and time.monotonic() >= deadline:
                raise Timeout(f"Job {self.id} is still {self.status} after {timeout:g} s", code="TIMEOUT")
            time.sleep(pause if deadline is None else max(0.0, min(pause, deadline - time.monotonic())))
            pause = min(pause * 1.5, 2.0)
        return self

    def follow(self, after_seq: int = 0, events: bool = False,
               timeout: Optional[float] = None) -> Iterator[Union[LogLine, Event]]:
        """Yields the job's log lines (seq after ``after_seq``) as they come, until it ends; with ``events=True``
        every :class:`Event` instead (``started``, ``log``, ``progress``, ``metric``, then ``completed`` or
        ``failed``). Over the server's event stream, resumed after a dropped connection without losing or
        repeating a line. The job is read again once it has ended; ``timeout`` raises :class:`Timeout`."""
        deadline = None if timeout is None else time.monotonic() + timeout
        for event in _follow.follow(self._client._transport, self.id, after_seq, deadline):
            if events:
                yield event
            elif event.line is not None:
                yield event.line
            if event.final:
                self.refresh()

    def logs(self, after_seq: int = 0, level: Optional[str] = None) -> List[LogLine]:
        """The stored lines after ``after_seq`` (of one ``level`` when given), every page of them."""
        lines: List[LogLine] = []
        while True:
            page = self._client._transport.get(self._path("/logs"), {"afterSeq": after_seq, "level": level})
            batch = [LogLine.of(line) for line in page.get("lines") or []]
            if not batch:
                return lines
            lines.extend(batch)
            after_seq = batch[-1].seq

    def cancel(self) -> "Job":
        """Asks the job to stop (it ends ``cancelled`` within a second); :class:`Conflict` when it has ended."""
        self._client._transport.send_json("POST", self._path("/cancel"))
        return self.refresh()

    # -- what it produced ------------------------------------------------------------------------------------
    def metrics(self) -> List[Metric]:
        """The numbers it reported, oldest first."""
        return [Metric.of(m) for m in self._client._transport.get(self._path("/metrics")).get("metrics") or []]

    def artifacts(self) -> List[Artifact]:
        """The files it left under ``output/`` (empty while it runs)."""
        return [Artifact.of(a) for a in self._client._transport.get(self._path("/artifacts")).get("artifacts") or []]

    def download(self, name: str, to: Union[str, Path] = ".") -> Path:
        """Saves the artifact ``name`` into the folder ``to`` (keeping its folders), or as the file ``to``."""
        target = Path(to)
        if target.is_dir() or str(to).endswith(("/", "\\")):
            target = target / name
        target.parent.mkdir(parents=True, exist_ok=True)
        return self._client._transport.download(self._path("/artifacts/" + quote(name)), target)

    def read_bytes(self, name: str) -> bytes:
        """The artifact ``name``'s bytes."""
        return self._client._transport.request("GET", self._path("/artifacts/" + quote(name)), headers=ANY).body

    def read_csv(self, name: str) -> Any:
        """The CSV artifact ``name``: a pandas ``DataFrame`` when pandas is installed, else a list of rows
        (a dict per row, by the header's names)."""
        text = self.read_bytes(name).decode("utf-8-sig")
        try:
            import pandas  # type: ignore  # optional, and without type information of its own
        except ImportError:
            return list(csv.DictReader(io.StringIO(text)))
        return pandas.read_csv(io.StringIO(text))

    def download_log(self, to: Union[str, Path]) -> Path:
        """Saves the job's whole log (``[timestamp] LEVEL message`` lines) as the file ``to``."""
        return self._client._transport.download(self._path("/logs/download"), Path(to))

    # -- showing itself ------------------------------------------------------------------------------------
    def __repr__(self) -> str:
        return f"<Job {self.id} {self.status}>"

    def _repr_html_(self) -> str:
        """A small table for notebooks: status, times, what it used (when the server says), error or result."""
        rows = [("job", self.id), ("model", f"{self._data.get('modelName') or self.model_id} ({self.model_type})"),
                ("status", self.status), ("created", self._data.get("createdAt")),
                ("started", self._data.get("startedAt")), ("finished", self._data.get("finishedAt")),
                ("duration", None if self.duration_ms is None else f"{self.duration_ms} ms")]
        if self._data.get("cpuMs") is not None:
            rows.append(("cpu", f"{self._data['cpuMs']} ms"))
        if self._data.get("peakMemoryBytes") is not None:
            rows.append(("peak memory", f"{self._data['peakMemoryBytes'] / 2 ** 20:.1f} MiB"))
        if self.error:
            rows.append(("error", self.error))
        if self._data.get("result") is not None:
            rows.append(("result", _short(self._data["result"])))
        cells = "".join(f"<tr><th style=\"text-align:left\">{html.escape(k)}</th><td style=\"text-align:left\">"
                        f"{html.escape('' if v is None else str(v))}</td></tr>" for k, v in rows)
        return f"<table class=\"sandboxopt-job\">{cells}</table>"

    def _path(self, tail: str = "") -> str:
        return f"/api/optimization/jobs/{quote(self.id)}{tail}"


def _short(value: Any, limit: int = 300) -> str:
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"
