"""Two Cliq bots, their handlers and a channel membership through the `cliq` provider plugin's Python SDK."""
import pulumi
import pulumi_cliq as cliq

config = pulumi.Config()
prefix = config.get("namePrefix") or ""
channel = config.get("channel") or "ops"

# A webhook bot: Cliq posts its handlers' events to execution_url.
alerts = cliq.Bot(
    "alerts",
    name=f"{prefix}Release Alerts",
    description="Build and release alerts from CI",
    execution_type="webhook",
    execution_url="https://ci.example.com/cliq/release",
    channel_participation=["listen_message", "send_message"],
    status_messages=["Watching your pipelines"],
)
# Deleting a bot deletes its handlers and ends its memberships: destroy sends one request per bot.
with_alerts = pulumi.ResourceOptions(deleted_with=alerts)
cliq.BotHandler(
    "alerts-messages",
    bot_id=alerts.id,
    type="message_handler",
    permissions=["chat", "user"],
    opts=with_alerts,
)
cliq.BotHandler(
    "alerts-runbook",
    bot_id=alerts.id,
    type="menu_handler",
    name="Runbook",
    icon="wand/FF5733",
    permissions=["chat"],
    sub_actions=[{"name": "Rollback"}, {"name": "Status"}],
    opts=with_alerts,
)
cliq.ChannelAssociation(
    "alerts-in-channel",
    bot_unique_name=alerts.unique_name,
    channel_unique_name=channel,
    opts=with_alerts,
)

# A Deluge bot (the default execution type): its handlers are scripts Cliq runs.
support = cliq.Bot("support", name=f"{prefix}Support Desk", description="Answers support questions")
cliq.BotHandler(
    "support-welcome",
    bot_id=support.id,
    type="welcome_handler",
    script='return {"text": "Hello " + user.get("first_name") + ", how can I help?"};\n',
    opts=pulumi.ResourceOptions(deleted_with=support),
)

pulumi.export("alertsUniqueName", alerts.unique_name)
pulumi.export("supportBotId", support.id)
