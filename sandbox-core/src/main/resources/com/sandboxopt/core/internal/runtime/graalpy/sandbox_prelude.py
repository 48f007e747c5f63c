# Runs in every job's fresh context before the model, in two steps (after sandbox_imports.py has
# shaped the imports). While the context waits for a job (off the critical path),
# __sandbox_preimport imports the modules the sandbox was configured to pre-import: in a fresh
# context each import costs tens of milliseconds, and CPU for every job even when its model does
# not use them. Once the job is known, __sandbox_setup builds the `sandbox` module from the one
# host object the job gets and returns a traceback formatter. It imports nothing heavy itself:
# `logging` is routed to the job log, and the model's source registered for tracebacks, right
# after the model (or anything) first imports them. Only what this module exposes reaches Java.


def __sandbox_preimport(name):
    # Returns the error when the module could not be imported, else "".
    import sys
    try:
        __import__(name)
        error = ""
    except BaseException as e:  # noqa: BLE001 - any failure is reported, none is fatal
        error = "%s: %s" % (type(e).__name__, e)
    # Whatever an import printed is dropped now, not flushed into the log of the job this serves.
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    return error


def __sandbox_setup(bridge, hooks, job_id, model_type, config_json, data_source_id, file_name, source):
    import sys

    sys.argv = [file_name]

    def remember_source(linecache):
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
        import json
        bridge.result(json.dumps(obj, allow_nan=False))

    def solve(problem):
        """Solve a linear or mixed-integer program on the host and return the answer as a dict.

        problem: {"sense": "minimize" | "maximize",
                  "variables": {name: {"lower": 0, "upper": None, "integer": False}},
                  "objective": {name: coefficient}, "objectiveConstant": 0,
                  "constraints": {name: {"coefficients": {name: coefficient}, "sense": "<=" | ">=" | "==", "rhs": x}},
                  "options": {"solver": "cbc", "msg": True, "timeLimit": None, "gapRel": None, "mip": True,
                              "threads": None}}
        answer: status ("optimal", "feasible", "not_solved", "infeasible", "unbounded", "error"), objective,
                bestBound, values, reducedCosts, duals, activities (dicts by name, None when unknown), solver,
                solveSeconds, cpuSeconds; see the README, "Solving"."""
        import json
        try:
            text = json.dumps(problem)
        except (TypeError, ValueError) as e:
            raise ValueError("sandbox.solve: the problem must hold only dicts, lists, strings, numbers, "
                             "booleans and None: %s" % e) from None
        flush_std()
        answer = json.loads(bridge.solve(text))
        if "error" in answer:
            raise (ValueError if answer["kind"] == "ValueError" else RuntimeError)(answer["error"])
        module._solver_cpu_seconds += answer["cpuSeconds"]
        return answer

    module = type(sys)("sandbox", "The host API of the Sandbox Optimization System.")
    module.job_id = job_id
    module.model_type = model_type
    module.data_source_id = data_source_id
    module.log = log
    module.progress = progress
    module.metric = metric
    module.result = result
    module.solve = solve
    module._solver_cpu_seconds = 0.0

    def module_getattr(name):
        # sandbox.config is parsed on first use, so a model that never reads it never imports json.
        if name == "config":
            import json
            module.config = json.loads(config_json)
            return module.config
        raise AttributeError("module 'sandbox' has no attribute %r" % name)

    module.__getattr__ = module_getattr
    sys.modules["sandbox"] = module

    def route_logging(logging):
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
            # The job log already receives every record with its level and time; keep the level.
            if "level" in kwargs:
                root.setLevel(kwargs["level"])

        logging.basicConfig = basic_config

    hooks.after("logging", route_logging)
    hooks.after("linecache", remember_source)

    edge = 20

    def format_exception(exc):
        # Extracting a frame costs milliseconds here (code positions), so a traceback thousands
        # of frames deep (recursion) shows its first and last frames only.
        import linecache
        import traceback
        remember_source(linecache)
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

