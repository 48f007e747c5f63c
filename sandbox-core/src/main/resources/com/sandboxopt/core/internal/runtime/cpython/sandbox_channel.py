# The guest's end of the frame channel to the host (fd 3), used by sandbox_cpython.py. A frame is one kind
# byte, a 4-byte big-endian payload length and the payload. What the model prints (O and E frames) may be held
# for a moment while it prints fast: a print loop then costs one write of up to PIPE_BUF bytes per few hundred
# lines instead of a write, a frame and a wake-up of the host per line. Held lines go out
#   - at once when the channel was quiet for HOLD_SECONDS (a job's first line, a slow model's every line),
#   - at most HOLD_SECONDS after the oldest of them was printed (the model's thread on its next print, else a
#     flusher thread), or once HOLD_BYTES are held,
#   - before any other frame (a log record, progress, a metric, the result, a solve, the traceback), so printed
#     lines keep their place among them,
#   - before the process forks or starts a program (whose own output takes the native pipes), before os._exit,
#     at exit.
# Every write is at most PIPE_BUF bytes of whole frames, so frames of a forked child never land inside ours.


def __sandbox_channel(fd):
    import _thread
    import struct
    from time import monotonic

    pipe_buf = 4096
    max_payload = pipe_buf - 5
    hold_seconds = 0.002
    hold_bytes = 1 << 16
    write = __import__("os").write
    lock = _thread.allocate_lock()
    held = []  # [kind, bytearray] frames not written yet, in order
    held_bytes = 0
    since = 0.0  # when the oldest held frame was added
    last_write = -1.0
    armed = False  # the flusher was woken for what is held
    at_once = False  # hold nothing: no flusher here (a forked child), or the interpreter is ending
    wake = _thread.allocate_lock()
    wake.acquire()  # released once per arming: the flusher waits on it
    nap = _thread.allocate_lock()
    nap.acquire()  # never released: the flusher's timed sleep

    def write_all(data):
        view = memoryview(data)
        while view:
            view = view[write(fd, view):]

    def write_held():  # with lock held
        nonlocal held_bytes, last_write
        frames = held[:]
        del held[:]
        held_bytes = 0
        for kind, payload in frames:
            write_all(kind + struct.pack(">I", len(payload)) + payload)
        last_write = monotonic()

    def send(kind, payload):
        """One frame of any kind, after the held ones."""
        nonlocal last_write
        if isinstance(payload, str):
            payload = payload.encode("utf-8", "backslashreplace")
        data = kind + struct.pack(">I", len(payload)) + payload
        with lock:
            if held:
                write_held()
            write_all(data)
            last_write = monotonic()

    def output(kind, data):
        """What the model printed (kind O or E): held or written, as the rules above say."""
        nonlocal held_bytes, since, armed
        count = len(data)
        with lock:
            now = monotonic()
            if held:
                last = held[-1]
                if last[0] == kind and len(last[1]) + count <= max_payload:
                    last[1] += data
                else:
                    hold(kind, data, count)
                held_bytes += count
                if held_bytes >= hold_bytes or now - since >= hold_seconds:
                    write_held()
                elif not armed:
                    armed = True
                    wake.release()
            else:
                hold(kind, data, count)
                held_bytes = count
                since = now
                if at_once or now - last_write >= hold_seconds:
                    write_held()  # the channel was quiet: at once
                elif not armed:
                    armed = True
                    wake.release()
        return count

    def hold(kind, data, count):
        for start in range(0, count, max_payload):
            held.append([kind, bytearray(data[start:start + max_payload])])

    def flush():
        with lock:
            if held:
                write_held()

    def flusher():
        nonlocal armed
        try:
            while True:
                wake.acquire()
                while True:
                    with lock:
                        delay = since + hold_seconds - monotonic()
                        if not held or delay <= 0:
                            if held:
                                write_held()
                            armed = False
                            break
                    nap.acquire(True, delay)
        except BaseException:  # noqa: BLE001 - the host went away; the model's thread will notice
            pass

    def flushing(run):
        def flushed(*args, **kwargs):
            flush()
            return run(*args, **kwargs)

        return flushed

    def start():
        """From the job's start on: a flusher thread, and no held line left behind by a fork, a program or an exit."""
        import os
        import atexit
        import _posixsubprocess

        _thread.start_new_thread(flusher, ())

        def in_child():
            # The child has no flusher, and a lock another thread held at the fork stays held in it.
            nonlocal lock, held_bytes, at_once
            lock = _thread.allocate_lock()
            del held[:]
            held_bytes = 0
            at_once = True

        def at_exit():
            # Runs after the model's own atexit handlers: what is printed later (the final flush) goes at once.
            nonlocal at_once
            at_once = True
            flush()

        os.register_at_fork(before=flush, after_in_child=in_child)
        _posixsubprocess.fork_exec = flushing(_posixsubprocess.fork_exec)
        for name in ("_exit", "system", "posix_spawn", "posix_spawnp"):
            if hasattr(os, name):
                setattr(os, name, flushing(getattr(os, name)))
        atexit.register(at_exit)

    return send, output, flush, start
