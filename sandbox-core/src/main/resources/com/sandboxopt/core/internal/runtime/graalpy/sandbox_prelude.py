# Runs in every job's fresh context before the model, in two steps (after sandbox_imports.py has
# shaped the imports, and sandbox_api.py has defined the `sandbox` module). While the context waits for a job (off the critical path),
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


def __sandbox_track_written_files():
    # CPython writes a file out as soon as the last reference to it goes (open(p, "w").write(x));
    # GraalPy only when its garbage collector runs, which may be never before the job ends. So files
    # opened for writing are remembered (weakly) and flushed when the model ends, and what a model
    # wrote under output/ is kept as CPython would keep it.
    import builtins
    import weakref

    opened = weakref.WeakSet()
    real_open = builtins.open

    def open(file, mode="r", *args, **kwargs):
        f = real_open(file, mode, *args, **kwargs)
        if any(c in mode for c in "wax+"):
            try:
                opened.add(f)
            except TypeError:
                pass
        return f

    open.__doc__ = real_open.__doc__
    builtins.open = open

    def flush_files():
        for f in list(opened):
            try:
                if not f.closed:
                    f.flush()
            except Exception:  # noqa: BLE001 - a file the model broke stays as it is
                pass

    return flush_files


def __sandbox_setup(bridge, hooks, flush_files, job_id, model_type, config_json, data_json, file_name, source,
                    helpers_source, _module=__sandbox_module, _route_logging=__sandbox_route_logging):
    # _module and _route_logging come from sandbox_api.py, bound here: their global names are
    # removed before the model runs in these globals.
    import sys

    sys.argv = [file_name]

    def remember_source(linecache):
        # The model's source for tracebacks: the guest cannot read files, and looking the file up
        # again for every frame of a deep traceback took minutes. mtime None: never re-checked.
        linecache.cache[file_name] = (len(source), None, source.splitlines(True), file_name)

    module = _module(bridge, job_id, model_type, data_json, config_json, helpers_source)
    module._flush_files = flush_files
    sys.modules["sandbox"] = module
    hooks.after("logging", lambda logging: _route_logging(logging, bridge, module._flush_std))
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

