# The guest's end of the frame channel to the host (fd 3), used by sandbox_cpython.py. A frame is one kind
# byte, a 4-byte big-endian payload length and the payload. What the model prints may be held for a moment
# while it prints fast: sys.stdout and sys.stderr buffer their text (in C, as python3 does into a pipe) and the
# frames wait to fill PIPE_BUF bytes, so a print loop costs one write per few hundred lines instead of a
# flush, a frame, a write and a wake-up of the host per line. Printed lines go out
#   - at once when the model prints a line after a quiet moment (a job's first line, a slow model's every line),
#   - at most HOLD_SECONDS later while it keeps printing (a flusher thread's tick), or once HOLD_BYTES wait,
#   - before any other frame (a log record, progress, a metric, the result, a solve, the traceback), and
#     stdout's before what is next written to stderr and back, so they keep their order,
#   - when the model flushes a stream itself, before the process forks or starts a program (whose own output
#     takes the native pipes), before os._exit, at exit. A partial line waits for its line break, as it did
#     line-buffered.
# Every write is at most PIPE_BUF bytes of whole frames, so frames of a forked child never land inside ours.


def __sandbox_channel(fd):
    import _thread
    import io
    import struct
    from time import monotonic

    pipe_buf = 4096
    max_payload = pipe_buf - 5
    hold_seconds = 0.002
    hold_bytes = 1 << 16
    write = __import__("os").write
    text_write = io.TextIOWrapper.write
    text_flush = io.TextIOWrapper.flush
    lock = _thread.allocate_lock()
    held = []  # [kind, bytearray] frames not written yet, in order
    held_bytes = 0
    since = 0.0  # when the oldest held frame was added
    last_write = -1.0
    outputs = 0  # calls of output(): a tick that saw none lets the flusher rest
    armed = False  # the flusher ticks: text or frames may be waiting
    at_once = False  # hold nothing: no flusher here (a forked child), or the interpreter is ending
    streams = []  # sys.stdout and sys.stderr, once made
    last_stream = None  # the stream written last
    wake = _thread.allocate_lock()
    wake.acquire()  # released to start the flusher's ticks
    nap = _thread.allocate_lock()
    nap.acquire()  # never released: the flusher's timed sleep
    stopping = False  # the interpreter is ending: the flusher returns
    stopped = _thread.allocate_lock()  # held while a flusher runs

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

    def arm():  # with lock held
        nonlocal armed
        if not armed:
            armed = True
            if wake.locked():
                wake.release()

    def flush_streams():
        for stream in streams:
            try:
                text_flush(stream)  # into output()
            except (OSError, ValueError):  # closed by the model
                pass

    def send(kind, payload):
        """One frame of any kind, after the text and frames waiting before it."""
        nonlocal last_write
        if isinstance(payload, str):
            payload = payload.encode("utf-8", "backslashreplace")
        data = kind + struct.pack(">I", len(payload)) + payload
        flush_streams()
        with lock:
            if held:
                write_held()
            write_all(data)
            last_write = monotonic()

    def output(kind, data):
        """Bytes the model printed (kind O or E), from its stream's buffer: held or written, as the rules say."""
        nonlocal held_bytes, since, outputs
        count = len(data)
        with lock:
            outputs += 1
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
                else:
                    arm()
            else:
                hold(kind, data, count)
                held_bytes = count
                since = now
                if at_once or now - last_write >= hold_seconds:
                    write_held()  # the channel was quiet: at once
                else:
                    arm()
        return count

    def hold(kind, data, count):
        for start in range(0, count, max_payload):
            held.append([kind, bytearray(data[start:start + max_payload])])

    def flush():
        flush_streams()
        with lock:
            if held:
                write_held()

    def flusher():
        nonlocal armed
        try:
            while not stopping:
                wake.acquire()
                while not stopping:
                    nap.acquire(True, hold_seconds)
                    with lock:
                        armed = False  # a print from now on starts the ticks again itself
                        seen = outputs
                    flush_streams()
                    with lock:
                        if held:
                            write_held()
                        if outputs == seen:
                            break  # nothing came: rest until the next line
                        armed = True
        except BaseException:  # noqa: BLE001 - the host went away; the model's thread will notice
            pass
        finally:
            stopped.release()

    class ChannelText(io.RawIOBase):
        def __init__(self, kind, native_fd):
            self.kind = kind
            self.native_fd = native_fd

        def writable(self):
            return True

        def write(self, data):
            return output(self.kind, data)

        def fileno(self):
            # Code that writes to the file descriptor itself (subprocess, faulthandler) reaches the
            # native pipe, which the host reads too.
            return self.native_fd

    class Text(io.TextIOWrapper):
        """sys.stdout or sys.stderr: buffered in C; the first line after a quiet moment is flushed at once."""

        def write(self, text):
            nonlocal last_stream
            if last_stream is not self:
                if last_stream is not None:
                    text_flush(last_stream)  # what the other stream holds was printed first
                last_stream = self
            count = text_write(self, text)
            if not armed and "\n" in text:
                text_flush(self)
                with lock:
                    arm()
            return count

        def flush(self):
            # Asked for by the model (print(..., flush=True), sys.stdout.flush()): out now, frames too, e.g. before
            # native code writes to fd 1 itself.
            text_flush(self)
            with lock:
                if held:
                    write_held()

    def text_stream(kind, native_fd):
        stream = Text(io.BufferedWriter(ChannelText(kind, native_fd), 1 << 16), encoding="utf-8",
                      errors="backslashreplace")
        streams.append(stream)
        return stream

    def flushing(run):
        def flushed(*args, **kwargs):
            flush()
            return run(*args, **kwargs)

        return flushed

    def line_by_line():
        # No flusher from here on: every line goes at once, as when line-buffered.
        nonlocal at_once
        at_once = True
        for stream in streams:
            try:
                stream.reconfigure(line_buffering=True)
            except (OSError, ValueError):
                pass

    def start():
        """From the job's start on: a flusher thread, and no line left behind by a fork, a program or an exit."""
        nonlocal last_write
        import os
        import atexit
        import _posixsubprocess

        # The job's first line goes at once, however recently the ready frame went (an interpreter started for
        # this very job sent it milliseconds ago).
        with lock:
            last_write = -1.0
        stopped.acquire()
        _thread.start_new_thread(flusher, ())

        def in_child():
            # The child has no flusher, and a lock another thread held at the fork stays held in it.
            nonlocal lock, held_bytes
            lock = _thread.allocate_lock()
            del held[:]
            held_bytes = 0
            line_by_line()

        def at_exit():
            # Runs after the model's own atexit handlers: what is printed later (the final flush) goes at once.
            # The flusher ends first: once the interpreter is finalizing, a thread that waits for the GIL is ended
            # where it stands, and one ended holding the channel's lock would hang the final flush forever.
            nonlocal stopping
            stopping = True
            if not at_once:  # a forked child has no flusher
                if wake.locked():
                    wake.release()
                stopped.acquire(True, 1.0)
            line_by_line()
            flush()

        os.register_at_fork(before=flush, after_in_child=in_child)
        _posixsubprocess.fork_exec = flushing(_posixsubprocess.fork_exec)
        for name in ("_exit", "system", "posix_spawn", "posix_spawnp"):
            if hasattr(os, name):
                setattr(os, name, flushing(getattr(os, name)))
        atexit.register(at_exit)

    return send, text_stream, flush, start


def __sandbox_inbox():
    """The host's frames, which arrive on stdin: moved off fd 0 (the model's stdin is empty), read with
    receive() -> (kind, text). When the host goes away (end of input) the interpreter ends with status 70."""
    import os
    import struct

    inbox = os.dup(0)
    os.set_inheritable(inbox, False)
    null = os.open("/dev/null", os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)

    def read_exact(n):
        parts = []
        while n:
            chunk = os.read(inbox, n)
            if not chunk:
                os._exit(70)
            parts.append(chunk)
            n -= len(chunk)
        return b"".join(parts)

    def receive():
        head = read_exact(5)
        return head[:1], read_exact(struct.unpack(">I", head[1:])[0]).decode("utf-8")

    return receive
