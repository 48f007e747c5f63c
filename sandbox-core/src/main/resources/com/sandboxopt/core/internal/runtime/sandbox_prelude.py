# Runs in every job's fresh context before the model, in two steps. While the context waits for a
# job (off the critical path), the common standard-library modules are imported: in a fresh
# context each import costs tens of milliseconds. Once the job is known, __sandbox_setup builds
# the `sandbox` module from the one host object the job gets, routes `logging` to the job log,
# and returns a traceback formatter. Only what this module exposes reaches Java.


def __sandbox_preimport():
    # Imported inside a function so that no name leaks into the model's globals.
    # The prelude's own needs and the cheap, common ones. Measured: every module imported here
    # costs CPU per job even when the model does not use it, so costly, rarer ones
    # (dataclasses, typing, statistics) are left to the models that import them.
    import collections, datetime, functools, heapq, itertools, json, linecache, logging  # noqa: F401
    import math, random, re, time, types  # noqa: F401


__sandbox_preimport()
del __sandbox_preimport

def __sandbox_setup(bridge, job_id, model_type, config_json, data_source_id, file_name, source):
    import json
    import linecache
    import logging
    import sys
    import types

    sys.argv = [file_name]
    # The model's source for tracebacks: the guest cannot read files, and looking the file up
    # again for every frame of a deep traceback took minutes. mtime None: never re-checked.
    linecache.cache[file_name] = (len(source), None, source.splitlines(True), file_name)

    def flush_std():
        # print() output waits in Python's stdout buffer; flush it so lines keep their order.
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass

    def log(level, message):
        """Write a log line at DEBUG, INFO, WARNING or ERROR (CRITICAL counts as ERROR)."""
        flush_std()
        bridge.log(str(level), str(message))

    def progress(fraction, message=None):
        """Report progress as a fraction between 0 and 1, with an optional message."""
        bridge.progress(float(fraction), None if message is None else str(message))

    def metric(name, value, step=None):
        """Report a named number, e.g. the objective per iteration (step)."""
        bridge.metric(str(name), float(value), None if step is None else int(step))

    def result(obj):
        """Keep a JSON-like object (dict, list, str, int, float, bool, None) as the job's result."""
        bridge.result(json.dumps(obj, allow_nan=False))

    module = types.ModuleType("sandbox", "The host API of the Sandbox Optimization System.")
    module.job_id = job_id
    module.model_type = model_type
    module.data_source_id = data_source_id
    module.config = json.loads(config_json)
    module.log = log
    module.progress = progress
    module.metric = metric
    module.result = result
    sys.modules["sandbox"] = module

    class SandboxLogHandler(logging.Handler):
        def emit(self, record):
            try:
                message = record.getMessage()
                if record.exc_info:
                    message += "\n" + logging.Formatter().formatException(record.exc_info)
                if record.stack_info:
                    message += "\n" + record.stack_info
                flush_std()
                bridge.log(record.levelname, message)
            except Exception:
                self.handleError(record)

    root = logging.getLogger()
    root.addHandler(SandboxLogHandler())
    root.setLevel(logging.INFO)

    def basic_config(**kwargs):
        # The job log already receives every record with its level and time; keep only the level.
        if "level" in kwargs:
            root.setLevel(kwargs["level"])

    logging.basicConfig = basic_config

    edge = 20

    def format_exception(exc):
        # Extracting a frame costs milliseconds here (code positions), so a traceback thousands
        # of frames deep (recursion) shows its first and last frames only.
        import traceback
        tb = exc.__traceback__
        frames = []
        while tb is not None:
            frames.append(tb)
            tb = tb.tb_next
        if len(frames) <= 2 * edge:
            return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        head = traceback.format_list(traceback.extract_tb(frames[0], limit=edge))
        tail = traceback.format_list(traceback.extract_tb(frames[-edge]))
        hidden = len(frames) - 2 * edge
        return ("Traceback (most recent call last):\n" + "".join(head)
                + "  [... %d frames not shown ...]\n" % hidden + "".join(tail)
                + "".join(traceback.format_exception_only(type(exc), exc)))

    return format_exception
