"""Checks of the installed sandboxopt client against a running server, run by PythonClientTest in a fresh venv.

    python client_checks.py GROUP SERVER_URL

GROUP names one group of checks below (models, jobs, data, schedules, cli-experiments, resume, colours, security,
down). Every check runs; each prints "ok <name>" or "FAIL <name>" with its traceback; the exit code is the number of
failures.
Environment: SANDBOX_REPO (the repository, for models/ and models/data/), SANDBOX_TOKEN (security), DEAD_URL (down).
"""
import datetime as dt
import hashlib
import json
import os
import pty
import re
import select
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import uuid
from pathlib import Path

import sandboxopt
from sandboxopt import (Client, Conflict, ConnectionFailed, Experiment, InvalidRequest, Job, NotFound, SandboxError,
                        Schedule, Timeout, Unauthorized)
from sandboxopt.records import Event, LogLine

GROUP, URL = sys.argv[1], sys.argv[2]
REPO = Path(os.environ.get("SANDBOX_REPO", "."))
DMO = REPO / "models" / "sample_dmo_model.py"
DMO_DATA = REPO / "models" / "data" / "dmo"
UNIQUE = uuid.uuid4().hex[:8]
FAILING = "import sandbox\nprint('about to fail')\nraise ValueError('boom in the model')\n"
TICKING = "import time\nfor i in range(40):\n    print(f'tick {i}')\n    time.sleep(0.1)\n"
LOGGING = "import sys\nprint('all fine')\nprint('something broke', file=sys.stderr)\n"
CHECKS = {}


def check(group):
    def register(function):
        CHECKS.setdefault(group, []).append(function)
        return function
    return register


def raises(kind, call, code=None, contains=None):
    try:
        call()
    except kind as e:
        assert code is None or e.code == code, f"code {e.code}, expected {code}: {e}"
        assert contains is None or contains in str(e), f"{contains!r} not in {e}"
        return e
    raise AssertionError(f"expected {kind.__name__}")


def client():
    return Client(URL, timeout=30)


# -- models --------------------------------------------------------------------------------------------------
@check("models")
def the_version_is_the_servers():
    server = client().server_version()
    assert server, "the server reports no version"
    assert sandboxopt.__version__ == server.replace("-SNAPSHOT", ".dev0"), (sandboxopt.__version__, server)


@check("models")
def a_file_uploads_as_a_model_of_the_type_its_name_suggests():
    model = client().upload(DMO)
    assert model.type == "DMO" and model.file_name == "sample_dmo_model.py" and model.status == "active", model
    assert model.version >= 1 and model.runtime in ("cpython", "graalpy"), model
    assert model.config_defaults.get("hours") == 24, model.config_defaults


@check("models")
def text_uploads_under_a_name_and_versions_count_up():
    c = client()
    name = f"text_{UNIQUE}.py"
    first = c.upload("print('one')\n", "SO", file_name=name, description="first")
    second = c.upload("print('two')\n", "so", file_name=name)
    assert first.type == "SO" and first.version == 1 and second.version == 2, (first, second)
    assert [m.version for m in c.model_versions(name)] == [1, 2]
    assert [m.id for m in c.model_versions(second)] == [first.id, second.id]
    assert c.model(first.id) == first
    assert c.model_source(second) == "print('two')\n"
    assert any(m.id == second.id for m in c.models("SO")) and all(m.type == "SO" for m in c.models("SO"))
    assert not any(m.id == second.id for m in c.models("DMO"))


@check("models")
def an_archived_model_does_not_run_until_restored():
    c = client()
    model = c.upload("print('archived')\n", "RMO", file_name=f"arch_{UNIQUE}.py")
    assert c.archive_model(model).status == "archived"
    raises(Conflict, lambda: c.run(model), "MODEL_ARCHIVED")
    assert c.restore_model(model.id).status == "active"
    assert c.run(model).wait(60).succeeded


@check("models")
def a_syntax_error_is_refused_with_its_line_and_column():
    e = raises(InvalidRequest, lambda: client().upload("x = 1\ny = = 2\n", file_name="broken.py"), "SYNTAX_ERROR")
    assert e.status == 422 and e.line == 2 and e.column is not None, e.details
    assert isinstance(e, SandboxError) and "broken.py" in e.message


@check("models")
def unknown_models_and_files_are_not_found():
    e = raises(NotFound, lambda: client().model("no-such-model"), "MODEL_NOT_FOUND")
    assert e.status == 404
    raises(NotFound, lambda: client().run("no-such-model"), "MODEL_NOT_FOUND")
    raises(FileNotFoundError, lambda: client().upload("no/such/model.py"))
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as text_file:
        text_file.write("print(1)\n")
        text_file.flush()  # an existing file is uploaded as a file, whatever its name: the server refuses a .txt
        raises(InvalidRequest, lambda: client().upload(text_file.name), "UNSUPPORTED_FILE_TYPE")
    raises(InvalidRequest, lambda: client().upload("print(1)\n", file_name="model.txt"), "UNSUPPORTED_FILE_TYPE")


# -- jobs ------------------------------------------------------------------------------------------------------
@check("jobs")
def a_run_on_a_data_source_is_followed_line_by_line_and_leaves_its_files():
    c = client()
    market = c.upload_data(f"py-market-{UNIQUE}", DMO_DATA)
    job = c.run(DMO, data=market.name, publish_as=f"py-results-{UNIQUE}", deadline=dt.timedelta(minutes=10))
    assert isinstance(job, Job) and job.status in ("queued", "running"), job
    lines = list(job.follow())
    assert lines and all(isinstance(line, LogLine) for line in lines)
    assert [line.seq for line in lines] == list(range(1, len(lines) + 1)), [line.seq for line in lines]
    assert job.done and job.status == "success", (job.status, job.error)  # follow read it again at the end
    assert job.data["dataSourceId"] == market.id and job.data["deadline"], job.data
    assert isinstance(job.result, dict) and job.result, job.result
    assert [line.seq for line in job.logs()] == [line.seq for line in lines]
    assert "objective" in {m.name for m in job.metrics()}
    artifacts = {a.name: a for a in job.artifacts()}
    assert "prices.csv" in artifacts, artifacts
    with tempfile.TemporaryDirectory() as folder:
        saved = job.download("prices.csv", folder)
        assert saved == Path(folder) / "prices.csv"
        assert hashlib.sha256(saved.read_bytes()).hexdigest() == artifacts["prices.csv"].sha256
    rows = job.read_csv("prices.csv")  # no pandas in this venv: rows
    assert isinstance(rows, list) and rows and "price_eur_mwh" in rows[0], rows[:1]
    assert c.data_source(f"py-results-{UNIQUE}").produced_by == job.id
    assert job.id in [j.id for j in c.jobs(model_id=job.model_id)]
    assert c.job(job.id).status == "success"
    html = job._repr_html_()
    assert html.startswith("<table") and job.id in html and "success" in html and "result" in html, html


@check("jobs")
def following_with_events_ends_with_the_end_event():
    c = client()
    job = c.run(c.upload(LOGGING, file_name=f"events_{UNIQUE}.py"))
    events = list(job.follow(events=True))
    assert all(isinstance(e, Event) for e in events)
    assert events[0].kind == "started" and events[0].data["jobId"] == job.id, events[0]  # over the event stream
    assert events[-1].kind == "completed" and events[-1].final, [e.kind for e in events]
    assert [e.line.message for e in events if e.line] == ["all fine", "something broke"], events
    assert [e.line.level for e in events if e.line] == ["INFO", "ERROR"]
    again = list(job.follow(events=True))  # a job that ended: replayed to its end
    assert [e.line.seq for e in again if e.line] == [1, 2] and again[-1].kind == "completed"
    assert list(job.follow(after_seq=1))[0].seq == 2


@check("jobs")
def a_failing_job_says_why():
    c = client()
    job = c.run(c.upload(FAILING, file_name=f"failing_{UNIQUE}.py"))
    events = list(job.follow(events=True))
    assert events[-1].kind == "failed" and "boom in the model" in (events[-1].data.get("error") or ""), events[-1]
    assert job.wait(30).status == "failed" and not job.succeeded and "boom in the model" in job.error
    assert job.result is None


@check("jobs")
def wait_times_out_and_cancel_stops_a_running_job():
    c = client()
    job = c.run(c.upload(TICKING, file_name=f"ticking_{UNIQUE}.py"))
    started = time.monotonic()
    raises(Timeout, lambda: job.wait(0.5), "TIMEOUT")
    assert time.monotonic() - started < 5
    assert job.cancel().status in ("running", "queued", "cancelled")
    assert job.wait(30).status == "cancelled", job.status
    raises(Conflict, job.cancel, "JOB_ALREADY_FINISHED")
    followed = c.run(c.upload(TICKING, file_name=f"ticking2_{UNIQUE}.py"))
    raises(Timeout, lambda: list(followed.follow(timeout=0.5)), "TIMEOUT")
    followed.cancel()


@check("jobs")
def a_job_queued_for_longer_than_the_streams_idle_time_is_followed_once_it_runs():
    import sandboxopt._follow as follow_module
    c = client()
    sleeper = c.upload("import time\nwhile True:\n    time.sleep(0.2)\n", file_name=f"sleeper_{UNIQUE}.py")
    blockers = [c.run(sleeper), c.run(sleeper)]  # the server's two slots
    queued = Client(URL, retries=1).run(c.upload("print('my turn')\n", file_name=f"queued_{UNIQUE}.py"))
    idle, follow_module.IDLE_SECONDS = follow_module.IDLE_SECONDS, 0.5
    try:
        lines = []
        reader = threading.Thread(target=lambda: lines.extend(queued.follow()), daemon=True)
        reader.start()
        time.sleep(3)  # several idle times pass with the job still queued
        assert reader.is_alive() and c.job(queued.id).status == "queued", lines
        for blocker in blockers:
            blocker.cancel()
        reader.join(60)
        assert not reader.is_alive() and [line.message for line in lines] == ["my turn"], lines
    finally:
        follow_module.IDLE_SECONDS = idle
        for blocker in blockers:
            if not blocker.refresh().done:
                blocker.cancel()


@check("jobs")
def bad_runs_are_refused_with_the_servers_code():
    c = client()
    model = c.upload("print('x')\n", file_name=f"plain_{UNIQUE}.py")
    e = raises(InvalidRequest, lambda: c.run(model, config=[1, 2]), "INVALID_ARGUMENT", "config")
    assert e.status == 400
    raises(NotFound, lambda: c.run(model, data="no-such-data-source"), "DATA_SOURCE_NOT_FOUND")
    raises(InvalidRequest, lambda: c.run(model, runtime="java"), "INVALID_ARGUMENT")
    raises(NotFound, lambda: c.job("DMO_1_nosuch"), "JOB_NOT_FOUND")
    raises(NotFound, lambda: list(Job(c, {"jobId": "DMO_1_nosuch"}).follow()), "JOB_NOT_FOUND")


@check("jobs")
def an_idempotency_key_makes_one_job():
    c = client()
    model = c.upload("print('once')\n", file_name=f"once_{UNIQUE}.py")
    key = str(uuid.uuid4())
    first = c.run(model, {"a": 1}, idempotency_key=key)
    again = c.run(model, {"a": 1}, idempotency_key=key)
    assert again.id == first.id and again.data.get("replayed") is True, again.data
    e = raises(Conflict, lambda: c.run(model, {"a": 2}, idempotency_key=key), "IDEMPOTENCY_KEY_REUSED")
    assert e.details.get("jobId") == first.id
    assert c.run(model, {"a": 1}).id != first.id  # a new key each call


# -- data sources ------------------------------------------------------------------------------------------
@check("data")
def data_sources_upload_in_versions_and_download():
    c = client()
    name = f"py-data-{UNIQUE}"
    first = c.upload_data(name, DMO_DATA, description="the sample market")
    assert first.version == 1 and first.file_names == sorted(p.name for p in DMO_DATA.iterdir()), first
    second = c.upload_data(name, [DMO_DATA / "bids.csv"])
    assert second.version == 2 and second.file_names == ["bids.csv"]
    assert [d.version for d in c.data_versions(name)] == [1, 2]
    assert c.data_source(name).id == second.id and c.data_source(first.id).version == 1
    assert any(d.id == first.id for d in c.data_sources())
    with tempfile.TemporaryDirectory() as folder:
        saved = c.download_data(first.id, folder)
        assert sorted(p.name for p in saved) == first.file_names
        assert (Path(folder) / "offers.csv").read_bytes() == (DMO_DATA / "offers.csv").read_bytes()
        raises(NotFound, lambda: c.download_data(first.id, folder, "nope.csv"), "FILE_NOT_FOUND")
    assert c.archive_data(second.id).status == "archived"
    raises(NotFound, lambda: c.data_source(f"no-such-{UNIQUE}"), "DATA_SOURCE_NOT_FOUND")
    raises(InvalidRequest, lambda: c.upload_data("bad name!", [DMO_DATA / "bids.csv"]), "INVALID_ARGUMENT")
    raises(FileNotFoundError, lambda: c.upload_data(name, ["no/such/file.csv"]))


# -- schedules and experiments -----------------------------------------------------------------------------
@check("schedules")
def schedules_are_made_paused_run_and_deleted():
    c = client()
    model = c.upload("import sandbox\nsandbox.result({'ok': True})\n", file_name=f"sched_{UNIQUE}.py")
    schedule = c.create_schedule(f"morning {UNIQUE}", model, cron="0 0 6 * * *", timezone="Europe/Berlin")
    assert isinstance(schedule, Schedule) and schedule.model_id == model.id, schedule
    assert len(schedule.next_runs) == 5 and schedule.enabled and not schedule.paused, schedule
    assert schedule.next_runs[0].endswith(("+01:00", "+02:00")) and schedule.when == "0 0 6 * * * Europe/Berlin"
    assert schedule.raw["cron"] == "0 0 6 * * *" and schedule.last_job is None
    paused = c.pause_schedule(schedule)
    assert paused.paused and paused.next_runs == [] and c.schedule(schedule.id).paused
    assert not c.resume_schedule(schedule.id).paused
    follower = c.create_schedule(f"after {UNIQUE}", model, after=schedule)
    assert follower.after == schedule.id and follower.cron is None and follower.next_runs == [], follower
    assert follower.when == f"after {schedule.id}"
    job = c.run_schedule(schedule.id)
    assert job.wait(60).succeeded and job.data["scheduleId"] == schedule.id and job.result == {"ok": True}
    assert c.schedule(schedule.id).last_job["jobId"] == job.id
    assert {schedule.id, follower.id} <= {s.id for s in c.schedules()}
    c.delete_schedule(follower)
    c.delete_schedule(schedule.id)
    raises(NotFound, lambda: c.schedule(schedule.id), "SCHEDULE_NOT_FOUND")
    raises(NotFound, lambda: c.pause_schedule(schedule.id), "SCHEDULE_NOT_FOUND")
    raises(InvalidRequest, lambda: c.create_schedule("bad", model, cron="0 0 25 * * *"), "INVALID_ARGUMENT", "cron")


def two_versions(prefix):
    """Two versions of one file name: the second's objective is 1 higher (x * 10 + BONUS on the config's x)."""
    c = client()
    name = f"{prefix}_{UNIQUE}.py"
    source = "import sandbox\nsandbox.result({'objective': sandbox.config.get('x', 0) * 10 + BONUS})\n"
    return c.upload("BONUS = 0\n" + source, file_name=name), c.upload("BONUS = 1\n" + source, file_name=name)


@check("schedules")
def an_experiment_compares_two_versions():
    c = client()
    v1, v2 = two_versions("exp")
    experiment = c.create_experiment("bonus", [v1, v2], [{"name": "a", "config": {"x": 1}}],
                                     acceptance=[{"metric": "objective", "direction": "no-worse-min"}])
    assert isinstance(experiment, Experiment) and len(experiment.runs) == 2 and experiment.baseline == v1.id
    done = c.wait_experiment(experiment, 120)
    assert done.status == "completed" and done.passed is False and done.failed and not done.running, done
    assert done.reproducible is None and all(r["status"] == "success" for r in done.runs), done  # one repetition
    row = next(r for r in done.summary if r["modelId"] == v2.id and r["metric"] == "objective")
    assert (row["input"], row["value"], row["baseline"], row["delta"], row["verdict"]) == ("a", 11, 10, 1, "fail"), row
    assert done.failures and "objective on input a" in done.failures[0], done.failures
    assert c.experiment(experiment.id) == done and any(e.id == experiment.id for e in c.experiments())
    raises(NotFound, lambda: c.experiment("exp_1_nosuch"), "EXPERIMENT_NOT_FOUND")
    raises(NotFound, lambda: c.wait_experiment("exp_1_nosuch"), "EXPERIMENT_NOT_FOUND")
    raises(InvalidRequest, lambda: c.create_experiment("none", [], [{"name": "a"}]), "INVALID_ARGUMENT")
    raises(NotFound, lambda: c.create_experiment("unknown", ["no-such-model"], [{"name": "a"}]), "MODEL_NOT_FOUND")


@check("schedules")
def waiting_for_an_experiment_times_out_and_cancel_ends_it():
    c = client()
    ticking = c.upload(TICKING, file_name=f"exp_ticking_{UNIQUE}.py")
    experiment = c.create_experiment("slow", [ticking], [{"name": "a"}], repetitions=2)
    raises(Timeout, lambda: c.wait_experiment(experiment.id, timeout=0.5), "TIMEOUT", "still running")
    cancelled = c.cancel_experiment(experiment)
    assert cancelled.status == "cancelled" and cancelled.failed, cancelled
    assert c.wait_experiment(experiment.id, 30).status == "cancelled"


# -- schedules and experiments on the command line --------------------------------------------------------------
def cli(*args, stdin=None):
    """Runs ``python -m sandboxopt ARGS`` against the server; returns its exit code, stdout and stderr."""
    done = subprocess.run([sys.executable, "-m", "sandboxopt", *args], input=stdin, capture_output=True, text=True,
                          env={**os.environ, "SANDBOXOPT_URL": URL}, timeout=180)
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout, done.stderr


def spec_file(spec):
    path = Path(tempfile.mkdtemp()) / "spec.json"
    path.write_text(spec if isinstance(spec, str) else json.dumps(spec), encoding="utf-8")
    return str(path)


@check("cli-experiments")
def the_command_line_lists_and_shows_schedules_with_their_next_runs():
    c = client()
    model = c.upload("import sandbox\nsandbox.result({'ok': True})\n", file_name=f"cli_sched_{UNIQUE}.py")
    schedule = c.create_schedule(f"cli {UNIQUE}", model, cron="30 6 * * MON-FRI", timezone="Europe/Berlin")
    code, out, _ = cli("schedules")
    row = next(line for line in out.splitlines() if line.startswith(schedule.id))
    assert code == 0 and "30 6 * * MON-FRI Europe/Berlin" in row and "active" in row and schedule.next_runs[0] in row
    code, out, _ = cli("schedules", "--json")
    assert code == 0 and any(s["id"] == schedule.id and s["enabled"] for s in json.loads(out)), out
    code, out, _ = cli("schedule", schedule.id)
    assert code == 0 and f'Schedule {schedule.id} "cli {UNIQUE}"' in out and "next runs:" in out, out
    assert all(f"  {run}" in out for run in schedule.next_runs) and "last job: none yet" in out, out
    c.pause_schedule(schedule)
    code, out, _ = cli("--json", "schedule", schedule.id)
    assert code == 0 and json.loads(out)["enabled"] is False and json.loads(out)["nextRuns"] == [], out
    assert "paused" in cli("schedule", schedule.id)[1]
    code, _, err = cli("schedule", "sch_1_nosuch")
    assert code == 2 and "SCHEDULE_NOT_FOUND" in err, err
    code, out, _ = cli("--json", "schedule", schedule.id, "--resume")
    assert code == 0 and json.loads(out)["enabled"] is True and len(json.loads(out)["nextRuns"]) == 5, out
    code, out, _ = cli("schedule", schedule.id, "--pause")
    assert code == 0 and "paused" in out and not c.schedule(schedule.id).enabled, out
    code, out, _ = cli("--json", "schedule", schedule.id, "--run-now")
    started = json.loads(out)
    assert code == 0 and started["scheduleId"] == schedule.id, out
    job = c.job(started["jobId"])
    assert job.wait(60).succeeded and job.data["scheduleId"] == schedule.id, job
    code, _, err = cli("schedule", schedule.id, "--pause", "--resume")
    assert code == 2 and "not allowed with" in err, err
    code, _, err = cli("schedule", "sch_1_nosuch", "--run-now")
    assert code == 2 and "SCHEDULE_NOT_FOUND" in err, err
    c.delete_schedule(schedule)


@check("cli-experiments")
def experiment_create_waits_prints_the_summary_and_exits_by_its_verdict():
    v1, v2 = two_versions("cli_exp")
    spec = {"name": f"cli {UNIQUE}", "models": [v1.id, v2.id], "inputs": [{"name": "monday", "config": {"x": 2}}],
            "repetitions": 2, "acceptance": [{"metric": "objective", "direction": "no-worse-min"}]}
    code, out, err = cli("experiment", "create", "--file", spec_file(spec), "--wait")
    assert code == 1, (code, out, err)  # v2's objective 21 is worse than v1's 20 when lower is better
    assert "Created experiment exp_" in out and "completed: passed no, reproducible yes" in out, out
    assert "4 runs (4 succeeded)" in out and re.search(r"(?m)^input +metric +model +value +baseline +delta +verdict$", out)
    row = next(line.split() for line in out.splitlines() if line.split()[:3] == ["monday", "objective", v2.id])
    assert row[3:] == ["21", "20", "+1", "fail"], row
    assert "fail: objective on input monday" in out, out
    experiment_id = out.split("Created experiment ", 1)[1].split()[0]
    assert client().experiment(experiment_id).passed is False

    code, out, _ = cli("experiment", experiment_id)
    assert code == 1 and "passed no" in out, out
    code, out, _ = cli("experiments")
    assert code == 0 and any(line.startswith(experiment_id) and "completed" in line for line in out.splitlines())

    spec["acceptance"][0]["direction"] = "no-worse-max"  # higher is better: 21 passes against 20
    code, out, err = cli("--json", "experiment", "create", "--file", "-", "--wait", stdin=json.dumps(spec))
    shown = json.loads(out)
    assert code == 0 and shown["passed"] is True and shown["status"] == "completed", (code, out, err)
    assert "Created experiment " + shown["id"] in err  # the step on stderr, stdout only JSON
    code, out, _ = cli("experiments", "--json")
    assert code == 0 and {experiment_id, shown["id"]} <= {e["id"] for e in json.loads(out)}


@check("cli-experiments")
def a_running_experiment_exits_zero_without_wait_and_one_once_cancelled():
    ticking = client().upload(TICKING, file_name=f"cli_exp_ticking_{UNIQUE}.py")
    spec = {"name": "slow", "models": [ticking.id], "inputs": [{"name": "a"}], "repetitions": 2}
    code, out, err = cli("--json", "experiment", "create", "--file", spec_file(spec))
    assert code == 0 and json.loads(out)["status"] == "running", (code, out, err)
    experiment_id = json.loads(out)["id"]
    code, out, _ = cli("experiment", experiment_id)
    assert code == 0 and "running: passed -, reproducible -" in out, out
    client().cancel_experiment(experiment_id)
    code, out, _ = cli("experiment", experiment_id, "--wait")
    assert code == 1 and f"Experiment {experiment_id} \"slow\" cancelled" in out, out


@check("cli-experiments")
def bad_experiment_commands_exit_two_saying_why():
    code, _, err = cli("experiment", "exp_1_nosuch")
    assert code == 2 and "EXPERIMENT_NOT_FOUND" in err, err
    code, _, err = cli("experiment", "exp_1_nosuch", "--wait", "--json")
    assert code == 2 and "EXPERIMENT_NOT_FOUND" in err, err
    code, _, err = cli("experiment", "create", "--file", spec_file('{"name": "broken", "models": ['))
    assert code == 2 and "spec.json is not valid JSON" in err, err
    code, _, err = cli("experiment", "create", "--file", spec_file("[1, 2]"))
    assert code == 2 and "must be a JSON object" in err, err
    code, _, err = cli("experiment", "create", "--file", "no/such/spec.json")
    assert code == 2 and "cannot read no/such/spec.json" in err, err
    code, _, err = cli("experiment", "create")
    assert code == 2 and "needs --file" in err, err
    code, _, err = cli("experiment", "create", "--file", spec_file({"name": "x", "models": ["no-such-model"],
                                                                    "inputs": [{"name": "a"}]}))
    assert code == 2 and "MODEL_NOT_FOUND" in err, err
    code, _, err = cli("experiment", "create", "--file", spec_file({"name": "x", "models": [], "inputs": []}))
    assert code == 2 and "INVALID_ARGUMENT" in err, err


# -- dropped connections: a proxy between the client and the server --------------------------------------------
class Proxy:
    """Relays connections to the server; ``rule(method, path, number)`` says what to do with the number-th
    request to that path: None relays it, "drop" closes before sending it on, "swallow" sends it on and closes
    without the answer, an int cuts the answer after that many bytes."""

    def __init__(self, target, rule):
        self.target, self.rule, self.seen, self.cut = target, rule, [], 0
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            conn, _ = self.server.accept()
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn):
        with conn:
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                data += chunk
            head, _, body = data.partition(b"\r\n\r\n")
            method, path = head.split(b"\r\n")[0].decode().split()[:2]
            length = 0
            for header in head.split(b"\r\n")[1:]:
                name, _, value = header.decode().partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            while len(body) < length:
                body += conn.recv(65536)
            route = path.split("?")[0]
            self.seen.append((method, route))
            action = self.rule(method, route, sum(1 for m, r in self.seen if (m, r) == (method, route)))
            if action == "drop":
                self.cut += 1
                return
            if isinstance(action, bytes):  # a canned answer of its own
                conn.sendall(action)
                return
            upstream = socket.create_connection(self.target)
            with upstream:
                upstream.sendall(head + b"\r\n\r\n" + body)
                if action == "swallow":
                    upstream.settimeout(30)
                    while upstream.recv(65536):
                        pass
                    self.cut += 1
                    return
                sent = 0
                while True:
                    chunk = upstream.recv(65536)
                    if not chunk:
                        return
                    if isinstance(action, int) and sent + len(chunk) >= action:
                        conn.sendall(chunk[:max(0, action - sent)])
                        self.cut += 1
                        conn.shutdown(socket.SHUT_RDWR)
                        return
                    conn.sendall(chunk)
                    sent += len(chunk)


def target():
    host_port = URL.split("://", 1)[1].rstrip("/")
    host, port = host_port.rsplit(":", 1)
    return host, int(port)


@check("resume")
def follow_resumes_after_the_stream_is_cut_without_losing_or_repeating_a_line():
    def rule(method, path, number):
        streaming = path.endswith("/events") or path.endswith("/logs")
        return 1200 if streaming and number <= 2 else None  # the first two answers cut mid-way
    proxy = Proxy(target(), rule)
    c = client()
    model = c.upload("import time\nfor i in range(60):\n    print(f'line {i} ' + 'x' * 40)\n    time.sleep(0.02)\n",
                     file_name=f"resume_{UNIQUE}.py")
    job = Client(proxy.url).run(model)
    lines = list(job.follow())
    assert proxy.cut >= 1, proxy.seen
    assert proxy.seen.count(("GET", f"/api/optimization/jobs/{job.id}/events")) >= 2, proxy.seen  # resumed, not polled
    assert [line.seq for line in lines] == list(range(1, 61)), [line.seq for line in lines]
    assert [line.message.split()[1] for line in lines] == [str(i) for i in range(60)]
    assert job.status == "success"


@check("resume")
def follow_reads_the_stored_lines_from_a_server_without_the_event_stream():
    body = b'{"success": false, "error": "Page Not Found", "code": "NOT_FOUND"}'
    no_stream = (b"HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: "
                 + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body)
    proxy = Proxy(target(), lambda method, path, number: no_stream if path.endswith("/events") else None)
    model = client().upload("import time\nfor i in range(20):\n    print(i)\n    time.sleep(0.05)\n",
                            file_name=f"older_{UNIQUE}.py")
    job = Client(proxy.url).run(model)
    events = list(job.follow(events=True))
    assert [e.line.message for e in events if e.line] == [str(i) for i in range(20)], events
    assert events[-1].kind == "completed" and job.succeeded
    assert any(path.endswith("/logs") for _, path in proxy.seen), proxy.seen


@check("resume")
def reads_are_retried_after_a_dropped_connection():
    proxy = Proxy(target(), lambda method, path, number: "drop" if number == 1 else None)
    assert isinstance(Client(proxy.url).models(), list)
    assert proxy.seen.count(("GET", "/api/optimization/models")) == 2


@check("resume")
def an_execute_whose_answer_was_lost_is_retried_with_its_key_and_starts_one_job():
    c = client()
    model = c.upload("print('one job')\n", file_name=f"lost_{UNIQUE}.py")
    proxy = Proxy(target(), lambda method, path, number: "swallow" if path.endswith("/execute") and number == 1 else None)
    job = Client(proxy.url).run(model)
    assert proxy.seen.count(("POST", "/api/optimization/execute")) == 2 and proxy.cut == 1
    assert job.data.get("replayed") is True, job.data
    assert [j.id for j in c.jobs(model_id=model.id)] == [job.id]


@check("resume")
def other_writes_are_never_sent_twice():
    proxy = Proxy(target(), lambda method, path, number: "drop" if method == "POST" else None)
    raises(ConnectionFailed, lambda: Client(proxy.url).upload("print(1)\n", file_name=f"twice_{UNIQUE}.py"),
           "CONNECTION_FAILED")
    assert proxy.seen.count(("POST", "/api/optimization/upload")) == 1


# -- the command line on a terminal --------------------------------------------------------------------------
def on_terminal(args, env):
    """Runs the CLI with its stdout on a pseudo-terminal; returns its exit code and what it printed."""
    master, slave = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "sandboxopt", *args], stdout=slave, stderr=subprocess.PIPE,
                               env=env)
    os.close(slave)
    output = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    os.close(master)
    return process.wait(60), output.decode("utf-8", "replace")


@check("colours")
def lines_are_coloured_by_level_on_a_terminal_unless_no_color():
    c = client()
    model = c.upload(LOGGING, file_name=f"colours_{UNIQUE}.py")
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["SANDBOXOPT_URL"] = URL
    code, output = on_terminal(["run", model.id, "--follow"], env)
    assert code == 0, output
    assert "\x1b[31m" in output and "something broke" in output, repr(output)
    code, plain = on_terminal(["run", model.id, "--follow"], {**env, "NO_COLOR": "1"})
    assert code == 0 and "\x1b[" not in plain and "something broke" in plain, repr(plain)


# -- security and a server that is down ----------------------------------------------------------------------
@check("security")
def a_wrong_or_missing_token_is_unauthorized():
    token = os.environ["SANDBOX_TOKEN"]
    assert isinstance(Client(URL, token).models(), list)
    e = raises(Unauthorized, lambda: Client(URL, "wrong-token").models(), "UNAUTHORIZED")
    assert e.status == 401 and isinstance(e, SandboxError)
    os.environ.pop("SANDBOXOPT_TOKEN", None)
    raises(Unauthorized, lambda: Client(URL).models(), "UNAUTHORIZED")
    os.environ["SANDBOXOPT_TOKEN"] = token
    assert isinstance(Client(URL).models(), list)  # the token from the environment
    model = Client(URL, token).upload("print('secured')\n", file_name=f"secured_{UNIQUE}.py")
    job = Client(URL, token).run(model)
    assert [line.message for line in job.follow()] == ["secured"] and job.succeeded


@check("down")
def a_server_that_is_down_is_a_connection_failure():
    started = time.monotonic()
    e = raises(ConnectionFailed, lambda: Client(os.environ["DEAD_URL"]).models(), "CONNECTION_FAILED")
    assert isinstance(e, SandboxError) and e.status is None and "Cannot reach" in str(e)
    assert time.monotonic() - started < 10
    raises(ConnectionFailed, lambda: Client(os.environ["DEAD_URL"]).upload("print(1)\n"), "CONNECTION_FAILED")


def main():
    failures = 0
    for function in CHECKS[GROUP]:
        try:
            function()
            print(f"ok {function.__name__}", flush=True)
        except Exception:  # every check runs; each failure is reported with its traceback
            failures += 1
            print(f"FAIL {function.__name__}\n{traceback.format_exc()}", flush=True)
    return failures


if __name__ == "__main__":
    sys.exit(main())
