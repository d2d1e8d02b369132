import { uniqueNameProblem } from "./inputs";
import { channelNameProblem } from "./properties";

export interface ChannelAssociationAddress {
  botUniqueName: string;
  channelUniqueName: string;
}

export function channelAssociationId(address: ChannelAssociationAddress): string {
  return `${address.botUniqueName}/${address.channelUniqueName}`;
}

/** The address in a ChannelAssociation id; both unique names obey the rules `check` applies to them. */
export function parseChannelAssociationId(id: string): ChannelAssociationAddress {
  const parts = String(id).split("/");
  const problem =
    parts.length !== 2 || !parts[0] || !parts[1]
      ? "expected"
      : (uniqueNameProblem(parts[0]) ?? channelNameProblem(parts[1]));
  if (problem !== undefined) {
    throw new Error(
      `${JSON.stringify(String(id).slice(0, 100))} is not a ChannelAssociation id: expected ` +
        `"<botUniqueName>/<channelUniqueName>"${problem === "expected" ? "" : ` (a unique name ${problem})`}; ` +
        "nothing was sent to Cliq",
    );
  }
  return { botUniqueName: parts[0]!, channelUniqueName: parts[1]! };
}
