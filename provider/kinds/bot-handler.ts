/**
 * The `botHandler` provider object as a whole module (`pulumi-zoho-cliq/provider/bot-handler`). When the SDK runs from an
 * installed package, Pulumi's closure serializer captures this module by reference, so the provider stored in
 * state is a one-line `require("pulumi-zoho-cliq/provider/bot-handler")` (about 270 bytes) instead of a shim.
 */
import { botHandler } from "../resources/providers";

export = botHandler;
