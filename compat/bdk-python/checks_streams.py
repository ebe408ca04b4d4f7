"""checks_streams: the BDK's stream service: streams, rooms, members, IMs.

A room made for the run is created, updated, found, deactivated and
reactivated; the tester joins it, is promoted, demoted and removed. Each
change must come back through the bot's datafeed as its event.
"""

from harness import Skip, canonical_id, check
from checks_datafeed import stream_of
from symphony.bdk.gen.pod_model.room_tag import RoomTag
from symphony.bdk.gen.pod_model.stream_filter import StreamFilter
from symphony.bdk.gen.pod_model.stream_type import StreamType
from symphony.bdk.gen.pod_model.v2_room_search_criteria import V2RoomSearchCriteria
from symphony.bdk.gen.pod_model.v3_room_attributes import V3RoomAttributes


async def run(ctx, R):
    await R.run("stream.im.create", im_create, ctx)
    await R.run("stream.im.info", im_info, ctx)
    await R.run("stream.list", streams_list, ctx)
    await R.run("stream.list.paging", streams_paging, ctx)
    await R.run("stream.info", stream_info, ctx)
    ctx.room = await R.run("stream.room.create", room_create, ctx)
    for name, fn in (("stream.room.info", room_info), ("stream.room.update", room_update),
                     ("stream.room.search", room_search), ("stream.room.set-active", room_set_active),
                     ("stream.room.members.add", members_add), ("stream.room.members.promote", members_promote),
                     ("stream.room.members.demote", members_demote),
                     ("stream.room.members.remove", members_remove)):
        await R.run(name, _needs_room(fn), ctx)


def _needs_room(fn):
    async def wrapped(ctx):
        if not ctx.room:
            raise Skip("no room: stream.room.create failed")
        return await fn(ctx)

    return wrapped


async def im_create(ctx):
    mark = len(ctx.feed.seen)
    stream = await ctx.bdk.streams().create_im(ctx.tester_user.id)
    check(stream.id, "no stream id in the answer")
    ctx.im = canonical_id(stream.id)
    # A new IM is announced once; run twice against one simulator, it exists already.
    again = await ctx.bdk.streams().create_im(ctx.tester_user.id)
    check(canonical_id(again.id) == ctx.im, f"a second create gave {again.id}, the first {stream.id}")
    created = [s for s in ctx.feed.seen[mark:] if s.type == "INSTANTMESSAGECREATED"]
    return f"IM {stream.id}" + (" (INSTANTMESSAGECREATED read)" if created else "")


async def im_info(ctx):
    if not ctx.im:
        raise Skip("no IM: stream.im.create failed")
    info = await ctx.bdk.streams().get_im_info(ctx.im)
    check(canonical_id(info.im_system_info.id) == ctx.im, f"info of {info.im_system_info.id}, want {ctx.im}")
    check(info.im_system_info.active, "the IM is not active")
    return f"active, created {info.im_system_info.creation_date}"


async def streams_list(ctx):
    f = StreamFilter(stream_types=[StreamType(type="ROOM"), StreamType(type="IM")],
                     include_inactive_streams=False)
    page = await ctx.bdk.streams().list_streams(f, 0, 100)
    streams = page.value if page else []
    check(streams, "no stream listed")
    types = {s.stream_type.type for s in streams}
    check(types <= {"ROOM", "IM"}, f"types {types} outside the filter ROOM, IM")
    ids = {canonical_id(s.id) for s in streams}
    if ctx.im:
        check(ctx.im in ids, f"the IM {ctx.im} is not listed")
    ctx.rooms = [canonical_id(s.id) for s in streams if s.stream_type.type == "ROOM"]
    return f"{len(streams)} streams ({', '.join(sorted(types))})"


async def streams_paging(ctx):
    f = StreamFilter(include_inactive_streams=True)
    whole = await ctx.bdk.streams().list_streams(f, 0, 1000)
    whole_ids = [canonical_id(s.id) for s in (whole.value if whole else [])]
    paged = [canonical_id(s.id) async for s in await ctx.bdk.streams().list_all_streams(f, chunk_size=3)]
    check(len(paged) == len(set(paged)), "a stream came on two pages")
    check(set(paged) == set(whole_ids), f"pages of 3 gave {len(paged)} streams, one call {len(whole_ids)}")
    return f"{len(paged)} streams in pages of 3"


async def stream_info(ctx):
    sid = ctx.im or (ctx.rooms[0] if getattr(ctx, "rooms", None) else None)
    if not sid:
        raise Skip("no stream to ask about")
    info = await ctx.bdk.streams().get_stream(sid)
    check(canonical_id(info.id) == sid, f"info of {info.id}, want {sid}")
    check(info.stream_type.type in ("IM", "ROOM", "MIM", "POST"), f"stream type {info.stream_type.type}")
    return f"{info.stream_type.type}, active {info.active}"


async def room_create(ctx):
    name = f"compat {ctx.run_id}"
    attrs = V3RoomAttributes(name=name, description="BDK conformance room",
                             keywords=[RoomTag(key="purpose", value="compat")],
                             discoverable=True, members_can_invite=True, public=False, read_only=False)
    mark = len(ctx.feed.seen)
    room = await ctx.bdk.streams().create_room(attrs)
    rid = canonical_id(room.room_system_info.id)
    check(rid, "no room id in the answer")
    check(room.room_attributes.name == name, f"name {room.room_attributes.name!r}, want {name!r}")
    check(room.room_system_info.active, "the new room is not active")
    await ctx.feed.wait(lambda e: e.type == "ROOMCREATED" and stream_of(e) == rid, 10, "ROOMCREATED", mark)
    return rid


async def room_info(ctx):
    info = await ctx.bdk.streams().get_room_info(ctx.room)
    check(canonical_id(info.room_system_info.id) == ctx.room, f"info of {info.room_system_info.id}")
    check(info.room_attributes.name == f"compat {ctx.run_id}", f"name {info.room_attributes.name!r}")
    check(info.room_attributes.description == "BDK conformance room",
          f"description {info.room_attributes.description!r}")
    tags = {(k.key, k.value) for k in (info.room_attributes.keywords or [])}
    check(("purpose", "compat") in tags, f"keywords {tags}")
    return "name, description and keywords as created"


async def room_update(ctx):
    mark = len(ctx.feed.seen)
    attrs = V3RoomAttributes(name=f"compat {ctx.run_id} updated", description="updated by the BDK")
    room = await ctx.bdk.streams().update_room(ctx.room, attrs)
    check(room.room_attributes.description == "updated by the BDK",
          f"description after update {room.room_attributes.description!r}")
    await ctx.feed.wait(lambda e: e.type == "ROOMUPDATED" and stream_of(e) == ctx.room, 10, "ROOMUPDATED", mark)
    info = await ctx.bdk.streams().get_room_info(ctx.room)
    check(info.room_attributes.name == f"compat {ctx.run_id} updated", f"name read back {info.room_attributes.name!r}")
    return "answer, ROOMUPDATED and room info agree"


async def room_search(ctx):
    results = await ctx.bdk.streams().search_rooms(V2RoomSearchCriteria(query=f"compat {ctx.run_id}"))
    ids = [canonical_id(r.room_system_info.id) for r in (results.rooms or [])]
    check(ctx.room in ids, f"the room is not among {len(ids)} results (count {results.count})")
    found = [r async for r in await ctx.bdk.streams().search_all_rooms(
        V2RoomSearchCriteria(query=f"compat {ctx.run_id}"), chunk_size=1)]
    check(any(canonical_id(r.room_system_info.id) == ctx.room for r in found), "search_all_rooms missed it")
    return f"{results.count} found"


async def room_set_active(ctx):
    mark = len(ctx.feed.seen)
    detail = await ctx.bdk.streams().set_room_active(ctx.room, False)
    check(detail.room_system_info.active is False, "still active after set active false")
    await ctx.feed.wait(lambda e: e.type == "ROOMDEACTIVATED" and stream_of(e) == ctx.room, 10,
                        "ROOMDEACTIVATED", mark)
    detail = await ctx.bdk.streams().set_room_active(ctx.room, True)
    check(detail.room_system_info.active is True, "not active after set active true")
    await ctx.feed.wait(lambda e: e.type == "ROOMREACTIVATED" and stream_of(e) == ctx.room, 10,
                        "ROOMREACTIVATED", mark)
    return "deactivated and reactivated, both events read"


async def _members(ctx):
    members = await ctx.bdk.streams().list_room_members(ctx.room)
    return {m.id: m for m in (members.value if members else [])}


async def members_add(ctx):
    mark = len(ctx.feed.seen)
    await ctx.bdk.streams().add_member_to_room(ctx.tester_user.id, ctx.room)
    await ctx.feed.wait(lambda e: e.type == "USERJOINEDROOM" and stream_of(e) == ctx.room
                        and e.payload.user_joined_room.affected_user.user_id == ctx.tester_user.id,
                        10, "USERJOINEDROOM of the tester", mark)
    members = await _members(ctx)
    check(ctx.tester_user.id in members, f"the tester is not among the members {sorted(members)}")
    check(members.get(ctx.bot.id) and members[ctx.bot.id].owner, "the creator is not an owner")
    return f"{len(members)} members"


async def members_promote(ctx):
    mark = len(ctx.feed.seen)
    await ctx.bdk.streams().promote_user_to_room_owner(ctx.tester_user.id, ctx.room)
    await ctx.feed.wait(lambda e: e.type == "ROOMMEMBERPROMOTEDTOOWNER" and stream_of(e) == ctx.room,
                        10, "ROOMMEMBERPROMOTEDTOOWNER", mark)
    members = await _members(ctx)
    check(members.get(ctx.tester_user.id) and members[ctx.tester_user.id].owner, "the tester is not an owner")
    return "owner"


async def members_demote(ctx):
    mark = len(ctx.feed.seen)
    await ctx.bdk.streams().demote_owner_to_room_participant(ctx.tester_user.id, ctx.room)
    await ctx.feed.wait(lambda e: e.type == "ROOMMEMBERDEMOTEDFROMOWNER" and stream_of(e) == ctx.room,
                        10, "ROOMMEMBERDEMOTEDFROMOWNER", mark)
    members = await _members(ctx)
    check(members.get(ctx.tester_user.id) and not members[ctx.tester_user.id].owner, "the tester is still an owner")
    return "participant"


async def members_remove(ctx):
    mark = len(ctx.feed.seen)
    await ctx.bdk.streams().remove_member_from_room(ctx.tester_user.id, ctx.room)
    await ctx.feed.wait(lambda e: e.type == "USERLEFTROOM" and stream_of(e) == ctx.room, 10,
                        "USERLEFTROOM", mark)
    members = await _members(ctx)
    check(ctx.tester_user.id not in members, "the tester is still a member")
    # Back in, for the activity checks that speak in the room.
    await ctx.bdk.streams().add_member_to_room(ctx.tester_user.id, ctx.room)
    return "removed (and added back)"

