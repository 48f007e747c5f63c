"""What the server answers, as small read-only records; each keeps the server's whole JSON as ``raw``."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional


@dataclass(frozen=True)
class Model:
    """An uploaded model (one version of a file name and type)."""
    id: str
    name: str
    type: str
    version: int
    file_name: str
    status: str
    runtime: str
    description: str = ""
    size_bytes: int = 0
    uploaded_at: Optional[str] = None
    runtime_reason: Optional[str] = None
    config_defaults: Dict[str, Any] = field(default_factory=dict)
    owner: Optional[str] = None
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, json: Mapping[str, Any]) -> "Model":
        return cls(id=json["id"], name=json.get("model_name", ""), type=json.get("model_type", ""),
                   version=int(json.get("version") or 0), file_name=json.get("file_name", ""),
                   status=json.get("status", ""), runtime=json.get("runtime", ""),
                   description=json.get("description") or "", size_bytes=int(json.get("size_bytes") or 0),
                   uploaded_at=json.get("uploaded_at"), runtime_reason=json.get("runtime_reason"),
                   config_defaults=dict(json.get("config_defaults") or {}), owner=json.get("owner"), raw=dict(json))


@dataclass(frozen=True)
class DataSource:
    """One version of a data source: the files jobs read under ``data/``."""
    id: str
    name: str
    version: int
    files: List[Dict[str, Any]]
    status: str
    size_bytes: int = 0
    description: Optional[str] = None
    uploaded_at: Optional[str] = None
    produced_by: Optional[str] = None
    owner: Optional[str] = None
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def file_names(self) -> List[str]:
        return [f["name"] for f in self.files]

    @classmethod
    def of(cls, json: Mapping[str, Any]) -> "DataSource":
        return cls(id=json["id"], name=json.get("name", ""), version=int(json.get("version") or 0),
                   files=list(json.get("files") or []), status=json.get("status", ""),
                   size_bytes=int(json.get("size_bytes") or 0), description=json.get("description"),
                   uploaded_at=json.get("uploaded_at"), produced_by=json.get("producedBy"), owner=json.get("owner"),
                   raw=dict(json))


@dataclass(frozen=True)
class LogLine:
    """A line a job printed or logged; ``seq`` counts a job's lines from 1."""
    seq: int
    level: str
    message: str
    timestamp: Optional[str] = None

    @classmethod
    def of(cls, json: Mapping[str, Any]) -> "LogLine":
        return cls(seq=int(json["seq"]), level=str(json.get("level", "INFO")), message=str(json.get("message", "")),
                   timestamp=json.get("timestamp"))

    def __str__(self) -> str:
        return f"{self.seq:5d} {self.level:<7} {self.message}"


@dataclass(frozen=True)
class Event:
    """An event of a job's stream: ``kind`` is ``started``, ``log``, ``progress``, ``metric``, ``completed`` or
    ``failed`` (the server's ``optimization:<kind>``), ``data`` its JSON, ``line`` the log line of a ``log``."""
    kind: str
    data: Dict[str, Any]
    line: Optional[LogLine] = None

    @property
    def final(self) -> bool:
        return self.kind in ("completed", "failed")

    def __str__(self) -> str:
        if self.line is not None:
            return str(self.line)
        if self.kind == "progress":
            return f"      progress {float(self.data.get('fraction') or 0):.0%} {self.data.get('message') or ''}".rstrip()
        if self.kind == "metric":
            step = self.data.get("step")
            return f"      metric  {self.data.get('name')} = {self.data.get('value')}" + (
                "" if step is None else f" (step {step})")
        if self.kind == "failed":
            return f"{self.kind} {self.data.get('status')}: {self.data.get('error')}"
        return f"{self.kind} {self.data.get('status') or self.data.get('modelName') or ''}".rstrip()


@dataclass(frozen=True)
class Metric:
    """A number a job reported (``sandbox.metric(name, value, step)``)."""
    seq: int
    name: str
    value: Any
    step: Optional[int] = None
    timestamp: Optional[str] = None

    @classmethod
    def of(cls, json: Mapping[str, Any]) -> "Metric":
        return cls(seq=int(json.get("seq") or 0), name=str(json["name"]), value=json.get("value"),
                   step=json.get("step"), timestamp=json.get("timestamp"))


@dataclass(frozen=True)
class Artifact:
    """A file a job left under ``output/``; ``name`` may have folders (``plots/day.svg``)."""
    name: str
    size_bytes: int
    content_type: str
    sha256: str

    @classmethod
    def of(cls, json: Mapping[str, Any]) -> "Artifact":
        return cls(name=json["name"], size_bytes=int(json.get("size_bytes") or 0),
                   content_type=json.get("content_type", "application/octet-stream"), sha256=json.get("sha256", ""))


@dataclass(frozen=True)
class Schedule:
    """A schedule: runs ``model_id`` on ``cron`` (read in ``timezone``), or ``after`` another schedule's success."""
    id: str
    name: str
    model_id: str
    cron: Optional[str] = None
    timezone: Optional[str] = None
    after: Optional[str] = None
    enabled: bool = True
    next_runs: List[str] = field(default_factory=list)
    next_model_id: Optional[str] = None
    last_job: Optional[Dict[str, Any]] = None
    skipped: List[Dict[str, Any]] = field(default_factory=list)
    owner: Optional[str] = None
    created_at: Optional[str] = None
    updated_at: Optional[str] = None
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def paused(self) -> bool:
        return not self.enabled

    @property
    def when(self) -> str:
        """``0 6 * * * Europe/Berlin`` or ``after sch_...``."""
        return f"after {self.after}" if self.after else f"{self.cron} {self.timezone or 'UTC'}"

    @classmethod
    def of(cls, json: Mapping[str, Any]) -> "Schedule":
        return cls(id=json["id"], name=json.get("name", ""), model_id=json.get("modelId", ""), cron=json.get("cron"),
                   timezone=json.get("timezone"), after=json.get("after"), enabled=json.get("enabled") is not False,
                   next_runs=list(json.get("nextRuns") or []), next_model_id=json.get("nextModelId"),
                   last_job=json.get("lastJob"), skipped=list(json.get("skipped") or []), owner=json.get("owner"),
                   created_at=json.get("createdAt"), updated_at=json.get("updatedAt"), raw=dict(json))


@dataclass(frozen=True)
class Experiment:
    """Model versions run on inputs and compared with a baseline. ``passed`` and ``reproducible`` are None while
    it runs (``passed`` also when no rule applied); ``runs`` and ``summary`` are the API's rows (docs/API.md):
    a summary row has ``modelId``, ``input``, ``metric``, ``value``, ``baseline``, ``delta``, ``relative``,
    ``verdict``."""
    id: str
    name: str
    status: str
    passed: Optional[bool] = None
    reproducible: Optional[bool] = None
    runs: List[Dict[str, Any]] = field(default_factory=list)
    summary: List[Dict[str, Any]] = field(default_factory=list)
    failures: List[str] = field(default_factory=list)
    models: List[str] = field(default_factory=list)
    baseline: Optional[str] = None
    repetitions: int = 1
    owner: Optional[str] = None
    created_at: Optional[str] = None
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def running(self) -> bool:
        return self.status == "running"

    @property
    def failed(self) -> bool:
        """It ended and did not pass: cancelled, or a verdict failed (no rule at all is no failure)."""
        return not self.running and (self.status == "cancelled" or self.passed is False)

    @classmethod
    def of(cls, json: Mapping[str, Any]) -> "Experiment":
        return cls(id=json["id"], name=json.get("name", ""), status=json.get("status", ""), passed=json.get("passed"),
                   reproducible=json.get("reproducible"), runs=list(json.get("runs") or []),
                   summary=list(json.get("summary") or []), failures=list(json.get("failures") or []),
                   models=list(json.get("models") or []), baseline=json.get("baseline"),
                   repetitions=int(json.get("repetitions") or 1), owner=json.get("owner"),
                   created_at=json.get("createdAt"), raw=dict(json))
