"""Reading existing bots at program time: plain data, no resource, no state; works during `pulumi preview`."""
import pulumi
import pulumi_cliq as cliq

config = pulumi.Config()

# Exactly one of id, name (compared without regard to case) or unique_name; fails when no bot matches.
found = cliq.get_bot(name=config.get("botName") or "Release Alerts")
everything = cliq.list_bots()

pulumi.export("uniqueName", found.unique_name)
pulumi.export("botId", found.bot_id)
pulumi.export("botNames", sorted(bot.name for bot in everything.bots))
