"""The command line: ``sandboxopt`` (or ``python -m sandboxopt``).

Exit codes: 0 done (a job that succeeded), 1 a job that did not succeed (or an experiment that did not pass), 2 bad
arguments or a request the server refused (an unknown model, a broken config, a wrong token), 3 no answer from the
server or a fault of its own.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence

from ._exits import EXIT_JOB_FAILED, EXIT_OK, EXIT_REFUSED, EXIT_UNREACHABLE
from ._version import __version__
from .client import Client
from .errors import ConnectionFailed, SandboxError, ServerError, Timeout
from ._output import Output, ending, print_events
from .records import Model


MAIN_HELP = """\
examples:
  export SANDBOXOPT_URL=http://localhost:8080        # and SANDBOXOPT_TOKEN=sbx_... when the server wants one
  sandboxopt run models/sample_dmo_model.py --config '{"hours": 12}' --follow
  sandboxopt models --type DMO
  sandboxopt jobs --status failed --json | jq '.[].jobId'
  sandboxopt logs DMO_1795911179225_r0mefw --follow
  sandboxopt experiment create --file spec.json --wait

exit codes: 0 done, 1 the job did not succeed (or the experiment did not pass), 2 bad arguments or a request
the server refused, 3 the server did not answer (or failed itself)."""


class _Usage(Exception):
    """A bad argument found after parsing (a config that is not JSON, a file that is not there)."""


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):  # no command, or `data` without its own
        getattr(args, "usage_of", parser).print_help(sys.stderr)
        return EXIT_REFUSED
    out = Output(bool(getattr(args, "json", False)), sys.stdout)
    try:
        client = Client(getattr(args, "server", None))
        return int(args.handler(client, args, out))
    except (ConnectionFailed, Timeout, ServerError) as e:
        print(f"sandboxopt: {e}", file=sys.stderr)
        return EXIT_UNREACHABLE
    except (_Usage, SandboxError, FileNotFoundError, ValueError) as e:
        print(f"sandboxopt: {e}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `sandboxopt logs ... | head`
        sys.stderr.close()
        return EXIT_OK


# -- the commands ------------------------------------------------------------------------------------------
def _upload(client: Client, args: argparse.Namespace, out: Output) -> int:
    model = client.upload(Path(args.file), args.type, description=args.description, runtime=args.runtime)
    out.record(model.raw, lambda: f"Uploaded {model.name} (id {model.id}, version {model.version}); "
                                  f"runs on {model.runtime}")
    return EXIT_OK


def _models(client: Client, args: argparse.Namespace, out: Output) -> int:
    models = client.models(args.type, args.status)
    out.table([m.raw for m in models], ["id", "model_type", "version", "status", "runtime", "file_name", "uploaded_at"],
              [[m.id, m.type, str(m.version), m.status, m.runtime, m.file_name, m.uploaded_at or ""] for m in models])
    return EXIT_OK


def _run(client: Client, args: argparse.Namespace, out: Output) -> int:
    config = _config(args.config)
    data: Any = None
    if args.data:
        aliased = [d.split("=", 1) for d in args.data if "=" in d]
        if aliased and len(aliased) != len(args.data):
            raise _Usage("--data: give either one data source, or every one as ALIAS=NAME")
        data = dict(aliased) if aliased else args.data[0] if len(args.data) == 1 else None
        if data is None:
            raise _Usage("--data: several data sources need aliases: --data market=dmo-market --data prices=p")
    model: Any = args.model
    if args.model.endswith(".py") or os.path.isfile(args.model):
        if not os.path.isfile(args.model):
            raise _Usage(f"No such model file: {args.model}")
        uploaded = client.upload(Path(args.model), args.type, runtime=args.runtime)
        out.note(f"Uploaded {uploaded.name} (id {uploaded.id}, version {uploaded.version})")
        model = uploaded
    job = client.run(model, config, data, runtime=args.runtime, deadline=args.deadline, publish_as=args.publish_as,
                     model_type=None if isinstance(model, Model) else args.type)
    out.note(f"Job {job.id} {job.status}")
    if args.no_wait:
        out.record(job.data, lambda: job.id)
        return EXIT_OK
    if args.follow:
        print_events(job, 0, out)
    job.wait()
    out.record(job.data, lambda: ending(job))
    return EXIT_OK if job.succeeded else EXIT_JOB_FAILED


def _jobs(client: Client, args: argparse.Namespace, out: Output) -> int:
    jobs = client.jobs(args.status, args.type, args.model, args.limit)
    out.table([j.data for j in jobs], ["jobId", "status", "runtime", "createdAt", "durationMs", "error"],
              [[j.id, j.status, str(j.data.get("runtime")), str(j.data.get("createdAt")),
                "" if j.duration_ms is None else f"{j.duration_ms} ms", (j.error or "")[:60]] for j in jobs])
    return EXIT_OK


def _job(client: Client, args: argparse.Namespace, out: Output) -> int:
    job = client.job(args.job)
    out.record(job.data, lambda: "\n".join(f"{k}: {v if isinstance(v, str) else json.dumps(v)}"
                                           for k, v in job.data.items() if v not in (None, {}, [])))
    return EXIT_OK


def _logs(client: Client, args: argparse.Namespace, out: Output) -> int:
    job = client.job(args.job)
    if args.follow:
        print_events(job, args.after, out, events=False)
        return EXIT_OK
    for line in job.logs(args.after, args.level):
        out.line(line)
    return EXIT_OK


def _cancel(client: Client, args: argparse.Namespace, out: Output) -> int:
    job = client.job(args.job).cancel()
    out.record(job.data, lambda: f"Job {job.id} {job.status} (asked to stop)")
    return EXIT_OK


def _artifacts(client: Client, args: argparse.Namespace, out: Output) -> int:
    job = client.job(args.job)
    artifacts = job.artifacts()
    saved: List[Optional[str]] = []
    if args.download:
        saved = [str(job.download(a.name, Path(args.download) / a.name)) for a in artifacts]
    if out.json:
        out.emit([{"name": a.name, "size_bytes": a.size_bytes, "content_type": a.content_type, "sha256": a.sha256,
                   **({"path": p} if args.download else {})}
                  for a, p in zip(artifacts, saved or [None for _ in artifacts])])
    else:
        out.table([], ["name", "size_bytes", "content_type"],
                  [[a.name, str(a.size_bytes), a.content_type] for a in artifacts])
        for path in saved:
            print(f"saved {path}")
    return EXIT_OK


def _data_upload(client: Client, args: argparse.Namespace, out: Output) -> int:
    source = client.upload_data(args.name, args.files, args.description)
    out.record(source.raw, lambda: f"Stored {source.name} version {source.version} (id {source.id}): "
                                   f"{', '.join(source.file_names)}")
    return EXIT_OK


def _data_list(client: Client, args: argparse.Namespace, out: Output) -> int:
    sources = client.data_sources(args.name)
    out.table([d.raw for d in sources], ["id", "name", "version", "status", "files"],
              [[d.id, d.name, str(d.version), d.status, ", ".join(d.file_names)] for d in sources])
    return EXIT_OK


def _data_download(client: Client, args: argparse.Namespace, out: Output) -> int:
    paths = client.download_data(args.source, args.to, args.file)
    out.record({"files": [str(p) for p in paths]}, lambda: "\n".join(f"saved {p}" for p in paths))
    return EXIT_OK


def _config(text: Optional[str]) -> Optional[Dict[str, Any]]:
    if text is None:
        return None
    where = "--config"
    if text.startswith("@"):
        where = text[1:]
        try:
            text = Path(where).read_text(encoding="utf-8")
        except OSError as e:
            raise _Usage(f"--config {text}: cannot read {where}: {e.strerror}") from e
    try:
        value = json.loads(text)
    except ValueError as e:
        raise _Usage(f"{where} is not valid JSON: {e}") from e
    if not isinstance(value, dict):
        raise _Usage(f"{where} must be a JSON object, like '{{\"hours\": 12}}'")
    return value


# -- the parser ----------------------------------------------------------------------------------------
def _parser() -> argparse.ArgumentParser:
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("--server", default=argparse.SUPPRESS, metavar="URL",
                        help="the server (default: $SANDBOXOPT_URL, else http://127.0.0.1:8080); "
                             "the token is $SANDBOXOPT_TOKEN")
    shared.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="print JSON for scripts (one value, or one object per line while following)")
    parser = argparse.ArgumentParser(prog="sandboxopt", parents=[shared], epilog=MAIN_HELP,
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     description="Upload models to a Sandbox Optimization server, run and follow jobs.")
    parser.add_argument("--version", action="version", version=f"sandboxopt {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, handler: Callable[..., int], help_text: str, examples: str,
                under: Any = commands) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = under.add_parser(name, parents=[shared], help=help_text, description=help_text,
                               epilog="examples:\n" + examples, formatter_class=argparse.RawDescriptionHelpFormatter)
        sub.set_defaults(handler=handler)
        return sub

    def add_type(parser: argparse.ArgumentParser, help_text: Optional[str] = None) -> None:
        parser.add_argument("--type", type=str.upper, choices=["DMO", "RMO", "SO"], help=help_text)

    upload = command("upload", _upload, "upload a model file (a new version when its name is known)",
                     "  sandboxopt upload models/sample_dmo_model.py\n"
                     "  sandboxopt upload my_model.py --type SO --runtime cpython --json")
    upload.add_argument("file", help="the .py file")
    add_type(upload, "DMO, RMO or SO (default: guessed from the file name, else DMO)")
    upload.add_argument("--description")
    upload.add_argument("--runtime", choices=["auto", "graalpy", "cpython"])

    models = command("models", _models, "list models, newest first",
                     "  sandboxopt models\n  sandboxopt models --type RMO --status archived --json")
    add_type(models)
    models.add_argument("--status", choices=["active", "archived"])

    run = command("run", _run, "run a model (an id, or a .py file uploaded first) and wait for its job",
                  "  sandboxopt run models/sample_dmo_model.py --follow\n"
                  "  sandboxopt run 3f2c...-model-id --config '{\"hours\": 12}' --data dmo-market\n"
                  "  sandboxopt run models/sample_rmo_model.py --config @rmo.json --data system=rmo-system "
                  "--data upstream=dmo-results\n"
                  "  sandboxopt run MODEL_ID --no-wait --json | jq -r .jobId\n"
                  "exit code: 0 when the job succeeded, 1 when it did not, 2 when it was refused")
    run.add_argument("model", metavar="MODEL_OR_FILE", help="a model id, or a .py file to upload and run")
    add_type(run, "the type of a file uploaded (default: guessed from its name)")
    run.add_argument("--config", metavar="JSON|@FILE", help="the config object, or @file.json")
    run.add_argument("--data", action="append", metavar="NAME", help="a data source id or name (latest version); "
                     "ALIAS=NAME for several, each read under data/ALIAS/")
    run.add_argument("--runtime", choices=["auto", "graalpy", "cpython"])
    run.add_argument("--deadline", metavar="ISO_TIME", help="when it must have ended (2026-03-01T11:00:00Z)")
    run.add_argument("--publish-as", metavar="NAME", help="publish its output/ as this data source when it succeeds")
    run.add_argument("--follow", action="store_true", help="print its lines, progress and metrics as they come")
    run.add_argument("--no-wait", action="store_true", help="print the job id once it is queued and stop")

    jobs = command("jobs", _jobs, "list jobs, newest first",
                   "  sandboxopt jobs\n  sandboxopt jobs --status failed --limit 5 --json")
    jobs.add_argument("--status", choices=["queued", "running", "success", "failed", "cancelled", "timed_out"])
    add_type(jobs)
    jobs.add_argument("--model", metavar="MODEL_ID")
    jobs.add_argument("--limit", type=int)

    job = command("job", _job, "show one job", "  sandboxopt job DMO_1795911179225_r0mefw --json")
    job.add_argument("job", metavar="JOB")

    logs = command("logs", _logs, "print a job's lines (--follow: as they come, until it ends)",
                   "  sandboxopt logs DMO_1795911179225_r0mefw\n  sandboxopt logs DMO_... --follow\n"
                   "  sandboxopt logs DMO_... --level ERROR --json")
    logs.add_argument("job", metavar="JOB")
    logs.add_argument("--follow", action="store_true")
    logs.add_argument("--after", type=int, default=0, metavar="SEQ", help="only lines after this seq")
    logs.add_argument("--level", type=str.upper, choices=["DEBUG", "INFO", "WARNING", "ERROR"])

    cancel = command("cancel", _cancel, "ask a job to stop", "  sandboxopt cancel DMO_1795911179225_r0mefw")
    cancel.add_argument("job", metavar="JOB")

    artifacts = command("artifacts", _artifacts, "list a job's files (--download: save them)",
                        "  sandboxopt artifacts DMO_...\n  sandboxopt artifacts DMO_... --download results/")
    artifacts.add_argument("job", metavar="JOB")
    artifacts.add_argument("--download", metavar="DIR", help="save every artifact into DIR")

    from ._cli_experiments import add_commands  # here: it imports this module's exit codes
    add_commands(command)

    data = commands.add_parser("data", parents=[shared], help="data sources: upload, list, download",
                               description="Data sources: versioned input files jobs read under data/.",
                               epilog="examples:\n  sandboxopt data upload dmo-market models/data/dmo/\n"
                                      "  sandboxopt data list --json\n  sandboxopt data download dmo-market --to market/",
                               formatter_class=argparse.RawDescriptionHelpFormatter)
    data.set_defaults(usage_of=data)
    data_commands = data.add_subparsers(title="data commands", metavar="COMMAND")
    data_upload = command("upload", _data_upload, "store files (or a folder's files) as a data source's next version",
                          "  sandboxopt data upload dmo-market models/data/dmo/\n"
                          "  sandboxopt data upload prices prices.csv bids.csv --description 'Monday'",
                          data_commands)
    data_upload.add_argument("name", metavar="NAME")
    data_upload.add_argument("files", metavar="FILES", nargs="+")
    data_upload.add_argument("--description")
    data_list = command("list", _data_list, "list data sources (one name's versions with --name)",
                        "  sandboxopt data list\n  sandboxopt data list --name dmo-market --json", data_commands)
    data_list.add_argument("--name")
    data_download = command("download", _data_download, "save a data source's files",
                            "  sandboxopt data download dmo-market --to market/\n"
                            "  sandboxopt data download ds_1795911179100_ab12cd --file bids.csv", data_commands)
    data_download.add_argument("source", metavar="ID_OR_NAME")
    data_download.add_argument("--to", default=".", metavar="DIR")
    data_download.add_argument("--file", metavar="NAME")
    return parser
