// A Zoho Cliq bot with a welcome script and a channel membership, through the `cliq` provider plugin.
package main

import (
	"github.com/pulumi-zoho-cliq/pulumi-zoho-cliq/sdk/go/cliq"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")

		// A Deluge bot (the default execution type): its handlers are scripts Cliq runs.
		bot, err := cliq.NewBot(ctx, "bot", &cliq.BotArgs{
			Name:        pulumi.String(cfg.Require("botName")),
			Description: pulumi.String("Made with Pulumi"),
		})
		if err != nil {
			return err
		}
		// Deleting a bot deletes its handlers and ends its memberships: destroy sends one request.
		withBot := pulumi.DeletedWith(bot)
		if _, err = cliq.NewBotHandler(ctx, "welcome", &cliq.BotHandlerArgs{
			BotId:  bot.ID().ToStringOutput(),
			Type:   pulumi.String("welcome_handler"),
			Script: pulumi.String("return {\"text\": \"Hello \" + user.get(\"first_name\") + \"!\"};\n"),
		}, withBot); err != nil {
			return err
		}
		if _, err = cliq.NewChannelAssociation(ctx, "membership", &cliq.ChannelAssociationArgs{
			BotUniqueName:     bot.UniqueName,
			ChannelUniqueName: pulumi.String(cfg.Require("channel")),
		}, withBot); err != nil {
			return err
		}

		ctx.Export("botId", bot.ID())
		ctx.Export("botUniqueName", bot.UniqueName)
		return nil
	})
}
