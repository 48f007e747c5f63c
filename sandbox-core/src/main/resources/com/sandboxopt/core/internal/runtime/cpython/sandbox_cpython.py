# The first code a sandboxed CPython interpreter runs (after sandbox_api.py, which builds the `sandbox`
# module, the text of sandbox_helpers.py as __sandbox_helpers_source, sandbox_pulp.py, which routes PuLP's solves
# to the host, and sandbox_channel.py), read from stdin by a small loader. It talks to the host over two pipes:
# frames from the host arrive on stdin, frames to the host go to fd 3.
# A frame is one kind byte, a 4-byte big-endian payload length and the payload (UTF-8 JSON or text).
#   host -> guest: C (settings: sys.path, modules to import, whether PuLP solves on the host), I (more modules
#                  to import), J (the job),
#                  A (a solve's answer)
#   guest -> host: R (ready, with the imports that failed), O / E (what Python writes to sys.stdout /
#                  sys.stderr), L (a log record), P (progress), M (a metric), S (the result), Q (a solve),
#                  X (the traceback that ended the model)
# Printed lines may be held for a moment while the model prints fast (see sandbox_channel.py).
# Native output (C libraries, child processes) goes to fds 1 and 2, which the host reads as plain text.
# The host trusts nothing it reads here: a model can write anything to any of these pipes.
import os as _os
import sys as _sys


def __sandbox_main():
    import json
    import builtins

    channel = 3
    _os.set_inheritable(channel, False)  # child processes must not write frames
    receive = __sandbox_inbox()
    send, text_stream, flush_channel, start_channel = __sandbox_channel(channel)

    def import_all(modules):
        failed = {}
        for name in modules:
            try:
                __import__(name)
            except BaseException as e:  # noqa: BLE001 - any failure is reported, none is fatal
                failed[name] = "%s: %s" % (type(e).__name__, e)
        # What a module printed while imported ahead reaches the host before the ready frame, which drops it:
        # it belongs to no job.
        _sys.stdout.flush()
        _sys.stderr.flush()
        return failed

    def after_import(name, action):
        # Runs action(module) once the module is imported: now if it is, else right after the model (or
        # anything) first imports it. logging and linecache cost an interpreter ~15 ms to import, so they
        # are routed when used instead of imported for every job.
        if name in _sys.modules:
            action(_sys.modules[name])
            return

        class Loader:
            # Wraps the loader that would have loaded it; built-in modules share one loader class, which must
            # not be changed itself.
            def __init__(self, loader):
                self.loader = loader

            def create_module(self, spec):
                return self.loader.create_module(spec)

            def exec_module(self, module):
                self.loader.exec_module(module)
                action(module)

            def __getattr__(self, attribute):
                return getattr(self.loader, attribute)

        class Finder:
            @staticmethod
            def find_spec(fullname, path=None, target=None):
                if fullname != name:
                    return None
                _sys.meta_path.remove(Finder)
                spec = None
                for finder in _sys.meta_path:  # whichever finder would have found it (built-in, frozen, path)
                    find = getattr(finder, "find_spec", None)
                    spec = find(fullname, path, target) if find is not None else None
                    if spec is not None:
                        break
                if spec is not None and spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = Loader(spec.loader)
                return spec

        _sys.meta_path.insert(0, Finder)

    kind, settings = receive()
    if kind != b"C":
        _os._exit(71)
    settings = json.loads(settings)
    _sys.path[:0] = settings["path"]
    # From the start, so that a module imported ahead that keeps a reference to sys.stdout prints into the job
    _sys.stdout = _sys.__stdout__ = text_stream(b"O", 1)
    _sys.stderr = _sys.__stderr__ = text_stream(b"E", 2)
    if settings.get("solver"):
        # before anything imports PuLP: pulp.pulp copies LpSolverDefault from pulp.apis when it is imported
        after_import("resource", __sandbox_pulp_resource)
        after_import("pulp.apis.core", __sandbox_pulp_core)
        after_import("pulp.apis", __sandbox_pulp_apis)
    send(b"R", json.dumps({"failed": import_all(settings["imports"])}))
    while True:
        kind, message = receive()
        if kind == b"I":
            send(b"R", json.dumps({"failed": import_all(json.loads(message))}))
        elif kind == b"J":
            break
        else:
            _os._exit(71)
    job = json.loads(message)

    import resource
    limits = job["limits"]
    for name, value in (("RLIMIT_AS", limits.get("memoryBytes")), ("RLIMIT_NPROC", limits.get("maxProcesses")),
                        ("RLIMIT_FSIZE", limits.get("fileBytes")), ("RLIMIT_CORE", 0)):
        if value is not None:
            resource.setrlimit(getattr(resource, name), (value, value))
    if limits.get("cpuSeconds"):
        # A backstop per process; the host ends the job when its processes together pass the limit.
        cpu = int(limits["cpuSeconds"]) + 2
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))

    start_channel()
    _sys.stdin = _sys.__stdin__ = open(0, "r", closefd=False)
    file_name = job["fileName"]
    source = job["source"]
    _sys.argv = [file_name]

    class Bridge:
        # What sandbox_api.py calls: each call becomes one frame to the host.
        def log(self, level, message):
            send(b"L", json.dumps({"level": level, "message": message}))

        def progress(self, fraction, message):
            send(b"P", json.dumps({"fraction": fraction, "message": message}))

        def metric(self, name, value, step):
            send(b"M", json.dumps({"name": name, "value": value, "step": step}))

        def result(self, text):
            send(b"S", text)

        def solve(self, text):
            send(b"Q", text)
            kind, answer = receive()
            if kind != b"A":
                _os._exit(71)
            return answer

    bridge = Bridge()
    module = __sandbox_module(bridge, job["jobId"], job["modelType"], job["data"], job["config"],
                              __sandbox_helpers_source)
    _sys.modules["sandbox"] = module
    flush_std = module._flush_std
    after_import("logging", lambda logging: __sandbox_route_logging(logging, bridge, flush_std))

    def remember_source(linecache):
        linecache.cache[file_name] = (len(source), None, source.splitlines(True), file_name)

    after_import("linecache", remember_source)

    main = type(_sys)("__main__")
    main.__file__ = file_name
    main.__builtins__ = builtins
    _sys.modules["__main__"] = main
    code = 0
    try:
        exec(compile(source, file_name, "exec"), main.__dict__)
    except SystemExit as e:
        if e.code is None:
            code = 0
        elif isinstance(e.code, int):
            code = e.code
        else:
            print(e.code, file=_sys.stderr)
            code = 1
    except BaseException as e:  # noqa: BLE001 - the model's error is reported, whatever it is
        tb = e.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename == "<sandbox>":
            tb = tb.tb_next
        flush_std()
        import linecache
        import traceback
        remember_source(linecache)
        send(b"X", "".join(traceback.format_exception(type(e), e, tb)))
        code = 1
    flush_std()
    flush_channel()
    return code


_sys.exit(__sandbox_main())
