import type * as pulumi from "@pulumi/pulumi";

/** Which provider object of `pulumi-zoho-cliq/provider` a resource uses. */
export type ProviderKind = "bot" | "botHandler" | "channelAssociation";

/**
 * The provider stored (serialized) in each resource's state. It captures only `kind`: every method loads the
 * real implementation by package name when called, so the serialized text stays small, holds no secret and no
 * path, and delete/refresh run the installed package's current code. One `require` cache also means one
 * shared client (token cache, rate limiters) for all resources of a run. Size: about 2.2 KB with
 * @pulumi/pulumi 3.248, whose closure serializer wraps each of the seven methods in ~190 bytes of scaffolding.
 */
export function providerShim(kind: ProviderKind): pulumi.dynamic.ResourceProvider {
  return {
    configure: (req) => require("pulumi-zoho-cliq/provider")[kind].configure(req),
    check: (olds, news) => require("pulumi-zoho-cliq/provider")[kind].check(olds, news),
    diff: (id, olds, news) => require("pulumi-zoho-cliq/provider")[kind].diff(id, olds, news),
    create: (inputs) => require("pulumi-zoho-cliq/provider")[kind].create(inputs),
    read: (id, props) => require("pulumi-zoho-cliq/provider")[kind].read(id, props),
    update: (id, olds, news) => require("pulumi-zoho-cliq/provider")[kind].update(id, olds, news),
    delete: (id, props) => require("pulumi-zoho-cliq/provider")[kind].delete(id, props),
  };
}
