"""checks_messages: the BDK's message service in the IM of the bot and the
tester: rich MessageML, get, update, history and its paging, attachments,
search, status and share."""

import base64
import os

from harness import BdkDefect, Skip, canonical_id, check
from symphony.bdk.core.service.message.message_parser import (
    get_cashtags,
    get_hashtags,
    get_mentions,
    get_text_content_from_message,
)
from symphony.bdk.gen.agent_model.message_search_query import MessageSearchQuery
from symphony.bdk.gen.agent_model.share_article import ShareArticle
from symphony.bdk.gen.agent_model.share_content import ShareContent

ATTACHMENT = b"tutti bdk-python conformance\n" + bytes(range(256)) * 4

EMPTY_HISTORY_WORKAROUND = (
    "catch the error of list_messages on an empty page and take it as no messages: "
    "`try: msgs = await bdk.messages().list_messages(sid, since) except AttributeError: msgs = []`, "
    "or stop paging on a page shorter than the limit so that the empty page is never asked for")


async def run(ctx, R):
    if not ctx.im:
        await R.run("message.*", _skip, "no IM to speak in: stream.im.create failed")
        return
    ctx.sent = await R.run("message.send", send_rich, ctx)
    await R.run("message.get", _needs_sent(get_message), ctx)
    await R.run("message.update", _needs_sent(update_message), ctx)
    await R.run("message.list", _needs_sent(list_history), ctx)
    await R.run("message.list.paging", list_paging, ctx)
    await R.run("message.list.empty", list_empty, ctx)
    ctx.with_file = await R.run("message.attachment.send", send_attachment, ctx)
    await R.run("message.attachment.get", get_attachment, ctx)
    await R.run("message.attachment.list", list_attachments, ctx)
    await R.run("message.attachment.types", attachment_types, ctx)
    await R.run("message.search", _needs_sent(search), ctx)
    await R.run("message.status", _needs_sent(status), ctx)
    await R.run("message.share", share, ctx)


async def _skip(reason):
    raise Skip(reason)


def _needs_sent(fn):
    async def wrapped(ctx):
        if not ctx.sent:
            raise Skip("no message: message.send failed")
        return await fn(ctx)

    return wrapped


async def send_rich(ctx):
    word = f"compat{ctx.run_id}"
    ml = (f'<messageML>Check {word}: <mention uid="{ctx.tester_user.id}"/> see <hash tag="{word}"/> '
          f'and <cash tag="TUTTI"/> <emoji shortcode="thumbsup"/><br/>'
          '<table><thead><tr><td>pair</td><td>bid</td></tr></thead>'
          '<tbody><tr><td>EURUSD</td><td>1.0842</td></tr></tbody></table></messageML>')
    mark = len(ctx.feed.seen)
    msg = await ctx.bdk.messages().send_message(ctx.im, ml)
    check(msg.message_id, "no message id")
    check(canonical_id(msg.stream.stream_id) == ctx.im, f"sent to {msg.stream.stream_id}, want {ctx.im}")
    check("<table" in msg.message and "EURUSD" in msg.message, f"the table is not in {msg.message[:200]!r}")
    check(get_mentions(msg) == [ctx.tester_user.id], f"mentions {get_mentions(msg)}, want [{ctx.tester_user.id}]")
    check(get_hashtags(msg) == [word], f"hashtags {get_hashtags(msg)}, want [{word!r}]")
    check(get_cashtags(msg) == ["TUTTI"], f"cashtags {get_cashtags(msg)}, want ['TUTTI']")
    text = get_text_content_from_message(msg)
    check(word in text, f"text content {text!r}")
    await ctx.feed.wait(lambda e: e.type == "MESSAGESENT" and e.payload.message_sent.message.message_id
                        == msg.message_id, 10, "MESSAGESENT of the message", mark)
    return msg


async def get_message(ctx):
    got = await ctx.bdk.messages().get_message(ctx.sent.message_id)
    check(got.message_id == ctx.sent.message_id, f"got {got.message_id}")
    check(got.message == ctx.sent.message, "the PresentationML differs from the one sent")
    check(got.data == ctx.sent.data or _json_eq(got.data, ctx.sent.data), "the entity JSON differs")
    return "same message, content and data"


def _json_eq(a, b):
    import json

    try:
        return json.loads(a) == json.loads(b)
    except (TypeError, ValueError):
        return False


async def update_message(ctx):
    mark = len(ctx.feed.seen)
    edited = await ctx.bdk.messages().update_message(ctx.im, ctx.sent.message_id,
                                                     f"<messageML>edited compat{ctx.run_id}</messageML>")
    check("edited" in edited.message, f"updated content {edited.message!r}")
    check(edited.replacing == ctx.sent.message_id or edited.message_id == ctx.sent.message_id,
          f"the update replaces {edited.replacing!r}, want {ctx.sent.message_id}")
    ev = await ctx.feed.wait(lambda e: e.type == "MESSAGESENT" and "edited" in e.payload.message_sent.message.message
                             and canonical_id(e.payload.message_sent.message.stream.stream_id) == ctx.im,
                             10, "MESSAGESENT of the update", mark)
    return f"replacing {ev.payload.message_sent.message.replacing}"


async def list_history(ctx):
    msgs = await ctx.bdk.messages().list_messages(ctx.im, since=ctx.sent.timestamp - 1000, limit=100)
    ids = [m.message_id for m in msgs or []]
    check(ctx.sent.message_id in ids or any(m.replacing == ctx.sent.message_id for m in msgs or []),
          f"the sent message is not among {len(ids)}")
    return f"{len(ids)} messages since the first one sent"


async def list_paging(ctx):
    first = None
    sent = []
    for i in range(5):
        m = await ctx.bdk.messages().send_message(ctx.im, f"<messageML>page {i} compat{ctx.run_id}</messageML>")
        first = first or m
        sent.append(m.message_id)
    pages = []
    for skip in (0, 2, 4):
        page = await ctx.bdk.messages().list_messages(ctx.im, since=first.timestamp, skip=skip, limit=2)
        pages.append([m.message_id for m in page or []])
    seen = [i for p in pages for i in p]
    check(len(seen) == len(set(seen)), f"a message on two pages: {pages}")
    check(set(sent) <= set(seen), f"pages {pages} miss {set(sent) - set(seen)}")
    check([len(p) for p in pages] == [2, 2, 1], f"page sizes {[len(p) for p in pages]}, want [2, 2, 1]")
    return "5 messages in pages of 2, 2, 1"


async def list_empty(ctx):
    since = (ctx.sent.timestamp if ctx.sent else 0) + 3600 * 1000
    try:
        msgs = await ctx.bdk.messages().list_messages(ctx.im, since=since)
    except AttributeError as e:
        raise BdkDefect(f"history with nothing since the hour ahead answers 204 (the spec's 'No Messages'), "
                        f"and list_messages fails on it: {e}", EMPTY_HISTORY_WORKAROUND) from None
    check(not msgs, f"{len(msgs)} messages from the future")
    return "no messages"


async def send_attachment(ctx):
    path = os.path.join(os.getcwd(), "compat-note.txt")
    with open(path, "wb") as f:
        f.write(ATTACHMENT)
    with open(path, "rb") as f:
        msg = await ctx.bdk.messages().send_message(ctx.im, "<messageML>a file</messageML>", attachment=[f])
    check(msg.attachments and len(msg.attachments) == 1, f"attachments {msg.attachments}")
    att = msg.attachments[0]
    check(att.name == "compat-note.txt", f"attachment name {att.name!r}")
    check(att.size == len(ATTACHMENT), f"attachment size {att.size}, want {len(ATTACHMENT)}")
    return msg


async def get_attachment(ctx):
    if not ctx.with_file:
        raise Skip("no attachment: message.attachment.send failed")
    att = ctx.with_file.attachments[0]
    body = await ctx.bdk.messages().get_attachment(ctx.im, ctx.with_file.message_id, att.id)
    if isinstance(body, str):
        body = body.encode()
    check(base64.b64decode(body) == ATTACHMENT, f"{len(body)} bytes that are not the file in base64")
    return f"{len(ATTACHMENT)} bytes back, base64"


async def list_attachments(ctx):
    items = await ctx.bdk.messages().list_attachments(ctx.im)
    check(items, "no attachment listed")
    names = [i.name for i in items]
    check("compat-note.txt" in names, f"listed {names}")
    return f"{len(items)} attachments"


async def attachment_types(ctx):
    types = await ctx.bdk.messages().get_attachment_types()
    check(types and ".txt" in types, f"types {types}")
    return f"{len(types)} types"


async def search(ctx):
    found = await ctx.bdk.messages().search_messages(MessageSearchQuery(text=f"compat{ctx.run_id}", stream_id=ctx.im))
    check(found, "the text search found nothing")
    by_tag = await ctx.bdk.messages().search_messages(MessageSearchQuery(hashtag=f"compat{ctx.run_id}"))
    check(by_tag, "the hashtag search found nothing")
    all_found = [m async for m in await ctx.bdk.messages().search_all_messages(
        MessageSearchQuery(text=f"compat{ctx.run_id}", stream_id=ctx.im), chunk_size=2, max_number=5)]
    check(len(all_found) >= min(5, len(found)), f"search_all_messages gave {len(all_found)}")
    return f"text {len(found)}, hashtag {len(by_tag)}"


async def status(ctx):
    st = await ctx.bdk.messages().get_message_status(ctx.sent.message_id)
    # MessageStatusUser.userId is a string in the spec.
    check(st.author and str(st.author.user_id) == str(ctx.bot.id), f"author {st.author}")
    recipients = {int(u.user_id) for u in (st.sent or []) + (st.delivered or []) + (st.read or [])}
    check(ctx.tester_user.id in recipients, f"the tester is not among sent/delivered/read {recipients}")
    return f"sent {len(st.sent or [])}, delivered {len(st.delivered or [])}, read {len(st.read or [])}"


async def share(ctx):
    article = ShareArticle(title="Compat check", publisher="tutti", author="tutti", app_id="compat",
                           summary="A shared article", message="Read this",
                           article_url="https://example.com/compat")
    mark = len(ctx.feed.seen)
    msg = await ctx.bdk.streams().share(ctx.im, ShareContent(type="com.symphony.sharing.article", content=article))
    check(msg.id, "no message id")
    check(canonical_id(msg.stream_id) == ctx.im, f"shared into {msg.stream_id}")
    await ctx.feed.wait(lambda e: e.type == "MESSAGESENT" and e.payload.message_sent.message.message_id
                        in (msg.id, canonical_id(msg.id)), 10, "MESSAGESENT of the share", mark)
    return "shared, its message read"
