"""The command line's schedules and experiments: ``schedules``, ``schedule ID [--pause|--resume|--run-now]``,
``experiments``, ``experiment ID [--wait]`` and ``experiment create --file SPEC.json [--wait]``."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Callable, Dict

from ._exits import EXIT_JOB_FAILED, EXIT_OK
from ._output import Output
from .client import Client
from .records import Experiment, Schedule

Command = Callable[..., argparse.ArgumentParser]


class SpecError(ValueError):
    """A spec file that cannot be read, is not JSON or not an object (the command line exits 2 naming it)."""


def add_commands(command: Command) -> None:
    """Adds the commands through ``cli``'s ``command(name, handler, help, examples)``."""
    command("schedules", _schedules, "list schedules, by name",
            "  sandboxopt schedules\n  sandboxopt schedules --json | jq -r '.[] | select(.enabled) | .id'")
    schedule = command("schedule", _schedule, "show one schedule with its next runs; pause, resume or run it now",
                       "  sandboxopt schedule sch_1795911179225_ab12cd\n  sandboxopt schedule sch_... --json\n"
                       "  sandboxopt schedule sch_... --pause          # no firing until --resume\n"
                       "  sandboxopt schedule sch_... --run-now --json | jq -r .jobId")
    schedule.add_argument("schedule", metavar="ID")
    action = schedule.add_mutually_exclusive_group()
    action.add_argument("--pause", action="store_true", help="pause it: it fires no more until resumed")
    action.add_argument("--resume", action="store_true", help="resume it from its next fire time")
    action.add_argument("--run-now", action="store_true", help="start its job now, as a firing would, and print its id")

    command("experiments", _experiments, "list experiments, newest first",
            "  sandboxopt experiments\n  sandboxopt experiments --json | jq -r '.[] | select(.passed == false) | .id'")
    experiment = command(
        "experiment", _experiment, "show an experiment and its summary, or create one (experiment create --file)",
        "  sandboxopt experiment exp_1795911179225_ab12cd\n"
        "  sandboxopt experiment exp_... --wait --json\n"
        "  sandboxopt experiment create --file spec.json --wait\n"
        "  sandboxopt experiment create --file - < spec.json   # the body of POST /api/optimization/experiments:\n"
        "      # {\"name\": \"v2 vs v1\", \"models\": [\"V1_ID\", \"V2_ID\"], \"inputs\": [{\"name\": \"monday\", "
        "\"config\": {\"x\": 1}}],\n"
        "      #  \"repetitions\": 2, \"acceptance\": [{\"metric\": \"objective\", \"direction\": \"no-worse-min\"}]}\n"
        "exit code: 0 when it passed (or runs, without --wait), 1 when it ended and did not pass (a verdict failed, "
        "or it was cancelled), 2 when refused")
    experiment.add_argument("experiment", metavar="ID|create", help="an experiment id, or `create` with --file")
    experiment.add_argument("--file", metavar="SPEC.json|-", help="create: the experiment's JSON (- for stdin)")
    experiment.add_argument("--wait", action="store_true", help="wait until it is no longer running")


def _schedules(client: Client, args: argparse.Namespace, out: Output) -> int:
    schedules = client.schedules()
    out.table([s.raw for s in schedules], ["id", "name", "when", "state", "next run", "model"],
              [[s.id, s.name, s.when, "paused" if s.paused else "active", s.next_runs[0] if s.next_runs else "",
                s.model_id] for s in schedules])
    return EXIT_OK


def _schedule(client: Client, args: argparse.Namespace, out: Output) -> int:
    if args.run_now:
        job = client.run_schedule(args.schedule)
        out.record({"jobId": job.id, "scheduleId": args.schedule, "status": job.status},
                   lambda: f"Started job {job.id} of schedule {args.schedule} (sandboxopt logs {job.id} --follow)")
        return EXIT_OK
    if args.pause:
        schedule = client.pause_schedule(args.schedule)
    elif args.resume:
        schedule = client.resume_schedule(args.schedule)
    else:
        schedule = client.schedule(args.schedule)
    out.record(schedule.raw, lambda: _schedule_text(schedule))
    return EXIT_OK


def _schedule_text(s: Schedule) -> str:
    last = s.last_job or {}
    lines = [f"Schedule {s.id} \"{s.name}\": {s.when}, {'paused' if s.paused else 'active'}",
             f"model: {s.model_id}" + (f" (next run takes {s.next_model_id})"
                                       if s.next_model_id and s.next_model_id != s.model_id else ""),
             f"owner: {s.owner}" if s.owner else "",
             f"last job: {last.get('jobId')} {last.get('status')}" if last else "last job: none yet",
             "next runs:" if s.next_runs else "next runs: none" + (" (paused)" if s.paused else "")]
    lines += [f"  {run}" for run in s.next_runs]
    lines += [f"skipped {k.get('scheduledFor')}: {k.get('reason')}" for k in s.skipped[:5]]
    return "\n".join(line for line in lines if line)


def _experiments(client: Client, args: argparse.Namespace, out: Output) -> int:
    experiments = client.experiments()
    out.table([e.raw for e in experiments], ["id", "name", "status", "passed", "reproducible", "runs", "created"],
              [[e.id, e.name, e.status, _yes_no(e.passed), _yes_no(e.reproducible), str(len(e.runs)),
                e.created_at or ""] for e in experiments])
    return EXIT_OK


def _experiment(client: Client, args: argparse.Namespace, out: Output) -> int:
    if args.experiment == "create":
        if not args.file:
            raise SpecError("experiment create needs --file SPEC.json (or --file - for standard input)")
        experiment = client.create_experiment_from(read_spec(args.file))
        out.note(f"Created experiment {experiment.id} ({len(experiment.runs)} runs)")
    elif args.file:
        raise SpecError(f"--file is for `experiment create`, not for showing {args.experiment}")
    else:
        experiment = client.experiment(args.experiment)
    if args.wait:
        experiment = client.wait_experiment(experiment)
    out.record(experiment.raw, lambda: _experiment_text(experiment))
    return EXIT_JOB_FAILED if experiment.failed else EXIT_OK


def _experiment_text(e: Experiment) -> str:
    done = sum(1 for r in e.runs if r.get("status") == "success")
    lines = [f"Experiment {e.id} \"{e.name}\" {e.status}: passed {_yes_no(e.passed)}, "
             f"reproducible {_yes_no(e.reproducible)}",
             f"{len(e.runs)} runs ({done} succeeded): {len(e.models)} models, {e.repetitions} repetitions, "
             f"baseline {e.baseline}", ""]
    header = ["input", "metric", "model", "value", "baseline", "delta", "verdict"]
    rows = [[str(r.get("input")), str(r.get("metric")), str(r.get("modelId")), _number(r.get("value")),
             _number(r.get("baseline")), _number(r.get("delta"), "+"), str(r.get("verdict"))] for r in e.summary]
    if rows:
        widths = [max(len(c) for c in column) for column in zip(header, *rows)]
        lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in [header] + rows]
    else:
        lines.append("(no summary yet)")
    lines += [f"fail: {f}" for f in e.failures]
    return "\n".join(lines)


def read_spec(source: str) -> Dict[str, Any]:
    """The JSON object in the file ``source`` (``@file`` as well, ``-`` for standard input)."""
    where = "standard input" if source == "-" else source.lstrip("@")
    try:
        text = sys.stdin.read() if source == "-" else Path(where).read_text(encoding="utf-8")
    except OSError as e:
        raise SpecError(f"--file {source}: cannot read {where}: {e.strerror}") from e
    try:
        value = json.loads(text)
    except ValueError as e:
        raise SpecError(f"{where} is not valid JSON: {e}") from e
    if not isinstance(value, dict):
        raise SpecError(f"{where} must be a JSON object: {{\"name\", \"models\", \"inputs\", ...}}")
    return value


def _yes_no(value: Any) -> str:
    return "-" if value is None else "yes" if value else "no"


def _number(value: Any, sign: str = "") -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return f"{value:{sign}.6g}" if isinstance(value, float) and not value.is_integer() else f"{int(value):{sign}d}"

