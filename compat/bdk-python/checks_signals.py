"""checks_signals: the BDK's signal service, the whole life of a signal,
and its health service (agent health, extended health, agent info)."""

from harness import Skip, check
from symphony.bdk.gen.agent_model.base_signal import BaseSignal


async def run(ctx, R):
    ctx.signal = await R.run("signal.create", create, ctx)
    for name, fn in (("signal.list", listed), ("signal.get", get), ("signal.update", update),
                     ("signal.subscribe", subscribe), ("signal.subscribers", subscribers),
                     ("signal.unsubscribe", unsubscribe), ("signal.delete", delete)):
        await R.run(name, _needs_signal(fn), ctx)
    await R.run("health.check", health, ctx)
    await R.run("health.extended", health_extended, ctx)
    await R.run("health.agent-info", agent_info, ctx)


def _needs_signal(fn):
    async def wrapped(ctx):
        if not ctx.signal:
            raise Skip("no signal: signal.create failed")
        return await fn(ctx)

    return wrapped


async def create(ctx):
    name = f"compat {ctx.run_id}"
    s = await ctx.bdk.signals().create_signal(BaseSignal(name=name, query="HASHTAG:compat AND CASHTAG:TUTTI",
                                                         visible_on_profile=False, company_wide=False))
    check(s.id, "no signal id")
    check(s.name == name, f"name {s.name!r}")
    check(s.query == "HASHTAG:compat AND CASHTAG:TUTTI", f"query {s.query!r}")
    return s.id


async def listed(ctx):
    signals = await ctx.bdk.signals().list_signals()
    ids = [s.id for s in signals.value or []] if hasattr(signals, "value") else [s.id for s in signals or []]
    check(ctx.signal in ids, f"the signal is not among {len(ids)}")
    every = [s.id async for s in await ctx.bdk.signals().list_all_signals(chunk_size=1)]
    check(ctx.signal in every, "list_all_signals in pages of 1 missed it")
    return f"{len(ids)} signals"


async def get(ctx):
    s = await ctx.bdk.signals().get_signal(ctx.signal)
    check(s.id == ctx.signal and s.name == f"compat {ctx.run_id}", f"got {s.id} {s.name!r}")
    return s.query


async def update(ctx):
    s = await ctx.bdk.signals().update_signal(ctx.signal, BaseSignal(name=f"compat {ctx.run_id} v2",
                                                                     query="HASHTAG:compat",
                                                                     visible_on_profile=True, company_wide=False))
    check(s.name == f"compat {ctx.run_id} v2" and s.query == "HASHTAG:compat", f"answer {s.name!r} {s.query!r}")
    back = await ctx.bdk.signals().get_signal(ctx.signal)
    check(back.name == s.name and back.query == s.query, f"read back {back.name!r} {back.query!r}")
    return "renamed, query changed"


async def subscribe(ctx):
    r = await ctx.bdk.signals().subscribe_users_to_signal(ctx.signal, False, [ctx.tester_user.id])
    check(r.successful_subscription == 1, f"successful {r.successful_subscription}, errors {r.subscription_errors}")
    return "1 subscribed"


async def subscribers(ctx):
    r = await ctx.bdk.signals().list_subscribers(ctx.signal)
    ids = [s.user_id for s in r.data or []]
    check(ctx.tester_user.id in ids, f"subscribers {ids}")
    every = [s.user_id async for s in await ctx.bdk.signals().list_all_subscribers(ctx.signal, chunk_size=1)]
    check(ctx.tester_user.id in every, f"list_all_subscribers gave {every}")
    return f"{r.total} subscribers"


async def unsubscribe(ctx):
    r = await ctx.bdk.signals().unsubscribe_users_to_signal(ctx.signal, [ctx.tester_user.id])
    check(r.successful_subscription == 1, f"successful {r.successful_subscription}, errors {r.subscription_errors}")
    after = await ctx.bdk.signals().list_subscribers(ctx.signal)
    check(ctx.tester_user.id not in [s.user_id for s in after.data or []], "the tester is still subscribed")
    return "1 unsubscribed"


async def delete(ctx):
    await ctx.bdk.signals().delete_signal(ctx.signal)
    signals = await ctx.bdk.signals().list_signals()
    check(ctx.signal not in [s.id for s in signals.value or []], "the signal is still listed")
    return "deleted"


async def health(ctx):
    h = await ctx.bdk.health().health_check()
    check(h.status and str(h.status.value) == "UP", f"status {h.status}")
    return "UP"


async def health_extended(ctx):
    h = await ctx.bdk.health().health_check_extended()
    check(h.status is not None, "no status")
    services = sorted((h.services or {}).keys())
    check(services, "no services in the extended health")
    return f"{h.status.value}: {', '.join(services)}"


async def agent_info(ctx):
    info = await ctx.bdk.health().get_agent_info()
    check(info.version, f"no version in {info}")
    return info.version
