import * as pulumi from "@pulumi/pulumi";
pulumi.runtime.setMocks({
  newResource(args) { console.log("new", args.type, Object.keys(args.inputs)); return { id: "1", state: {...args.inputs, uniqueName: "u1"} }; },
  call() { return {}; },
}, "p", "s", false);
import * as cliq from "../../sdk";
const bot = new cliq.Bot("alerts", { name: "x", description: "y", teamIds: ["1"], scope: "team", channelParticipation: ["send_message"] });
new cliq.BotHandler("alerts-messages", { botId: bot.id, type: "message_handler", permissions: ["chat", "user"] });
new cliq.BotHandler("help-menu", { botId: bot.id, type: "menu_handler", name: "Help", subActions: [{ name: "Docs" }] , permissions: ["chat"]});
new cliq.ChannelAssociation("alerts-in-ops", { botUniqueName: bot.uniqueName, channelUniqueName: "ops" });
pulumi.all([bot.id, bot.uniqueName]).apply((v) => console.log("all", v));
setTimeout(() => console.log("done"), 5000);
