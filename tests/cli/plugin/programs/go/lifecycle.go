// The lifecycle program in Go: a webhook bot, its menu handler and its channel membership.
package main

import (
	"github.com/pulumi-zoho-cliq/pulumi-zoho-cliq/sdk/go/cliq"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		name := cfg.Get("botName")
		if name == "" {
			name = "Pipeline Alerts"
		}
		bot, err := cliq.NewBot(ctx, "alerts", &cliq.BotArgs{
			Name:                 pulumi.String(name),
			Description:          pulumi.String(cfg.Require("description")),
			ExecutionType:        pulumi.String("webhook"),
			ExecutionUrl:         pulumi.String("https://ci.example.com/cliq"),
			ChannelParticipation: pulumi.ToStringArray([]string{"listen_message", "send_message"}),
		})
		if err != nil {
			return err
		}
		_, err = cliq.NewBotHandler(ctx, "help-menu", &cliq.BotHandlerArgs{
			BotId:       bot.ID().ToStringOutput(),
			Type:        pulumi.String("menu_handler"),
			Name:        pulumi.String("Help"),
			Icon:        pulumi.String("wand/FF5733"),
			Permissions: pulumi.ToStringArray([]string{"chat"}),
			SubActions:  cliq.BotHandlerSubActionArray{cliq.BotHandlerSubActionArgs{Name: pulumi.String("Docs")}},
		})
		if err != nil {
			return err
		}
		_, err = cliq.NewChannelAssociation(ctx, "alerts-in-ops", &cliq.ChannelAssociationArgs{
			BotUniqueName:     bot.UniqueName,
			ChannelUniqueName: pulumi.String("ops"),
		})
		if err != nil {
			return err
		}
		ctx.Export("botId", bot.ID())
		ctx.Export("uniqueName", bot.UniqueName)
		return nil
	})
}
