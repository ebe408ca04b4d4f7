"""checks_datafeed: the BDK's datafeed loops, v2 and v1, against the ledger.

Both loops run for the whole check. At the end, every event the simulator's
ledger says the bot's datafeed should deliver, from the first one a loop
read, must have reached that loop; then the loops meet an expired feed and
a connection cut in the middle of a read.
"""

import asyncio
import collections
import time

from harness import BdkDefect, Failure, Skip, canonical_id, check, current_check, read_ledger
from symphony.bdk.core.service.datafeed.abstract_datafeed_loop import RealTimeEvent
from symphony.bdk.core.service.datafeed.real_time_event_listener import RealTimeEventListener

# What restarting a loop that died takes: the BDK leaves it marked running.
RESTART = ("keep the task of datafeed().start(); when it ends with an exception, call "
           "`await datafeed.stop()` (which clears the running flag the dead loop left set) and "
           "start it again: it lists the feeds, finds the dead one gone and creates a new one")


class Realtime(RealTimeEventListener):
    """Realtime is a bot's listener: the BDK's default filter (no events of
    the bot itself) and every on_* method counting its calls."""

    def __init__(self):
        self.calls = collections.Counter()


def _counting(method_name):
    async def method(self, initiator, event):
        self.calls[method_name] += 1

    method.__name__ = method_name
    return method


for _kind in RealTimeEvent:
    setattr(Realtime, _kind.value[0], _counting(_kind.value[0]))


def _start_loop(ctx, name, bdk, log, listeners=()):
    loop = bdk.datafeed()
    if name not in ctx.loops:
        loop.subscribe(log)
        for listener in listeners:
            loop.subscribe(listener)
    token = current_check.set(f"datafeed.{name}")
    try:
        task = asyncio.create_task(loop.start(), name=f"datafeed-{name}")
    finally:
        current_check.reset(token)
    ctx.loops[name] = (loop, task)
    return task


async def start(ctx, R):
    """start opens the sessions and starts both loops."""

    async def session():
        ctx.bot = await ctx.bdk.sessions().get_session()
        check(ctx.bot.username == ctx.config.bot.username,
              f"session of {ctx.bot.username!r}, want {ctx.config.bot.username!r}")
        ctx.tester_user = await ctx.tester.sessions().get_session()
        return f"bot {ctx.bot.display_name} ({ctx.bot.id}), tester {ctx.tester_user.username} ({ctx.tester_user.id})"

    await R.run("session.get", session)
    if ctx.bot is None or ctx.tester_user is None:
        raise SystemExit("bdk-python conformance: no session for the bot or the tester: nothing else can run")

    ctx.realtime = Realtime()
    _start_loop(ctx, "v2", ctx.bdk, ctx.feed, [ctx.realtime])
    _start_loop(ctx, "v1", ctx.bdk_v1, ctx.feed_v1)

    for name, log in (("v2", ctx.feed), ("v1", ctx.feed_v1)):
        await R.run(f"datafeed.{name}.start", _first_event, ctx, name, log)


async def _first_event(ctx, name, log):
    _, task = ctx.loops[name]
    deadline = time.monotonic() + 25
    while not log.seen:
        if task.done():
            raise Failure(f"the loop ended: {_ended(task)}")
        if time.monotonic() > deadline:
            raise Failure("the loop read no event in 25s")
        await asyncio.sleep(0.1)
    return f"first event {log.seen[0].type}"


def _ended(task):
    if task.cancelled():
        return "cancelled"
    e = task.exception()
    if e is None:
        return "returned"
    status = getattr(e, "status", None)
    if status:
        return f"{type(e).__name__} {status} {getattr(e, 'reason', '')}".strip()
    return f"{type(e).__name__}: {e}"


async def compare(ctx, R):
    """compare checks each loop against the ledger, type by type."""
    try:
        ledger = read_ledger(ctx.args.ledger)
    except OSError as e:
        await R.run("datafeed.ledger", _raise, Skip(f"no ledger: {e}"))
        return
    for name, log in (("v2", ctx.feed), ("v1", ctx.feed_v1)):
        await R.run(f"datafeed.{name}.ledger", _against_ledger, ctx, name, log, ledger, timeout=60)
    await R.run("listener.realtime", _realtime, ctx)
    await R.run("listener.generic-system-event", _generic_system_event, ctx)


async def _raise(e):
    raise e


async def _against_ledger(ctx, name, log, ledger):
    _, task = ctx.loops[name]
    index = {ev["id"]: i for i, ev in enumerate(ledger)}
    first = min((index[i] for i in log.ids() if i in index), default=None)
    if first is None:
        raise Failure(f"none of the {len(log.seen)} events the loop read is in the ledger "
                      f"({len(ledger)} events)")
    want = ledger[first:]
    # What was written by now must arrive: wait for the loop to catch up.
    deadline = time.monotonic() + 45
    while True:
        missing = [ev for ev in want if ev["id"] not in log.ids()]
        if not missing or time.monotonic() > deadline or task.done():
            break
        await asyncio.sleep(0.5)
    types = collections.Counter(ev["type"] for ev in want)
    got = collections.Counter(ev["type"] for ev in want if ev["id"] in log.ids())
    table = ", ".join(f"{t} {got[t]}/{n}" for t, n in sorted(types.items()))
    extra = len([s for s in log.seen if s.id not in index])
    if missing:
        sample = "; ".join(f"{ev['type']} {ev['id']}" for ev in missing[:5])
        state = f" (the loop ended: {_ended(task)})" if task.done() else ""
        raise Failure(f"{len(missing)} of {len(want)} ledger events not delivered{state}: "
                      f"{sample}; by type {table}")
    gaps = [b.at - a.at for a, b in zip(log.seen, log.seen[1:])]
    note = f"{len(want)} events, every one delivered (longest pause {max(gaps, default=0):.1f}s); by type {table}"
    if extra:
        note += f"; {extra} read that the ledger does not list (redeliveries)"
    return note


async def _realtime(ctx):
    """Every event of someone else that a RealTimeEventListener method
    exists for reached that method."""
    want = collections.Counter()
    settled = time.monotonic() - 2  # the listener tasks of the last batch may still run
    for s in ctx.feed.seen:
        if s.at > settled:
            continue
        user = getattr(getattr(s.event, "initiator", None), "user", None)
        if user is None or getattr(user, "user_id", None) == ctx.bot.id:
            continue
        try:
            want[RealTimeEvent[s.type].value[0]] += 1
        except KeyError:
            pass
    check(want, "no event of anyone else was read")
    wrong = {m: (ctx.realtime.calls[m], n) for m, n in want.items() if ctx.realtime.calls[m] < n}
    check(not wrong, "listener methods called fewer times than their events were read: " +
          ", ".join(f"{m} {got}/{n}" for m, (got, n) in wrong.items()))
    return ", ".join(f"{m} {n}" for m, n in sorted(want.items()))


async def _generic_system_event(ctx):
    seen = [s for s in ctx.feed.seen if s.type == "GENERICSYSTEMEVENT"]
    if not seen:
        raise Skip("the scenario sent no GENERICSYSTEMEVENT during the run")
    payload = seen[0].event.payload.generic_system_event
    check(payload is not None, "GENERICSYSTEMEVENT without its payload")
    raise BdkDefect(
        f"{len(seen)} GENERICSYSTEMEVENT read and parsed (V4GenericSystemEvent), but RealTimeEvent "
        "has no entry for the type: the BDK logs 'unknown type' and calls no listener method",
        "override RealTimeEventListener.is_accepting_event, which receives the whole V4Event, "
        "and handle event.payload.generic_system_event there")


async def faults(ctx, R):
    """faults expires every feed, then cuts a datafeed read of each loop,
    and checks that the loops read events again afterwards."""
    await R.run("datafeed.expired-feed", _after_fault, ctx, "expire-feed", ("v2", "v1"), timeout=90)
    for name in ("v2", "v1"):
        await R.run(f"datafeed.dropped-read.{name}", _dropped, ctx, name, timeout=150)


def _bdk_of(ctx, name):
    return ctx.bdk if name == "v2" else ctx.bdk_v1


async def _dropped(ctx, name):
    """_dropped cuts a read of loop name: a drop cuts the next datafeed read
    of whichever loop reads first, so the other one is stopped meanwhile."""
    other = "v1" if name == "v2" else "v2"
    loop, task = ctx.loops[other]
    await loop.stop()
    await asyncio.wait([task], timeout=40)  # the read it has under way ends
    try:
        return await _after_fault(ctx, "drop", (name,))
    finally:
        _start_loop(ctx, other, _bdk_of(ctx, other), None)


async def _after_fault(ctx, kind, names):
    logs = {"v2": ctx.feed, "v1": ctx.feed_v1}
    marks = {name: len(logs[name].seen) for name in names}
    calls = len(ctx.exchanges.calls)
    await ctx.admin.fault(kind)
    defects = []
    for name in names:
        log = logs[name]
        loop, task = ctx.loops[name]
        deadline = time.monotonic() + 40
        while len(log.seen) <= marks[name] + 1 and not task.done() and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        if task.done():
            defects.append(f"{name} loop died: {_ended(task)}")
            await loop.stop()
            mark = len(log.seen)
            _start_loop(ctx, name, _bdk_of(ctx, name), log)
            try:
                await log.wait(lambda e: True, 40, "event after the restart", since=mark)
            except Failure as e:
                raise Failure(f"{defects[-1]}; restarted as a bot would, and then: {e}") from None
            defects[-1] += " (restarted: it reads again)"
        elif len(log.seen) <= marks[name] + 1:
            raise Failure(f"the {name} loop runs but read no event within 40s after the fault")
    if defects:
        raise BdkDefect("; ".join(defects), RESTART, ctx.exchanges.failed_since(calls, "datafeed."))
    return f"{' and '.join(names)} read on"


async def stop(ctx):
    """stop stops the loops, waiting for the read each has under way."""
    for loop, _ in ctx.loops.values():
        await loop.stop()
    tasks = [t for _, t in ctx.loops.values()]
    done, pending = await asyncio.wait(tasks, timeout=45) if tasks else (set(), set())
    for t in pending:
        t.cancel()
    if pending:
        await asyncio.wait(pending, timeout=5)


def stream_of(event):
    """stream_of returns the canonical id of the stream an event concerns."""
    p = event.payload
    for f in ("room_created", "room_updated", "room_deactivated", "room_reactivated", "user_joined_room",
              "user_left_room", "room_member_promoted_to_owner", "room_member_demoted_from_owner",
              "instant_message_created", "symphony_elements_action", "user_requested_to_join_room"):
        try:
            v = getattr(p, f)
        except AttributeError:
            continue
        if v is not None:
            return canonical_id(v.stream.stream_id)
    try:
        return canonical_id(p.message_sent.message.stream.stream_id)
    except AttributeError:
        return ""
