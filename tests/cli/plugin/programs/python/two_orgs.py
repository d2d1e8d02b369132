"""Two Cliq organisations in one stack: an explicit provider for each, the same bot name in both."""
import pulumi
import pulumi_cliq as cliq

HELP_SCRIPT = 'return {"text": "See the runbook"};\n'


def organisation(org: str) -> cliq.Provider:
    """The provider of one organisation, configured from the stack's `<org>:*` settings."""
    config = pulumi.Config(org)
    return cliq.Provider(
        org,
        api_url=config.require("apiUrl"),
        accounts_url=config.require("accountsUrl"),
        client_id=config.require("clientId"),
        client_secret=config.require_secret("clientSecret"),
        refresh_token=config.require_secret("refreshToken"),
    )


def alerts(org: str, description: str) -> None:
    """A bot, its Help menu and its membership of `ops`, in the given organisation."""
    opts = pulumi.ResourceOptions(provider=organisation(org))
    bot = cliq.Bot(f"{org}-alerts", name="Pipeline Alerts", description=description, opts=opts)
    cliq.BotHandler(f"{org}-help", bot_id=bot.id, type="menu_handler", name="Help", script=HELP_SCRIPT, opts=opts)
    cliq.ChannelAssociation(
        f"{org}-in-ops", bot_unique_name=bot.unique_name, channel_unique_name="ops", opts=opts
    )
    pulumi.export(f"{org}BotId", bot.id)


alerts("orgA", "Alerts of organisation A")
if pulumi.Config().get_bool("withOrgB") is not False:
    alerts("orgB", "Alerts of organisation B")
