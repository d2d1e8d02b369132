import type * as pulumi from "@pulumi/pulumi";
import type { ProviderKind } from "../provider/resources/providers";

/** Which provider object of `pulumi-zoho-cliq/provider` a resource uses. */
export type { ProviderKind };

/** Module of each kind's provider, relative to this file (see provider/kinds). */
const KIND_MODULES: Record<ProviderKind, string> = {
  bot: "../provider/kinds/bot",
  botHandler: "../provider/kinds/bot-handler",
  channelAssociation: "../provider/kinds/channel-association",
};

/**
 * The provider a resource hands to `pulumi.dynamic.Resource`, which serializes it into every resource's state.
 *
 * Installed from npm (the package sits under `node_modules`), the provider is the kind's module itself:
 * Pulumi's closure serializer captures a module under `node_modules` by reference, so state holds only
 * `require("pulumi-zoho-cliq/provider/<kind>")` (about 270 bytes). Anywhere else (a source checkout, an
 * `npm link`ed copy) the serializer would try to capture the implementation by value, which cannot work
 * (zod's bound functions are not serializable), so the resource gets {@link providerShim} instead.
 */
export function serializableProvider(kind: ProviderKind): pulumi.dynamic.ResourceProvider {
  const modulePath = require.resolve(KIND_MODULES[kind]);
  return isUnderNodeModules(modulePath) ? require(modulePath) : providerShim(kind);
}

/** Whether Pulumi's serializer will capture a module at this absolute path by reference (`require`). */
export function isUnderNodeModules(modulePath: string): boolean {
  return modulePath.split(/[\\/]/).includes("node_modules");
}

/**
 * A provider whose methods load the real implementation by package name when called, capturing only `kind`.
 * The serialized text stays small (about 2.2 KB with @pulumi/pulumi 3.248, whose closure serializer wraps each
 * of the seven methods in ~190 bytes of scaffolding), holds no secret and no path, and delete/refresh run the
 * installed package's current code. One `require` cache also means one shared client (token cache, rate
 * limiters) for all resources of a run.
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
