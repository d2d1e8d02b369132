"""A Zoho Cliq bot with a welcome script and a channel membership, through the `cliq` provider plugin."""
import pulumi
import pulumi_cliq as cliq

config = pulumi.Config()

# A Deluge bot (the default execution type): its handlers are scripts Cliq runs.
bot = cliq.Bot("bot", name=config.require("botName"), description="Made with Pulumi")
# Deleting a bot deletes its handlers and ends its memberships: destroy sends one request.
with_bot = pulumi.ResourceOptions(deleted_with=bot)
cliq.BotHandler(
    "welcome",
    bot_id=bot.id,
    type="welcome_handler",
    script='return {"text": "Hello " + user.get("first_name") + "!"};\n',
    opts=with_bot,
)
cliq.ChannelAssociation(
    "membership",
    bot_unique_name=bot.unique_name,
    channel_unique_name=config.require("channel"),
    opts=with_bot,
)

pulumi.export("botId", bot.id)
pulumi.export("botUniqueName", bot.unique_name)
