# The first code of the sandboxed interpreter that checks uploads (after config_defaults.py), read from stdin
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
    inbox = _os.dup(0)
    null = _os.open("/dev/null", _os.O_RDONLY)
    _os.dup2(null, 0)
    _os.close(null)

    def send(kind, payload):
        view = memoryview(kind + struct.pack(">I", len(payload)) + payload.encode("utf-8", "backslashreplace"))
        while view:
            view = view[_os.write(channel, view):]

    def read_exact(n):
        parts = []
        while n:
            chunk = _os.read(inbox, n)
            if not chunk:
                _os._exit(70)  # the host went away
            parts.append(chunk)
            n -= len(chunk)
        return b"".join(parts)

    def receive():
        head = read_exact(5)
        return head[:1], read_exact(struct.unpack(">I", head[1:])[0]).decode("utf-8")

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
