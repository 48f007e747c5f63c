# The guest's `sandbox` module and the handler that routes `logging` to the job log: the same code in
# both runtimes, so that a model sees one API wherever it runs. Each runtime passes its bridge to the
# host, an object with log(level, message), progress(fraction, message), metric(name, value, step),
# result(json_text) and solve(problem_json) -> answer_json. Before a line is logged or a problem is
# solved, sys.stdout and sys.stderr are flushed (module._flush_std) so that printed lines keep their
# place among logged ones. It imports nothing heavy:
# `json` only when the model reads sandbox.config or its data sources, or uses result or solve.
# data_json is None for a job without data sources, else {"data_source": {...} or null,
# "data_sources": {alias: {...}}}, each {"id", "name", "version", "description", "path", "files"}.
# helpers_source is the text of models/sandbox.py (read_config, find_data, read_table, write_csv, ...),
# run in the module's namespace the first time the model asks for a name the module lacks: most
# models never do, and they do not pay for compiling it.


def __sandbox_module(bridge, job_id, model_type, data_json, config_json, helpers_source):
    import sys

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
                solveSeconds, cpuSeconds; see docs/PULP.md, "Without PuLP: sandbox.solve"."""
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
    if data_json is None:
        module.data_source_id = None
        module.data_source = None
        module.data_sources = {}
    module.log = log
    module.progress = progress
    module.metric = metric
    module.result = result
    module.solve = solve
    module._solver_cpu_seconds = 0.0
    module._flush_std = flush_std

    helpers = [helpers_source]  # run at most once, then dropped

    def module_getattr(name):
        # sandbox.config is parsed on first use, so a model that never reads it never imports json.
        if name == "config":
            import json
            module.config = json.loads(config_json)
            return module.config
        if name in ("data_source", "data_sources", "data_source_id"):
            if data_json is not None:
                import json
                data = json.loads(data_json)
                module.data_source = data["data_source"]
                module.data_sources = data["data_sources"]
                module.data_source_id = None if data["data_source"] is None else data["data_source"]["id"]
                return getattr(module, name)
        elif helpers and not name.startswith("__"):
            # models/sandbox.py is the same file: there it also stands in for what is defined above.
            doc = module.__doc__
            exec(compile(helpers.pop(), "<sandbox>", "exec"), module.__dict__)
            module.__doc__ = doc
            if name in module.__dict__:
                return module.__dict__[name]
        raise AttributeError("module 'sandbox' has no attribute %r" % name)

    module.__getattr__ = module_getattr
    return module


def __sandbox_route_logging(logging, bridge, flush_std):
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
