// Two Cliq bots, their handlers and a channel membership through the `cliq` provider plugin's Go SDK.
package main

import (
	"github.com/pulumi-zoho-cliq/pulumi-zoho-cliq/sdk/go/cliq"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		prefix := cfg.Get("namePrefix")
		channel := cfg.Get("channel")
		if channel == "" {
			channel = "ops"
		}

		// A webhook bot: Cliq posts its handlers' events to ExecutionUrl.
		alerts, err := cliq.NewBot(ctx, "alerts", &cliq.BotArgs{
			Name:                 pulumi.String(prefix + "Release Alerts"),
			Description:          pulumi.String("Build and release alerts from CI"),
			ExecutionType:        pulumi.String("webhook"),
			ExecutionUrl:         pulumi.String("https://ci.example.com/cliq/release"),
			ChannelParticipation: pulumi.ToStringArray([]string{"listen_message", "send_message"}),
			StatusMessages:       pulumi.ToStringArray([]string{"Watching your pipelines"}),
		})
		if err != nil {
			return err
		}
		// Deleting a bot deletes its handlers and ends its memberships: destroy sends one request per bot.
		withAlerts := pulumi.DeletedWith(alerts)
		if _, err = cliq.NewBotHandler(ctx, "alerts-messages", &cliq.BotHandlerArgs{
			BotId:       alerts.ID().ToStringOutput(),
			Type:        pulumi.String("message_handler"),
			Permissions: pulumi.ToStringArray([]string{"chat", "user"}),
		}, withAlerts); err != nil {
			return err
		}
		if _, err = cliq.NewBotHandler(ctx, "alerts-runbook", &cliq.BotHandlerArgs{
			BotId:       alerts.ID().ToStringOutput(),
			Type:        pulumi.String("menu_handler"),
			Name:        pulumi.String("Runbook"),
			Icon:        pulumi.String("wand/FF5733"),
			Permissions: pulumi.ToStringArray([]string{"chat"}),
			SubActions: cliq.BotHandlerSubActionArray{
				cliq.BotHandlerSubActionArgs{Name: pulumi.String("Rollback")},
				cliq.BotHandlerSubActionArgs{Name: pulumi.String("Status")},
			},
		}, withAlerts); err != nil {
			return err
		}
		if _, err = cliq.NewChannelAssociation(ctx, "alerts-in-channel", &cliq.ChannelAssociationArgs{
			BotUniqueName:     alerts.UniqueName,
			ChannelUniqueName: pulumi.String(channel),
		}, withAlerts); err != nil {
			return err
		}

		// A Deluge bot (the default execution type): its handlers are scripts Cliq runs.
		support, err := cliq.NewBot(ctx, "support", &cliq.BotArgs{
			Name:        pulumi.String(prefix + "Support Desk"),
			Description: pulumi.String("Answers support questions"),
		})
		if err != nil {
			return err
		}
		if _, err = cliq.NewBotHandler(ctx, "support-welcome", &cliq.BotHandlerArgs{
			BotId:  support.ID().ToStringOutput(),
			Type:   pulumi.String("welcome_handler"),
			Script: pulumi.String("return {\"text\": \"Hello \" + user.get(\"first_name\") + \", how can I help?\"};\n"),
		}, pulumi.DeletedWith(support)); err != nil {
			return err
		}

		ctx.Export("alertsUniqueName", alerts.UniqueName)
		ctx.Export("supportBotId", support.ID())
		return nil
	})
}
