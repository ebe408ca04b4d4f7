"""harness: what the conformance check needs around Symphony's Python BDK.

- Exchanges records every HTTP call the BDK makes (method, path, status and,
  for an error, the request and answer bodies), filed under the check that
  was running, so that a failure shows exactly what the BDK sent and saw.
- Results runs named checks, each with a time limit, and prints one line a
  check: PASS, FAIL (an error the simulator caused), BDK-DEFECT (the BDK
  itself misbehaves; the workaround a bot developer needs is printed) or
  SKIPPED (with the reason).
- EventLog is a datafeed listener that records every event its loop reads,
  before the BDK's own filtering, so the check can compare what a loop got
  with the simulator's ledger.
"""

import asyncio
import contextvars
import json
import ssl
import time
import traceback
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Callable, List, Optional

from symphony.bdk.core.service.datafeed.real_time_event_listener import RealTimeEventListener
from symphony.bdk.gen import rest
from symphony.bdk.gen.exceptions import ApiException

# The check a coroutine is running for; tasks copy it when they are created.
current_check: contextvars.ContextVar[str] = contextvars.ContextVar("current_check", default="setup")

BODY_LIMIT = 400


def _clip(text, limit=BODY_LIMIT) -> str:
    if text is None:
        return ""
    if isinstance(text, (bytes, bytearray)):
        text = text.decode("utf-8", "replace")
    text = str(text)
    return text if len(text) <= limit else text[:limit] + "…"


def canonical_id(stream_id: str) -> str:
    """canonical_id returns a stream or message id in URL-safe base64 without
    padding, the form the simulator uses in events, whatever form it had."""
    if stream_id is None:
        return ""
    return stream_id.replace("+", "-").replace("/", "_").rstrip("=")


@dataclass
class Exchange:
    """Exchange is one HTTP call of the BDK and its answer."""

    check: str
    method: str
    url: str
    status: int = 0
    request_body: str = ""
    response_body: str = ""
    error: str = ""
    done: bool = False

    @property
    def failed(self) -> bool:
        return self.done and (bool(self.error) or not 200 <= self.status < 300)

    def describe(self) -> str:
        line = f"{self.method} {self.url} -> {self.status or self.error}"
        if self.request_body:
            line += f"\n          request: {self.request_body}"
        if self.response_body:
            line += f"\n          answer:  {self.response_body}"
        return line


class Exchanges:
    """Exchanges records the BDK's HTTP calls by wrapping the request method
    of its generated REST client; what the BDK sends and does is unchanged."""

    def __init__(self, base_url: str):
        self._base = base_url.rstrip("/")
        self.calls: List[Exchange] = []
        self._original = None

    def install(self):
        original = rest.RESTClientObject.request
        recorder = self

        async def request(client, method, url, query_params=None, headers=None, body=None,
                          post_params=None, _preload_content=True, _request_timeout=None):
            path = url[len(recorder._base):] if url.startswith(recorder._base) else url
            if query_params:
                path += "?" + "&".join(f"{k}={v}" for k, v in query_params)
            ex = Exchange(current_check.get(), method.upper(), path)
            recorder.calls.append(ex)
            try:
                resp = await original(client, method, url, query_params=query_params, headers=headers,
                                      body=body, post_params=post_params,
                                      _preload_content=_preload_content,
                                      _request_timeout=_request_timeout)
            except ApiException as e:
                ex.done = True
                ex.status = e.status
                ex.response_body = _clip(e.body)
                ex.request_body = _request_text(body, post_params)
                raise
            except BaseException as e:  # network errors, cut connections, cancellation
                ex.done = True
                ex.error = f"{type(e).__name__}: {e}"
                ex.request_body = _request_text(body, post_params)
                raise
            ex.done = True
            ex.status = resp.status
            return resp

        self._original = original
        rest.RESTClientObject.request = request

    def of(self, check: str, failed_only: bool = True) -> List[Exchange]:
        """of returns the calls made for check, only the failed ones by default."""
        return [c for c in self.calls if c.check == check and (not failed_only or c.failed)]

    def failed_since(self, mark: int, prefix: str) -> List[Exchange]:
        """failed_since returns the failed calls from index mark on of the
        checks whose name starts with prefix."""
        return [c for c in self.calls[mark:] if c.check.startswith(prefix) and c.failed]

    def last(self, check: str) -> Optional[Exchange]:
        calls = [c for c in self.calls if c.check == check]
        return calls[-1] if calls else None


def _request_text(body, post_params) -> str:
    if body is not None:
        try:
            return _clip(json.dumps(body, default=str))
        except (TypeError, ValueError):
            return _clip(repr(body))
    if post_params:
        parts = []
        for k, v in post_params:
            if isinstance(v, tuple):
                v = v[0] if isinstance(v[0], str) and len(v) == 3 else "(file)"
            parts.append(f"{k}={_clip(v, 120)}")
        return _clip("multipart: " + ", ".join(parts))
    return ""


class Failure(Exception):
    """Failure is a check's assertion that did not hold."""


class Skip(Exception):
    """Skip says a check could not run, and why."""


class BdkDefect(Exception):
    """BdkDefect says the BDK itself misbehaved on an answer the API allows;
    workaround is what a bot developer does about it."""

    def __init__(self, message: str, workaround: str, exchanges=None):
        super().__init__(message)
        self.workaround = workaround
        self.exchanges = exchanges


def check(cond, message: str):
    """check raises Failure with message unless cond holds."""
    if not cond:
        raise Failure(message)


@dataclass
class Result:
    name: str
    outcome: str  # PASS, FAIL, BDK-DEFECT, SKIPPED
    detail: str = ""
    exchanges: List[Exchange] = field(default_factory=list)
    workaround: str = ""


class Results:
    """Results runs named checks and prints each outcome as it comes."""

    def __init__(self, exchanges: Exchanges, timeout: float, out=None):
        self._exchanges = exchanges
        self._timeout = timeout
        self.results: List[Result] = []
        self._out = out

    def _print(self, text: str):
        print(text, file=self._out, flush=True)

    async def run(self, name: str, fn: Callable, *args, timeout: float = None):
        """run runs the check fn(*args) under name and returns its value, or
        None when it did not pass."""
        token = current_check.set(name)
        value = None
        try:
            value = await asyncio.wait_for(fn(*args), timeout or self._timeout)
            note = value if isinstance(value, str) else ""
            self.add(Result(name, "PASS", note))
        except Skip as e:
            self.add(Result(name, "SKIPPED", str(e)))
            value = None
        except BdkDefect as e:
            calls = e.exchanges if e.exchanges is not None else self._exchanges.of(name)
            self.add(Result(name, "BDK-DEFECT", str(e), calls, e.workaround))
            value = None
        except asyncio.TimeoutError:
            self.add(Result(name, "FAIL", f"no answer within {timeout or self._timeout:.0f}s "
                                          "(the BDK was still retrying)", self._exchanges.of(name)))
            value = None
        except Failure as e:
            self.add(Result(name, "FAIL", str(e), self._exchanges.of(name)))
            value = None
        except ApiException as e:
            self.add(Result(name, "FAIL", f"ApiException {e.status} {e.reason}", self._exchanges.of(name)))
            value = None
        except Exception as e:  # noqa: BLE001 - any error of the BDK is reported
            tb = traceback.extract_tb(e.__traceback__)
            where = f" at {tb[-1].filename.split('/symphony/')[-1]}:{tb[-1].lineno}" if tb else ""
            self.add(Result(name, "FAIL", f"{type(e).__name__}: {_clip(e, 300)}{where}", self._exchanges.of(name)))
            value = None
        finally:
            current_check.reset(token)
        return value

    def add(self, r: Result):
        self.results.append(r)
        line = f"{r.outcome:<10} {r.name}"
        if r.detail:
            line += f": {r.detail}"
        self._print(line)
        for ex in r.exchanges[:4]:
            self._print("        " + ex.describe())
        if len(r.exchanges) > 4:
            self._print(f"        (and {len(r.exchanges) - 4} more failed calls)")
        if r.workaround:
            self._print("        workaround: " + r.workaround)

    def summary(self) -> str:
        count = {k: 0 for k in ("PASS", "FAIL", "BDK-DEFECT", "SKIPPED")}
        for r in self.results:
            count[r.outcome] += 1
        return (f"bdk-python conformance: {len(self.results)} checks: {count['PASS']} pass, "
                f"{count['FAIL']} fail, {count['BDK-DEFECT']} BDK defects, {count['SKIPPED']} skipped")

    def failed(self) -> bool:
        return any(r.outcome == "FAIL" for r in self.results)


@dataclass
class Seen:
    """Seen is one event a datafeed loop read, and when."""

    at: float
    event: object

    @property
    def type(self) -> str:
        return self.event.type

    @property
    def id(self) -> str:
        return getattr(self.event, "id", None) or ""


class EventLog(RealTimeEventListener):
    """EventLog records every event its loop reads and hands none on: the
    BDK asks each listener whether it accepts an event, with the whole
    V4Event, before any filtering of its own."""

    def __init__(self, name: str):
        self.name = name
        self.seen: List[Seen] = []

    async def is_accepting_event(self, event, bot_info) -> bool:
        self.seen.append(Seen(time.monotonic(), event))
        return False

    def ids(self):
        return {s.id for s in self.seen}

    async def wait(self, predicate, timeout: float, what: str, since: int = 0):
        """wait returns the first event from index since that meets
        predicate, waiting up to timeout seconds; Failure otherwise."""
        deadline = time.monotonic() + timeout
        i = since
        while True:
            while i < len(self.seen):
                ev = self.seen[i].event
                i += 1
                try:
                    if predicate(ev):
                        return ev
                except AttributeError:
                    pass
            if time.monotonic() >= deadline:
                raise Failure(f"the {self.name} datafeed delivered no {what} within {timeout:.0f}s")
            await asyncio.sleep(0.1)


def payload_of(event, field_name: str):
    """payload_of returns the named payload field of a V4Event, or None."""
    payload = getattr(event, "payload", None)
    if payload is None:
        return None
    try:
        return getattr(payload, field_name)
    except AttributeError:
        return None


class Admin:
    """Admin calls the simulator's own administration API (not Symphony's)."""

    def __init__(self, base_url: str, ca_file: str):
        self._base = base_url.rstrip("/")
        self._ctx = ssl.create_default_context(cafile=ca_file) if ca_file else None

    def _call(self, method: str, path: str, body=None):
        status, answer = self._exchange(method, path, body)
        if not 200 <= status < 300:
            raise RuntimeError(f"{method} {path}: {status} {answer}")
        return answer

    def _exchange(self, method: str, path: str, body=None, headers=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self._base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json", **(headers or {})})
        try:
            with urllib.request.urlopen(req, context=self._ctx, timeout=10) as resp:
                status, text = resp.status, resp.read()
        except urllib.error.HTTPError as e:
            status, text = e.code, e.read()
        try:
            return status, json.loads(text) if text else None
        except ValueError:
            return status, text.decode("utf-8", "replace")

    async def request(self, method: str, path: str, body=None, headers=None):
        """request calls a path of the simulator's own and returns the status
        and the decoded answer, whatever the status."""
        return await asyncio.to_thread(self._exchange, method, path, body, headers)

    async def fault(self, kind: str):
        return await asyncio.to_thread(self._call, "POST", "/simulator/faults", {"kind": kind})

    async def state(self):
        return await asyncio.to_thread(self._call, "GET", "/simulator/state")


def read_ledger(path: str):
    """read_ledger returns the events of the simulator's ledger, in order."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                out.append(json.loads(line))
    return out
