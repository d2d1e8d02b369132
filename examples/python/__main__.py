"""A Cliq bot, its menu and its channel membership through the `cliq` provider plugin's Python SDK."""
import pulumi
import pulumi_cliq as cliq

config = pulumi.Config()

alerts = cliq.Bot(
    "alerts",
    name=config.get("botName") or "Release Alerts",
    description="Build and release alerts from CI",
    execution_type="webhook",
    execution_url="https://ci.example.com/cliq/release",
    channel_participation=["listen_message", "send_message"],
)
# Deleting a bot deletes its handlers and memberships, so destroy spends one request, not three.
cliq.BotHandler(
    "runbook-menu",
    bot_id=alerts.id,
    type="menu_handler",
    name="Runbook",
    icon="wand/FF5733",
    permissions=["chat"],
    opts=pulumi.ResourceOptions(deleted_with=alerts),
)
cliq.ChannelAssociation(
    "alerts-in-ops",
    bot_unique_name=alerts.unique_name,
    channel_unique_name="ops",
    opts=pulumi.ResourceOptions(deleted_with=alerts),
)

pulumi.export("botId", alerts.id)
pulumi.export("uniqueName", alerts.unique_name)
