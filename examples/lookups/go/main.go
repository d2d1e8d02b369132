// Reading existing bots at program time: plain data, no resource, no state; works during `pulumi preview`.
package main

import (
	"sort"

	"github.com/pulumi-zoho-cliq/pulumi-zoho-cliq/sdk/go/cliq"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		name := config.New(ctx, "").Get("botName")
		if name == "" {
			name = "Release Alerts"
		}
		// getBot is LookupBot in Go (GetBot reads a Bot resource). Exactly one of Id, Name (compared without
		// regard to case) or UniqueName; fails when no bot matches.
		found, err := cliq.LookupBot(ctx, &cliq.LookupBotArgs{Name: pulumi.StringRef(name)})
		if err != nil {
			return err
		}
		everything, err := cliq.ListBots(ctx, &cliq.ListBotsArgs{})
		if err != nil {
			return err
		}
		names := []string{}
		for _, bot := range everything.Bots {
			names = append(names, bot.Name)
		}
		sort.Strings(names)

		ctx.Export("uniqueName", pulumi.String(found.UniqueName))
		ctx.Export("botId", pulumi.String(found.BotId))
		ctx.Export("botNames", pulumi.ToStringArray(names))
		return nil
	})
}
