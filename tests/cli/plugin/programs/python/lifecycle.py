"""The lifecycle program in Python: a webhook bot, its menu handler and its channel membership."""
import pulumi
import pulumi_cliq as cliq

config = pulumi.Config()

bot = cliq.Bot(
    "alerts",
    name=config.get("botName") or "Pipeline Alerts",
    description=config.require("description"),
    execution_type="webhook",
    execution_url="https://ci.example.com/cliq",
    channel_participation=["listen_message", "send_message"],
)
cliq.BotHandler(
    "help-menu",
    bot_id=bot.id,
    type="menu_handler",
    name="Help",
    icon="wand/FF5733",
    permissions=["chat"],
    sub_actions=[{"name": "Docs"}],
)
cliq.ChannelAssociation("alerts-in-ops", bot_unique_name=bot.unique_name, channel_unique_name="ops")

pulumi.export("botId", bot.id)
pulumi.export("uniqueName", bot.unique_name)
