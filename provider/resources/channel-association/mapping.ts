export interface ChannelAssociationAddress {
  botUniqueName: string;
  channelUniqueName: string;
}

export function channelAssociationId(address: ChannelAssociationAddress): string {
  return `${address.botUniqueName}/${address.channelUniqueName}`;
}

export function parseChannelAssociationId(id: string): ChannelAssociationAddress {
  const parts = id.split("/");
  if (parts.length !== 2 || !parts[0] || !parts[1]) {
    throw new Error(`"${id}" is not a ChannelAssociation id: expected "<botUniqueName>/<channelUniqueName>"`);
  }
  return { botUniqueName: parts[0], channelUniqueName: parts[1] };
}
