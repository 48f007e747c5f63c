"""HTTP for the client, on urllib: JSON in and out, errors as exceptions, and retries where they are safe.

What is retried: reads (GET) and the one write that says so (execute, which carries an ``Idempotency-Key``
so that a retry never starts a second job), on a connection that fails or drops, a timeout, or a 502, 503
or 504 answer, up to ``retries`` times with a growing pause. Nothing else is ever sent twice.
"""
from __future__ import annotations

import http.client
import json
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import (Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, TypeVar, Union,
                    cast)

from ._version import __version__
from .errors import ConnectionFailed, SandboxError, Timeout, from_answer

Params = Optional[Mapping[str, Any]]
T = TypeVar("T")
RETRY_STATUSES = (502, 503, 504)
ANY = {"Accept": "*/*"}  # files: whatever their type (a JSON error body still comes as JSON)
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Answer:
    """A whole answer: status, headers (lower-case names) and body."""
    status: int
    headers: Dict[str, str]
    body: bytes

    def json(self) -> Dict[str, Any]:
        try:
            value = json.loads(self.body.decode("utf-8"))
        except ValueError as e:
            raise SandboxError(f"The server's answer is not JSON: {self.body[:200]!r}", code="BAD_ANSWER",
                               status=self.status) from e
        if not isinstance(value, dict):
            raise SandboxError("The server's answer is not a JSON object", code="BAD_ANSWER", status=self.status)
        return value


class _Retry(Exception):
    """One attempt failed in a way a retry may mend; ``error`` is raised when no retry is left."""

    def __init__(self, error: SandboxError, pause: Optional[float] = None) -> None:
        super().__init__(str(error))
        self.error = error
        self.pause = pause


class Transport:
    """Sends requests to one server; thread-safe (it keeps no connection between requests)."""

    def __init__(self, url: str, token: Optional[str] = None, timeout: float = 30.0, retries: int = 3,
                 backoff: float = 0.3) -> None:
        if "://" not in url:
            url = "http://" + url
        self.url = url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self._opener = urllib.request.build_opener()

    # -- whole answers -------------------------------------------------------------------------------------
    def get(self, path: str, params: Params = None) -> Dict[str, Any]:
        return self.request("GET", path, params=params).json()

    def send_json(self, method: str, path: str, body: Any = None, headers: Optional[Mapping[str, str]] = None,
                  retry: bool = False) -> Dict[str, Any]:
        data = json.dumps({} if body is None else body).encode("utf-8")
        return self.request(method, path, data=data, content_type="application/json", headers=headers,
                            retry=retry).json()

    def request(self, method: str, path: str, params: Params = None, data: Union[bytes, Iterable[bytes], None] = None,
                content_type: Optional[str] = None, headers: Optional[Mapping[str, str]] = None,
                retry: Optional[bool] = None, length: Optional[int] = None) -> Answer:
        """Sends one request (more when ``retry``, default: GETs only) and reads its whole answer."""
        may_retry = method == "GET" if retry is None else retry

        def attempt() -> Answer:
            with self._open(method, path, params, data, content_type, headers, self.timeout, length) as response:
                try:
                    body = response.read()
                except (OSError, http.client.HTTPException) as e:
                    raise _Retry(ConnectionFailed(f"The answer to {method} {path} broke off: {e!r}",
                                                  code="CONNECTION_FAILED")) from e
                return Answer(response.status, _lower(response.headers.items()), body)
        return self._with_retries(attempt, may_retry)

    # -- streams ---------------------------------------------------------------------------------------------
    def stream(self, path: str, params: Params = None, headers: Optional[Mapping[str, str]] = None,
               timeout: Optional[float] = None) -> http.client.HTTPResponse:
        """Opens a GET whose body the caller reads (and closes); retried until the answer's headers arrive."""
        return self._with_retries(lambda: self._open("GET", path, params, None, None, headers,
                                                     timeout or self.timeout, None), True)

    def download(self, path: str, to: Path) -> Path:
        """Streams a GET's body into the file ``to`` (written beside it first, then renamed)."""
        partial = to.with_name(to.name + ".part")

        def attempt() -> Path:
            with self._open("GET", path, None, None, None, ANY, self.timeout, None) as response, \
                    open(partial, "wb") as out:
                try:
                    while True:
                        chunk = response.read(_CHUNK)
                        if not chunk:
                            break
                        out.write(chunk)
                except (OSError, http.client.HTTPException) as e:
                    raise _Retry(ConnectionFailed(f"The download of {path} broke off: {e}", code="CONNECTION_FAILED"))
            os.replace(partial, to)
            return to
        try:
            return self._with_retries(attempt, True)
        finally:
            if partial.exists():
                partial.unlink()

    # -- the machinery ---------------------------------------------------------------------------------------
    def _with_retries(self, attempt: Callable[[], T], may_retry: bool) -> T:
        tries = 1 + (self.retries if may_retry else 0)
        for number in range(1, tries + 1):
            try:
                return attempt()
            except _Retry as failed:
                if number == tries:
                    raise failed.error from None
                pause = failed.pause if failed.pause is not None else self.backoff * (2 ** (number - 1))
                time.sleep(min(pause, 5.0))
        raise AssertionError("unreachable")

    def _open(self, method: str, path: str, params: Params, data: Union[bytes, Iterable[bytes], None],
              content_type: Optional[str], headers: Optional[Mapping[str, str]], timeout: float,
              length: Optional[int]) -> http.client.HTTPResponse:
        request = urllib.request.Request(self.address(path, params), data=data, method=method)
        request.add_header("Accept", "application/json")
        request.add_header("User-Agent", f"sandboxopt/{__version__}")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        if content_type:
            request.add_header("Content-Type", content_type)
        if length is not None:
            request.add_header("Content-Length", str(length))
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            response = self._opener.open(request, timeout=timeout)
            return cast(http.client.HTTPResponse, response)
        except urllib.error.HTTPError as answer:
            body = answer.read()
            answer.close()
            error = from_answer(answer.code, _error_body(body), f"HTTP {answer.code} {answer.reason} from {method} {path}")
            if answer.code in RETRY_STATUSES and error.code != "QUEUE_FULL":
                raise _Retry(error, _retry_after(answer.headers.get("Retry-After")))
            if error.code == "IDEMPOTENCY_KEY_IN_USE":  # the first request with the key has not answered yet
                raise _Retry(error, _retry_after(answer.headers.get("Retry-After")))
            raise error from None
        except (socket.timeout, TimeoutError) as e:
            raise _Retry(Timeout(f"No answer from {self.url} to {method} {path} within {timeout:g} s"
                                 + ("" if method == "GET" else ": it may or may not have been done"),
                                 code="TIMEOUT")) from e
        except urllib.error.URLError as e:
            reason = e.reason
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise _Retry(Timeout(f"No answer from {self.url} within {timeout:g} s", code="TIMEOUT")) from e
            raise _Retry(ConnectionFailed(f"Cannot reach the server at {self.url}: {reason} (is it running? "
                                          "check --server or SANDBOXOPT_URL)", code="CONNECTION_FAILED")) from e
        except (http.client.HTTPException, ConnectionError) as e:
            raise _Retry(ConnectionFailed(f"The connection to {self.url} broke off during {method} {path}: "
                                          f"{e or type(e).__name__}", code="CONNECTION_FAILED")) from e

    def address(self, path: str, params: Params = None) -> str:
        query = {k: _param(v) for k, v in (params or {}).items() if v is not None}
        return self.url + path + ("?" + urllib.parse.urlencode(query) if query else "")


def quote(segment: str) -> str:
    """One path segment (an id, a file name), escaped; slashes kept for artifact names with folders."""
    return urllib.parse.quote(segment, safe="/")


class Multipart:
    """A ``multipart/form-data`` body streamed from its fields and files (never all in memory)."""

    def __init__(self, fields: Mapping[str, Optional[str]], files: Sequence[Tuple[str, str, Union[Path, bytes]]]) -> None:
        self.boundary = "sandboxopt-" + uuid.uuid4().hex
        self._parts: List[Tuple[bytes, Union[Path, bytes]]] = []
        for name, value in fields.items():
            if value is not None:
                self._parts.append((self._head(f'name="{name}"', "text/plain; charset=utf-8"), value.encode("utf-8")))
        for field, file_name, content in files:
            head = self._head(f'name="{field}"; filename="{_header_text(file_name)}"', "application/octet-stream")
            self._parts.append((head, content))
        self._tail = f"--{self.boundary}--\r\n".encode("ascii")

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    def __len__(self) -> int:
        size = len(self._tail)
        for head, content in self._parts:
            size += len(head) + (content.stat().st_size if isinstance(content, Path) else len(content)) + 2
        return size

    def __iter__(self) -> Iterator[bytes]:
        for head, content in self._parts:
            yield head
            if isinstance(content, Path):
                with open(content, "rb") as f:
                    for chunk in iter(lambda: f.read(_CHUNK), b""):
                        yield chunk
            else:
                yield content
            yield b"\r\n"
        yield self._tail

    def _head(self, disposition: str, content_type: str) -> bytes:
        return (f"--{self.boundary}\r\nContent-Disposition: form-data; {disposition}\r\n"
                f"Content-Type: {content_type}\r\n\r\n").encode("utf-8")


def _header_text(name: str) -> str:
    return name.replace("\\", "\\\\").replace('"', '\\"').replace("\r", " ").replace("\n", " ")


def _param(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _lower(items: Iterable[Tuple[str, str]]) -> Dict[str, str]:
    return {name.lower(): value for name, value in items}


def _error_body(body: bytes) -> Dict[str, Any]:
    try:
        value = json.loads(body.decode("utf-8"))
        return value if isinstance(value, dict) else {}
    except ValueError:
        return {}


def _retry_after(value: Optional[str]) -> Optional[float]:
    try:
        return float(value) if value else None
    except ValueError:
        return None
