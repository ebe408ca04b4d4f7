"""An echo bot: answers every message with its text, and /form with a form."""
import asyncio
import html

from symphony.bdk.core.activity.command import CommandContext
from symphony.bdk.core.activity.form import FormReplyActivity, FormReplyContext
from symphony.bdk.core.config.loader import BdkConfigLoader
from symphony.bdk.core.service.datafeed.real_time_event_listener import RealTimeEventListener
from symphony.bdk.core.service.message.message_parser import get_text_content_from_message
from symphony.bdk.core.symphony_bdk import SymphonyBdk


class Echo(RealTimeEventListener):
    def __init__(self, messages):
        self._messages = messages

    async def on_message_sent(self, initiator, event):
        text = get_text_content_from_message(event.message)
        if text.strip().startswith("/form"):
            return
        await self._messages.send_message(event.message.stream.stream_id,
                                          f"<messageML>echo: {html.escape(text)}</messageML>")


class Lunch(FormReplyActivity):
    def __init__(self, messages):
        self._messages = messages

    def matches(self, context: FormReplyContext) -> bool:
        return context.form_id == "lunch"

    async def on_activity(self, context: FormReplyContext):
        dish = html.escape(context.get_form_value("dish"))
        await self._messages.send_message(context.source_event.stream.stream_id,
                                          f"<messageML>{dish} it is, {context.get_form_value('action')}ed.</messageML>")


async def main():
    config = BdkConfigLoader.load_from_file("config.yaml")
    async with SymphonyBdk(config) as bdk:
        messages = bdk.messages()

        @bdk.activities().slash("/form", mention_bot=False)
        async def form(context: CommandContext):
            await messages.send_message(context.stream_id,
                                        '<messageML><form id="lunch"><text-field name="dish" label="Dish" required="true"/>'
                                        '<button name="order" type="action">Order</button></form></messageML>')

        bdk.activities().register(Lunch(messages))
        bdk.datafeed().subscribe(Echo(messages))
        await bdk.datafeed().start()


asyncio.run(main())
