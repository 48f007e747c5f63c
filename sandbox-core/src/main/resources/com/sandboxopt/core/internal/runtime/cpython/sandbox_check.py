# The first code of the sandboxed interpreter that checks uploads (after config_defaults.py and
# sandbox_channel.py, whose __sandbox_inbox reads the host's frames), read from stdin
# by the same loader as a job's. It compiles each source it is sent, which runs none of it, and reads its
# CONFIG_DEFAULTS; it never gets a job, so no model code ever runs here. Frames as in sandbox_cpython.py:
#   host -> guest: C (settings; answered with R), K (a check: the file name, a newline, then the source)
#   guest -> host: R (ready), S ({"defaults": JSON text or null} or {"error", "line", "column"} or {"failure"})
import os as _os
import sys as _sys


def __sandbox_check_main():
    import json
    import struct

    channel = 3
    receive = __sandbox_inbox()

    def send(kind, payload):
        view = memoryview(kind + struct.pack(">I", len(payload)) + payload.encode("utf-8", "backslashreplace"))
        while view:
            view = view[_os.write(channel, view):]

    def check(file_name, source):
        try:
            compile(source, file_name, "exec", dont_inherit=True)
        except SyntaxError as e:
            return {"error": str(e.msg), "line": e.lineno or 0, "column": e.offset or 0}
        except (RecursionError, MemoryError, ValueError, OverflowError) as e:
            return {"failure": "%s: %s" % (type(e).__name__, e) if str(e) else type(e).__name__}
        if "CONFIG_DEFAULTS" not in source:
            return {"defaults": None}
        try:
            return {"defaults": __sandbox_config_defaults(source)}
        except (RecursionError, MemoryError, SyntaxError, ValueError):
            return {"defaults": None}

    kind, _ = receive()
    if kind != b"C":
        _os._exit(71)
    import resource
    # A hostile source can make the compiler allocate much; the host also caps the sandbox by its cgroup.
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
    send(b"R", json.dumps({"failed": {}}))
    while True:
        kind, message = receive()
        if kind != b"K":
            _os._exit(71)
        file_name, _, source = message.partition("\n")
        send(b"S", json.dumps(check(file_name, source)))


__sandbox_check_main()
