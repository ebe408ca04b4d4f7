"""checks_people: the BDK's user, presence and connection services.

The person looked up is someone of the pod who spoke on the bot's datafeed;
the people of other pods for connections are found among the members of
the bot's rooms and its connections."""

import asyncio
import time

from harness import Skip, check
from symphony.bdk.core.service.connection.model.connection_status import ConnectionStatus
from symphony.bdk.core.service.presence.presence_service import PresenceStatus
from symphony.bdk.gen.pod_model.user_search_query import UserSearchQuery


async def run(ctx, R):
    ctx.person = _someone(ctx)
    for name, fn in (("user.by-id", by_id), ("user.by-email", by_email), ("user.by-username", by_username),
                     ("user.search", search)):
        await R.run(name, _needs_person(fn), ctx)
    await R.run("presence.get", presence_get, ctx)
    await R.run("presence.user", _needs_person(presence_user), ctx)
    await R.run("presence.set", presence_set, ctx)
    await R.run("presence.many", presence_many, ctx)
    await R.run("presence.feed", presence_feed, ctx)
    await R.run("connection.list", connection_list, ctx)
    await R.run("connection.info", connection_info, ctx)
    await R.run("connection.create", connection_create, ctx)
    ctx.accepted = await R.run("connection.accept", connection_accept, ctx)
    await R.run("connection.reject", connection_reject, ctx, timeout=75)
    await R.run("connection.remove", connection_remove, ctx)


def _someone(ctx):
    """_someone returns the id of a person of the pod who spoke on the feed."""
    for s in ctx.feed.seen:
        try:
            uid = s.event.initiator.user.user_id
        except AttributeError:
            continue
        if uid not in (ctx.bot.id, ctx.tester_user.id):
            return uid
    return None


def _needs_person(fn):
    async def wrapped(ctx):
        if ctx.person is None:
            raise Skip("nobody but the bot spoke on the datafeed")
        return await fn(ctx)

    return wrapped


async def by_id(ctx):
    users = await ctx.bdk.users().list_users_by_ids([ctx.person, ctx.bot.id])
    found = {u.id: u for u in users.users or []}
    check(set(found) == {ctx.person, ctx.bot.id}, f"found {sorted(found)}, want {ctx.person} and {ctx.bot.id}")
    ctx.person_user = found[ctx.person]
    check(ctx.person_user.email_address and ctx.person_user.username, "no e-mail address or username")
    return f"{ctx.person_user.display_name} <{ctx.person_user.email_address}>"


async def by_email(ctx):
    u = getattr(ctx, "person_user", None)
    if u is None:
        raise Skip("user.by-id failed")
    users = await ctx.bdk.users().list_users_by_emails([u.email_address])
    check([x.id for x in users.users or []] == [u.id], f"by e-mail {[x.id for x in users.users or []]}")
    return u.email_address


async def by_username(ctx):
    u = getattr(ctx, "person_user", None)
    if u is None:
        raise Skip("user.by-id failed")
    users = await ctx.bdk.users().list_users_by_usernames([u.username])
    check([x.id for x in users.users or []] == [u.id], f"by username {[x.id for x in users.users or []]}")
    return u.username


async def search(ctx):
    u = getattr(ctx, "person_user", None)
    if u is None:
        raise Skip("user.by-id failed")
    res = await ctx.bdk.users().search_users(UserSearchQuery(query=u.last_name), local=True)
    ids = [x.id for x in res.users or []]
    check(u.id in ids, f"searching {u.last_name!r} found {ids}")
    paged = [x.id async for x in await ctx.bdk.users().search_all_users(
        UserSearchQuery(query=u.last_name), local=True, chunk_size=1)]
    check(u.id in paged, f"search_all_users in pages of 1 found {paged}")
    return f"{u.last_name!r}: {res.count} found"


async def presence_get(ctx):
    p = await ctx.bdk.presence().get_presence()
    check(p.category, "no category")
    check(p.user_id in (None, ctx.bot.id), f"presence of {p.user_id}, want the bot {ctx.bot.id}")
    return p.category


async def presence_user(ctx):
    p = await ctx.bdk.presence().get_user_presence(ctx.person, True)
    check(p.user_id == ctx.person, f"presence of {p.user_id}, want {ctx.person}")
    check(p.category, "no category")
    return p.category


async def presence_set(ctx):
    p = await ctx.bdk.presence().set_presence(PresenceStatus.BUSY, False)
    check(p.category == "BUSY", f"set BUSY answered {p.category}")
    back = await ctx.bdk.presence().get_presence()
    check(back.category == "BUSY", f"read back {back.category}")
    await ctx.bdk.presence().set_presence(PresenceStatus.AVAILABLE, False)
    return "BUSY set and read back"


async def presence_many(ctx):
    all_presence = await ctx.bdk.presence().get_all_presence(0, 100)
    check(all_presence, "no presence listed")
    ids = [p.user_id for p in all_presence]
    check(len(ids) == len(set(ids)), "a user listed twice")
    check(ids == sorted(ids), "not in user id order (lastUserId pages by it)")
    if ctx.person is not None:
        check(ctx.person in ids, f"the person {ctx.person} is not among {len(ids)}")
    # The spec: "results will skip users with IDs less than this parameter".
    rest = await ctx.bdk.presence().get_all_presence(ids[1], 100) if len(ids) > 1 else []
    check(all(p.user_id >= ids[1] for p in rest or []), "lastUserId did not skip the users below it")
    check(not rest or rest[-1].user_id == ids[-1] or len(rest) == 100, "the second page ends elsewhere")
    return f"{len(ids)} users"


async def presence_feed(ctx):
    feed_id = await ctx.bdk.presence().create_presence_feed()
    check(feed_id, "no feed id")
    await ctx.tester.presence().set_presence(PresenceStatus.AWAY, False)
    deadline = time.monotonic() + 10
    seen = []
    while time.monotonic() < deadline:
        seen += await ctx.bdk.presence().read_presence_feed(feed_id) or []
        if any(p.user_id == ctx.tester_user.id and p.category == "AWAY" for p in seen):
            break
        await asyncio.sleep(0.5)
    check(any(p.user_id == ctx.tester_user.id and p.category == "AWAY" for p in seen),
          f"the tester's AWAY is not in the feed: {[(p.user_id, p.category) for p in seen]}")
    deleted = await ctx.bdk.presence().delete_presence_feed(feed_id)
    check(deleted == feed_id, f"delete answered {deleted!r}, want {feed_id!r}")
    await ctx.tester.presence().set_presence(PresenceStatus.AVAILABLE, False)
    return f"{len(seen)} changes read, feed deleted"


async def _connections(ctx, status=ConnectionStatus.ALL):
    return await ctx.bdk.connections().list_connections(status) or []


async def connection_list(ctx):
    all_conns = await _connections(ctx)
    pending = await _connections(ctx, ConnectionStatus.PENDING_INCOMING)
    check({c.user_id for c in pending} <= {c.user_id for c in all_conns}, "a pending request is not in ALL")
    check(all(c.status == "PENDING_INCOMING" for c in pending), f"statuses {[c.status for c in pending]}")
    return f"{len(all_conns)} connections, {len(pending)} pending incoming"


async def connection_info(ctx):
    conns = await _connections(ctx)
    if not conns:
        raise Skip("the bot has no connection to ask about")
    c = conns[0]
    info = await ctx.bdk.connections().get_connection(c.user_id)
    check(info.user_id == c.user_id and info.status == c.status,
          f"info {info.user_id} {info.status}, list {c.user_id} {c.status}")
    return f"{c.user_id} {c.status}"


async def _external_people(ctx):
    """_external_people returns ids of people of other pods the bot can see."""
    ids = set()
    for room in getattr(ctx, "rooms", [])[:20]:
        try:
            members = await ctx.bdk.streams().list_room_members(room)
        except Exception:  # noqa: BLE001 - a room we cannot list is no candidate
            continue
        ids |= {m.id for m in (members.value if members else [])}
    ids |= {c.user_id for c in await _connections(ctx)}
    ids -= {ctx.bot.id, ctx.tester_user.id}
    if not ids:
        return []
    users = await ctx.bdk.users().list_users_by_ids(sorted(ids), local=False)
    return [u.id for u in users.users or [] if u.company != ctx.bot.company]


async def connection_create(ctx):
    known = {c.user_id for c in await _connections(ctx)}
    candidates = [u for u in await _external_people(ctx) if u not in known]
    if not candidates:
        raise Skip("no person of another pod without a connection to the bot")
    mark = len(ctx.feed.seen)
    c = await ctx.bdk.connections().create_connection(candidates[0])
    check(c.user_id == candidates[0] and c.status == "PENDING_OUTGOING", f"answer {c.user_id} {c.status}")
    await ctx.feed.wait(lambda e: e.type == "CONNECTIONREQUESTED"
                        and e.payload.connection_requested.to_user.user_id == candidates[0],
                        10, "CONNECTIONREQUESTED", mark)
    return f"asked {candidates[0]}"


async def _pending(ctx, exclude=()):
    return [c.user_id for c in await _connections(ctx, ConnectionStatus.PENDING_INCOMING) if c.user_id not in exclude]


async def connection_accept(ctx):
    pending = await _pending(ctx)
    if not pending:
        raise Skip("no connection request waits for the bot")
    mark = len(ctx.feed.seen)
    c = await ctx.bdk.connections().accept_connection(pending[0])
    check(c.status == "ACCEPTED", f"status {c.status}")
    await ctx.feed.wait(lambda e: e.type == "CONNECTIONACCEPTED", 10, "CONNECTIONACCEPTED", mark)
    info = await ctx.bdk.connections().get_connection(pending[0])
    check(info.status == "ACCEPTED", f"info after accepting: {info.status}")
    return pending[0]


async def connection_reject(ctx):
    # The scenario's people of other pods ask now and then: wait for one.
    deadline = time.monotonic() + 60
    pending = await _pending(ctx, (ctx.accepted,))
    while not pending and time.monotonic() < deadline:
        await asyncio.sleep(2)
        pending = await _pending(ctx, (ctx.accepted,))
    if not pending:
        raise Skip("no second connection request came within 60s")
    c = await ctx.bdk.connections().reject_connection(pending[0])
    check(c.status == "REJECTED", f"status {c.status}")
    info = await ctx.bdk.connections().get_connection(pending[0])
    check(info.status == "REJECTED", f"info after rejecting: {info.status}")
    return f"rejected {pending[0]}"


async def connection_remove(ctx):
    accepted = [c.user_id for c in await _connections(ctx, ConnectionStatus.ACCEPTED)]
    if not accepted:
        raise Skip("the bot has no accepted connection")
    uid = accepted[0]
    await ctx.bdk.connections().remove_connection(uid)
    after = {c.user_id for c in await _connections(ctx, ConnectionStatus.ACCEPTED)}
    check(uid not in after, f"{uid} still listed as accepted")
    return f"removed {uid}"
