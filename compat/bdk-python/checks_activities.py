"""checks_activities: the BDK's activity API, the way a bot is written.

The tester, another account of the pod, speaks to the bot in their IM: a
slash command with the bot mentioned, one without, and a command activity
matching the text as the BDK's examples do; the bot answers each through
its message service. The bot sends a form; the form-reply activity is
checked against the forms the scenario's people submit.
"""

from harness import BdkDefect, Failure, Skip, canonical_id, check
from symphony.bdk.core.activity.command import CommandActivity, CommandContext
from symphony.bdk.core.activity.form import FormReplyActivity, FormReplyContext

FORM_SKIP = ("the simulator cannot have a person submit a form the bot sent: its scenario's people "
             "answer only the forms of the scenario's own bot, and Symphony's REST API has no call "
             "that submits a form as a user")

# The simulator's own stand-in for a person answering a form (not Symphony's API).
ELEMENTS_PROBE = "/simulator/v1/elements"
ELEMENTS_SUBMIT = "/simulator/v1/elements/submit"


class EchoAtCommand(CommandActivity):
    """EchoAtCommand matches '@Bot Name /compat-at …' on the text content,
    as the BDK's own examples write a command activity."""

    def __init__(self, ctx):
        super().__init__()
        self._ctx = ctx
        self.calls = []

    def matches(self, context: CommandContext) -> bool:
        return context.text_content.startswith("@" + context.bot_display_name + " /compat-at")

    async def on_activity(self, context: CommandContext):
        self.calls.append(context)
        await self._ctx.bdk.messages().send_message(context.stream_id, "<messageML>at: ok</messageML>")


class BotFormReply(FormReplyActivity):
    """BotFormReply answers the submissions of the bot's own form, as the
    BDK's examples do."""

    def __init__(self, ctx, form_id):
        super().__init__()
        self._ctx = ctx
        self.form_id = form_id
        self.calls = []

    def matches(self, context: FormReplyContext) -> bool:
        return context.form_id == self.form_id and context.get_form_value("action") == "send"

    async def on_activity(self, context: FormReplyContext):
        self.calls.append(context)
        await self._ctx.bdk.messages().send_message(
            context.source_event.stream.stream_id,
            f"<messageML>form: {context.get_form_value('answer')}</messageML>")


class AnyFormReply(FormReplyActivity):
    """AnyFormReply records every form submission the bot sees."""

    def __init__(self):
        super().__init__()
        self.calls = []

    def matches(self, context: FormReplyContext) -> bool:
        return True

    async def on_activity(self, context: FormReplyContext):
        self.calls.append(context)


async def register(ctx, R):
    """register registers the bot's activities before anything is said."""
    ctx.slash_calls = []
    registry = ctx.bdk.activities()

    ctx.activity_errors = []

    @registry.slash("/compat-echo {first} {second}", True, "echo the arguments")
    async def echo(context: CommandContext):
        ctx.slash_calls.append(context)
        try:
            words = f"{context.arguments.get_as_string('first')} {context.arguments.get_as_string('second')}"
            await ctx.bdk.messages().send_message(context.stream_id, f"<messageML>echo: {words}</messageML>")
        except Exception as e:  # the BDK logs a listener's error at debug level only
            ctx.activity_errors.append(f"/compat-echo: {type(e).__name__}: {e}")
            raise

    @registry.slash("/compat-ping", False, "pong")
    async def ping(context: CommandContext):
        ctx.slash_calls.append(context)
        try:
            await ctx.bdk.messages().send_message(context.stream_id, "<messageML>pong</messageML>")
        except Exception as e:  # the BDK logs a listener's error at debug level only
            ctx.activity_errors.append(f"/compat-ping: {type(e).__name__}: {e}")
            raise

    ctx.at_command = EchoAtCommand(ctx)
    registry.register(ctx.at_command)
    ctx.form_replies = AnyFormReply()
    registry.register(ctx.form_replies)
    ctx.bot_form = BotFormReply(ctx, f"compat-form-{ctx.run_id}")
    registry.register(ctx.bot_form)


async def run(ctx, R):
    if not ctx.im:
        await R.run("activity.*", _skip, "no IM with the tester: stream.im.create failed")
        return
    await R.run("activity.slash-command", slash_with_mention, ctx)
    await R.run("activity.slash-command.no-mention", slash_without_mention, ctx)
    await R.run("activity.command", command_on_text, ctx)
    await R.run("activity.slash-command.registered-late", late_registration, ctx)
    ctx.form = await R.run("activity.form.send", send_form, ctx)
    await R.run("activity.form-reply.bot-form", form_reply, ctx)


async def finish(ctx, R):
    """finish checks the form-reply activity against the submissions the
    datafeed delivered during the run."""
    await R.run("activity.form-reply.every-submission", form_replies, ctx)


async def _skip(reason):
    raise Skip(reason)


async def _reply(ctx, text, mark):
    """_reply waits for the bot's own message containing text in the IM."""
    return await ctx.feed.wait(
        lambda e: e.type == "MESSAGESENT" and e.initiator.user.user_id == ctx.bot.id
        and canonical_id(e.payload.message_sent.message.stream.stream_id) == ctx.im
        and text in e.payload.message_sent.message.message, 15, f"reply {text!r} of the bot", mark)


async def slash_with_mention(ctx):
    mark = len(ctx.feed.seen)
    calls = len(ctx.slash_calls)
    await ctx.tester.messages().send_message(
        ctx.im, f'<messageML><mention uid="{ctx.bot.id}"/> /compat-echo hello world</messageML>')
    try:
        await _reply(ctx, "echo: hello world", mark)
    except Failure as e:
        called = "the command callback ran" if len(ctx.slash_calls) > calls else "the command callback did not run"
        raise Failure(f"{e}; {called}; errors: {ctx.activity_errors or 'none'}") from None
    check(len(ctx.slash_calls) > calls, "the command callback did not run")
    c = ctx.slash_calls[-1]
    check(c.initiator.user.user_id == ctx.tester_user.id, f"initiator {c.initiator.user.user_id}")
    return "the bot answered through the datafeed"


async def slash_without_mention(ctx):
    mark = len(ctx.feed.seen)
    await ctx.tester.messages().send_message(ctx.im, "<messageML>/compat-ping</messageML>")
    await _reply(ctx, "pong", mark)
    return "pong"


async def command_on_text(ctx):
    mark = len(ctx.feed.seen)
    await ctx.tester.messages().send_message(
        ctx.im, f'<messageML><mention uid="{ctx.bot.id}"/> /compat-at now</messageML>')
    await _reply(ctx, "at: ok", mark)
    check(ctx.at_command.calls, "the activity did not run")
    return f"matched {ctx.at_command.calls[-1].text_content!r}"


async def send_form(ctx):
    form_id = ctx.bot_form.form_id
    ml = (f'<messageML><form id="{form_id}"><h3>Compat</h3>'
          '<text-field name="answer" placeholder="your answer"/>'
          '<select name="choice"><option value="a" selected="true">A</option><option value="b">B</option></select>'
          '<button name="send" type="action">Send</button></form></messageML>')
    msg = await ctx.bdk.messages().send_message(ctx.im, ml)
    check(form_id in msg.message, f"the form id is not in {msg.message[:200]!r}")
    check("<form" in msg.message and "answer" in msg.message, f"no form in {msg.message[:200]!r}")
    return msg.message_id


async def form_reply(ctx):
    """The tester submits the bot's form through the simulator's own
    Elements endpoint, where it has one; the bot's FormReplyActivity gets
    the SYMPHONYELEMENTSACTION and answers."""
    if not ctx.form:
        raise Skip("no form: activity.form.send failed")
    status, answer = await ctx.admin.request("GET", ELEMENTS_PROBE)
    if status != 200 or not isinstance(answer, dict) or not answer.get("submit"):
        raise Skip(f"{FORM_SKIP} (GET {ELEMENTS_PROBE} answered {status})")
    token = await ctx.tester.bot_session().session_token
    mark = len(ctx.feed.seen)
    submission = {"messageId": ctx.form, "formId": ctx.bot_form.form_id, "action": "send",
                  "formValues": {"answer": "forty-two", "choice": "b"}}
    status, answer = await ctx.admin.request("POST", ELEMENTS_SUBMIT, submission, {"sessionToken": token})
    check(200 <= status < 300, f"POST {ELEMENTS_SUBMIT} answered {status} {answer}")
    await _reply(ctx, "form: forty-two", mark)
    c = ctx.bot_form.calls[-1]
    check(c.initiator.user.user_id == ctx.tester_user.id, f"submitted by {c.initiator.user.user_id}")
    check(c.get_form_value("choice") == "b", f"form values {c.form_values}")
    return f"submitted by the tester through {ELEMENTS_SUBMIT}; values {sorted(c.form_values)}"


async def form_replies(ctx):
    actions = [s.event for s in ctx.feed.seen if s.type == "SYMPHONYELEMENTSACTION"
               and s.event.initiator.user.user_id != ctx.bot.id]
    if not actions:
        raise Skip("no form was submitted during the run")
    got = {(c.form_id, c.initiator.user.user_id) for c in ctx.form_replies.calls}
    want = {(a.payload.symphony_elements_action.form_id, a.initiator.user.user_id) for a in actions}
    check(want <= got, f"submissions not handed to the activity: {sorted(want - got)[:3]}")
    c = ctx.form_replies.calls[-1]
    check(c.form_values, f"no form values in the submission of {c.form_id}")
    return f"{len(want)} submissions, e.g. {c.form_id} with {sorted(c.form_values)[:4]}"


async def late_registration(ctx):
    """A slash command that needs the bot mentioned, registered after the
    datafeed loop has handed on its first message."""
    calls = []

    @ctx.bdk.activities().slash("/compat-late", True, "registered late")
    async def late(context: CommandContext):
        calls.append(context)
        await ctx.bdk.messages().send_message(context.stream_id, "<messageML>late: ok</messageML>")

    mark = len(ctx.feed.seen)
    await ctx.tester.messages().send_message(
        ctx.im, f'<messageML><mention uid="{ctx.bot.id}"/> /compat-late</messageML>')
    try:
        await _reply(ctx, "late: ok", mark)
    except Failure:
        activity = [a for a in ctx.bdk.activities().activity_list if getattr(a, "name", "") == "/compat-late"]
        if activity and activity[0].bot_user_id is None:
            raise BdkDefect(
                "an activity registered after the datafeed loop handed on its first message never learns "
                "the bot's user id (ActivityRegistry.fetch_bot_info sets it once, on the activities "
                "registered by then), so a slash command that needs the bot mentioned never matches",
                "register every activity before datafeed().start(), or set activity.bot_user_id = "
                "(await bdk.sessions().get_session()).id on one registered later") from None
        raise
    return "answered"
