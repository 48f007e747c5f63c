"""The door to one server: models, jobs, data sources, schedules and experiments."""
from __future__ import annotations

import datetime as dt
import json
import os
import time
import uuid
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Union

from ._http import ANY, Multipart, Transport, quote
from .errors import Timeout
from .job import Job
from .records import DataSource, Experiment, Model, Schedule

DEFAULT_URL = "http://127.0.0.1:8080"
API = "/api/optimization"

ModelRef = Union[str, Path, Model]
DataRef = Union[str, DataSource]
Data = Union[DataRef, Mapping[str, DataRef], None]
Deadline = Union[str, dt.datetime, dt.timedelta, None]


class Client:
    """A client of one Sandbox Optimization server.

    >>> from sandboxopt import Client
    >>> client = Client("http://localhost:8080")            # or SANDBOXOPT_URL; token: SANDBOXOPT_TOKEN
    >>> model = client.upload("models/sample_dmo_model.py")
    >>> job = client.run(model, config={"hours": 12})
    >>> for line in job.follow(): print(line)

    Args:
        url: the server (``http://host:8080``); None: ``$SANDBOXOPT_URL``, else ``http://127.0.0.1:8080``.
        token: a personal API token (or the server's api-token), sent as ``Authorization: Bearer``;
            None: ``$SANDBOXOPT_TOKEN`` when set.
        timeout: seconds to wait for an answer to one request.
        retries: how often a read, or an execute (with its idempotency key), is tried again after a
            dropped connection, a timeout or a 502/503/504; other writes are never sent twice.
    """

    def __init__(self, url: Optional[str] = None, token: Optional[str] = None, *, timeout: float = 30.0,
                 retries: int = 3) -> None:
        url = url or os.environ.get("SANDBOXOPT_URL") or DEFAULT_URL
        token = token if token is not None else os.environ.get("SANDBOXOPT_TOKEN") or None
        self._transport = Transport(url, token, timeout=timeout, retries=retries)

    @property
    def url(self) -> str:
        return self._transport.url

    def __repr__(self) -> str:
        return f"Client({self.url!r})"

    # -- the server ----------------------------------------------------------------------------------------
    def status(self) -> Dict[str, Any]:
        """What the Control Center shows: each type's latest job, the queue, the runtimes, the server's version."""
        return self._transport.get(API + "/status")

    def server_version(self) -> Optional[str]:
        """The server's version (its Maven version, e.g. ``0.1.0-SNAPSHOT``; this client's is its Python form)."""
        return self.status().get("version")

    # -- models --------------------------------------------------------------------------------------------
    def upload(self, model: Union[str, Path], model_type: Optional[str] = None, *, file_name: Optional[str] = None,
               description: Optional[str] = None, runtime: Optional[str] = None,
               config_defaults: Optional[Mapping[str, Any]] = None) -> Model:
        """Uploads a model: a path to a ``.py`` file, or its text (then named ``file_name``, default ``model.py``).
        ``model_type`` (DMO, RMO, SO) defaults to one guessed from the file name (``..._rmo_...`` is RMO,
        ``..._so_...`` SO, else DMO). Uploading a file name again stores its next version.
        Raises :class:`InvalidRequest` (``SYNTAX_ERROR`` with ``line`` and ``column``, ...)."""
        path = _as_file(model)
        if path is not None:
            content: Union[Path, bytes] = path
            name = file_name or path.name
        else:
            content = str(model).encode("utf-8")
            name = file_name or "model.py"
        fields = {"modelType": (model_type or guess_type(name)).upper(), "description": description,
                  "runtime": runtime,
                  "configDefaults": None if config_defaults is None else _json(config_defaults)}
        body = Multipart(fields, [("file", name, content)])
        answer = self._transport.request("POST", API + "/upload", data=body, content_type=body.content_type,
                                         length=len(body), retry=False)
        return Model.of(answer.json()["model"])

    def models(self, model_type: Optional[str] = None, status: Optional[str] = None) -> List[Model]:
        """Models, newest first; of one type and status when given."""
        answer = self._transport.get(API + "/models", {"modelType": model_type, "status": status})
        return [Model.of(m) for m in answer["models"]]

    def model(self, model_id: Union[str, Model]) -> Model:
        """One model by id (:class:`NotFound` when there is none)."""
        return Model.of(self._transport.get(f"{API}/models/{quote(_id(model_id))}")["model"])

    def model_source(self, model_id: Union[str, Model]) -> str:
        """The model's file as stored."""
        answer = self._transport.request("GET", f"{API}/models/{quote(_id(model_id))}/source", headers=ANY)
        return answer.body.decode("utf-8")

    def model_versions(self, model: Union[str, Model], model_type: Optional[str] = None) -> List[Model]:
        """Every version of a model's file name and type, oldest first: give a model, or a file name."""
        if isinstance(model, Model):
            file_name, model_type = model.file_name, model.type
        else:
            file_name = Path(str(model)).name
        return sorted((m for m in self.models(model_type) if m.file_name == file_name), key=lambda m: m.version)

    def archive_model(self, model_id: Union[str, Model]) -> Model:
        """Archives the model: it can no longer run; it stays readable."""
        return Model.of(self._transport.request("DELETE", f"{API}/models/{quote(_id(model_id))}").json()["model"])

    def restore_model(self, model_id: Union[str, Model]) -> Model:
        """Makes an archived model active again."""
        return Model.of(self._transport.send_json("POST", f"{API}/models/{quote(_id(model_id))}/restore")["model"])

    # -- jobs ----------------------------------------------------------------------------------------------
    def run(self, model: ModelRef, config: Any = None, data: Data = None, *,
            runtime: Optional[str] = None, deadline: Deadline = None, publish_as: Optional[str] = None,
            priority: Optional[int] = None, model_type: Optional[str] = None,
            idempotency_key: Optional[str] = None) -> Job:
        """Starts a job and returns it at once (queued or running).

        Args:
            model: a :class:`Model`, a model id, or a path to a ``.py`` file (uploaded first).
            config: the config the model reads as ``sandbox.config``.
            data: a data source (id, name for its latest version, or :class:`DataSource`) read under ``data/``,
                or ``{"alias": source, ...}``, each read under ``data/<alias>/``.
            runtime: ``graalpy`` or ``cpython`` for this job; None keeps the model's.
            deadline: when the job must have ended: an aware ``datetime`` (a naive one is UTC), a ``timedelta``
                from now, or an ISO-8601 text.
            publish_as: a data source name its ``output/`` becomes when it succeeds.
            priority: 0 to 9 (9 for admins).
            idempotency_key: sent as ``Idempotency-Key``; a new UUID by default, so that retrying after a
                dropped connection never starts a second job.
        """
        path = _as_file(model) if not isinstance(model, Model) else None
        if path is not None:
            model = self.upload(path, model_type)
        body: Dict[str, Any] = {"modelId": _id(model)}
        if config is not None:  # sent as given: the server says what is wrong with one that is no object
            body["config"] = dict(config) if isinstance(config, Mapping) else config
        if isinstance(data, Mapping):
            body["dataSources"] = {alias: _id(source) for alias, source in data.items()}
        elif data is not None:
            body["dataSourceId"] = _id(data)
        optional = {"runtime": runtime, "deadline": _deadline(deadline), "publishAs": publish_as,
                    "priority": priority}
        body.update({k: v for k, v in optional.items() if v is not None})
        key = idempotency_key or str(uuid.uuid4())
        answer = self._transport.send_json("POST", API + "/execute", body, headers={"Idempotency-Key": key},
                                           retry=True)
        return Job(self, answer)

    def job(self, job_id: str) -> Job:
        """One job by id (:class:`NotFound` when there is none)."""
        return Job(self, self._transport.get(f"{API}/jobs/{quote(job_id)}")["job"])

    def jobs(self, status: Optional[str] = None, model_type: Optional[str] = None, model_id: Optional[str] = None,
             limit: Optional[int] = None) -> List[Job]:
        """Jobs, newest first (100 unless ``limit``), filtered as given."""
        answer = self._transport.get(API + "/jobs", {"status": status, "modelType": model_type,
                                                     "modelId": model_id, "limit": limit})
        return [Job(self, j) for j in answer["jobs"]]

    # -- data sources --------------------------------------------------------------------------------------
    def upload_data(self, name: str, files: Union[str, Path, Sequence[Union[str, Path]]],
                    description: Optional[str] = None) -> DataSource:
        """Stores files as the next version of the data source ``name``: a folder (its files, not hidden
        ones) or one or more files."""
        paths = _data_files(files)
        body = Multipart({"name": name, "description": description}, [("file", p.name, p) for p in paths])
        answer = self._transport.request("POST", API + "/data-sources", data=body, content_type=body.content_type,
                                         length=len(body), retry=False)
        return DataSource.of(answer.json()["dataSource"])

    def data_sources(self, name: Optional[str] = None, status: Optional[str] = None) -> List[DataSource]:
        """Data sources, newest first; one name's versions when ``name`` is given."""
        answer = self._transport.get(API + "/data-sources", {"name": name, "status": status})
        return [DataSource.of(d) for d in answer["dataSources"]]

    def data_versions(self, name: str) -> List[DataSource]:
        """Every version of one data source, oldest first."""
        return sorted(self.data_sources(name), key=lambda d: d.version)

    def data_source(self, id_or_name: DataRef) -> DataSource:
        """One data source by id, or by name for its latest version."""
        return DataSource.of(self._transport.get(f"{API}/data-sources/{quote(_id(id_or_name))}")["dataSource"])

    def download_data(self, id_or_name: DataRef, to: Union[str, Path] = ".",
                      file_name: Optional[str] = None) -> List[Path]:
        """Saves a data source's files (or only ``file_name``) into the folder ``to``."""
        source = self.data_source(id_or_name)
        folder = Path(to)
        folder.mkdir(parents=True, exist_ok=True)
        names = [file_name] if file_name else source.file_names
        return [self._transport.download(f"{API}/data-sources/{quote(source.id)}/files/{quote(n)}", folder / n)
                for n in names]

    def archive_data(self, id_or_name: DataRef) -> DataSource:
        """Archives a version (for a name: its latest): no new job may use it."""
        answer = self._transport.request("DELETE", f"{API}/data-sources/{quote(_id(id_or_name))}").json()
        return DataSource.of(answer["dataSource"])

    # -- schedules -----------------------------------------------------------------------------------------
    def create_schedule(self, name: str, model: Union[str, Model], *, cron: Optional[str] = None,
                        after: Optional[Union[str, Schedule]] = None, timezone: Optional[str] = None,
                        config: Optional[Mapping[str, Any]] = None, data: Data = None, **fields: Any) -> Schedule:
        """Creates a schedule (docs/SCHEDULES.md) running ``model`` on ``cron`` (in ``timezone``) or ``after``
        another schedule; further fields as the API names them (``overlap``, ``misfire``, ``deadline``,
        ``publishAs``, ``followLatest``, ``runtime``, ``priority``)."""
        body: Dict[str, Any] = {"name": name, "modelId": _id(model), "cron": cron,
                                "after": None if after is None else _id(after), "timezone": timezone,
                                "config": None if config is None else dict(config)}
        if isinstance(data, Mapping):
            body["dataSources"] = {alias: _id(source) for alias, source in data.items()}
        elif data is not None:
            body["dataSourceId"] = _id(data)
        body.update(fields)
        answer = self._transport.send_json("POST", API + "/schedules", {k: v for k, v in body.items() if v is not None})
        return Schedule.of(answer["schedule"])

    def schedules(self) -> List[Schedule]:
        """Every schedule, by name."""
        return [Schedule.of(s) for s in self._transport.get(API + "/schedules")["schedules"]]

    def schedule(self, schedule_id: Union[str, Schedule]) -> Schedule:
        """One schedule, with its next five fire times (:class:`NotFound` ``SCHEDULE_NOT_FOUND``)."""
        return Schedule.of(self._transport.get(f"{API}/schedules/{quote(_id(schedule_id))}")["schedule"])

    def pause_schedule(self, schedule_id: Union[str, Schedule]) -> Schedule:
        """Stops its firings; times missed while paused are not made up."""
        return self._schedule_action(schedule_id, "/pause")

    def resume_schedule(self, schedule_id: Union[str, Schedule]) -> Schedule:
        """Fires again from its next fire time on."""
        return self._schedule_action(schedule_id, "/resume")

    def run_schedule(self, schedule_id: Union[str, Schedule]) -> Job:
        """Starts the schedule's job now."""
        answer = self._transport.send_json("POST", f"{API}/schedules/{quote(_id(schedule_id))}/run")
        return self.job(answer["jobId"])

    def delete_schedule(self, schedule_id: Union[str, Schedule]) -> None:
        """Deletes the schedule; the jobs it started stay."""
        self._transport.request("DELETE", f"{API}/schedules/{quote(_id(schedule_id))}").json()

    def _schedule_action(self, schedule_id: Union[str, Schedule], action: str) -> Schedule:
        answer = self._transport.send_json("POST", f"{API}/schedules/{quote(_id(schedule_id))}{action}")
        return Schedule.of(answer["schedule"])

    # -- experiments ---------------------------------------------------------------------------------------
    def create_experiment(self, name: str, models: Sequence[Union[str, Model]], inputs: Sequence[Mapping[str, Any]],
                          repetitions: Optional[int] = None, baseline: Optional[Union[str, Model]] = None,
                          acceptance: Optional[Sequence[Mapping[str, Any]]] = None) -> Experiment:
        """Runs every model on every input (``{"name", "dataSourceId"?, "config"?}``) ``repetitions`` times and
        compares them with the baseline by the ``acceptance`` rules (docs/API.md, Experiments)."""
        body: Dict[str, Any] = {"name": name, "models": [_id(m) for m in models], "inputs": [dict(i) for i in inputs]}
        if repetitions is not None:
            body["repetitions"] = repetitions
        if baseline is not None:
            body["baseline"] = _id(baseline)
        if acceptance is not None:
            body["acceptance"] = [dict(rule) for rule in acceptance]
        return self.create_experiment_from(body)

    def create_experiment_from(self, spec: Mapping[str, Any]) -> Experiment:
        """Creates an experiment from the body of ``POST /experiments`` as given (a spec read from a file)."""
        return Experiment.of(self._transport.send_json("POST", API + "/experiments", dict(spec))["experiment"])

    def experiments(self) -> List[Experiment]:
        """The newest 100 experiments."""
        return [Experiment.of(e) for e in self._transport.get(API + "/experiments")["experiments"]]

    def experiment(self, experiment_id: Union[str, Experiment]) -> Experiment:
        """One experiment (:class:`NotFound` ``EXPERIMENT_NOT_FOUND``)."""
        return Experiment.of(self._transport.get(f"{API}/experiments/{quote(_id(experiment_id))}")["experiment"])

    def wait_experiment(self, experiment_id: Union[str, Experiment], timeout: Optional[float] = None,
                        poll: float = 0.3) -> Experiment:
        """Waits until the experiment is no longer ``running`` and returns it; :class:`Timeout` after ``timeout``
        seconds (None: no limit). Check ``passed`` afterwards."""
        deadline = None if timeout is None else time.monotonic() + timeout
        pause = poll
        while True:
            experiment = self.experiment(experiment_id)
            if not experiment.running:
                return experiment
            if deadline is not None and time.monotonic() >= deadline:
                raise Timeout(f"Experiment {experiment.id} is still running after {timeout:g} s", code="TIMEOUT")
            time.sleep(pause if deadline is None else max(0.0, min(pause, deadline - time.monotonic())))
            pause = min(pause * 1.5, 2.0)

    def cancel_experiment(self, experiment_id: Union[str, Experiment]) -> Experiment:
        """Cancels its runs not yet ended; those that ended stay in the summary."""
        answer = self._transport.send_json("POST", f"{API}/experiments/{quote(_id(experiment_id))}/cancel")
        return Experiment.of(answer["experiment"])


def guess_type(file_name: str) -> str:
    """The model type a file name suggests, as ``./sandbox run`` guesses it: RMO, SO, else DMO."""
    name = Path(file_name).name.lower()
    if "rmo" in name:
        return "RMO"
    return "SO" if "_so_" in name or name.startswith("so_") else "DMO"


def _as_file(model: Any) -> Optional[Path]:
    """The path when ``model`` names an existing file, else None (then it is an id or a model's text)."""
    if isinstance(model, Path):
        return model
    if isinstance(model, str) and "\n" not in model and len(model) < 4096:
        if os.path.isfile(model):
            return Path(model)
        if model.endswith(".py"):
            raise FileNotFoundError(f"No such model file: {model}")
    return None


def _id(value: Any) -> str:
    return str(value.id) if isinstance(value, (Model, DataSource, Schedule, Experiment)) else str(value)


def _deadline(value: Deadline) -> Optional[str]:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dt.timedelta):
        value = dt.datetime.now(dt.timezone.utc) + value
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z")


def _data_files(files: Union[str, Path, Sequence[Union[str, Path]]]) -> List[Path]:
    given: Iterable[Union[str, Path]] = [files] if isinstance(files, (str, Path)) else files
    paths: List[Path] = []
    for item in given:
        path = Path(item)
        if path.is_dir():
            paths.extend(sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")))
        elif path.is_file():
            paths.append(path)
        else:
            raise FileNotFoundError(f"No such file or folder: {path}")
    if not paths:
        raise ValueError("No files to upload: give a folder with files, or files")
    return paths


def _json(value: Mapping[str, Any]) -> str:
    return json.dumps(dict(value))
