/**
 * The configuration RPCs: CheckConfig (validate, naming the key), DiffConfig (which settings changed) and
 * Configure (a new provider instance). @pulumi/pulumi's own provider server (3.248 to 3.276) leaves CheckConfig
 * and DiffConfig unimplemented and answers Configure without handing the config to the provider, which is why
 * this plugin serves the gRPC service itself.
 */
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import type { Env } from "../config";
import { changedSettings, checkConfig, fromVariables, secretSettingKeys } from "./config";
import { propertyDiffKind } from "./diff";
import { fromStruct, toStruct } from "./values";

/**
 * CheckConfig: the settings checked as `configure` would; the secret ones travel back as secrets. A failure names
 * the key in its reason only, so that the refused value reaches no output.
 */
export function checkConfigRpc(req: provproto.CheckRequest, env: Env): provproto.CheckResponse {
  const news = fromStruct(req.getNews());
  const response = new provproto.CheckResponse();
  const secrets = new Set([...secretSettingKeys(news.props), ...news.secretKeys]);
  response.setInputs(toStruct(news.props, secrets));
  response.setFailuresList(
    // No property named: the engine would print the refused value beside it as given, in plain text when it
    // came from plain config (a secret pasted into the wrong key). The reason names the `cliq:` key instead.
    checkConfig(news.props, env).map((failure) => new provproto.CheckFailure().setReason(failure.reason)),
  );
  return response;
}

/**
 * DiffConfig: the settings that changed, updated in place. A new data center or URL never replaces the
 * provider (which would replace every object it manages): objects stay where they were made, and reaching them
 * through another host is refused unless `movedFrom` names the old one (see client/api-host.ts).
 */
export function diffConfigRpc(req: provproto.DiffRequest): provproto.DiffResponse {
  const olds = fromStruct(req.hasOldInputs() ? req.getOldInputs() : req.getOlds()).props;
  const news = fromStruct(req.getNews()).props;
  const changed = changedSettings(olds, news);
  const response = new provproto.DiffResponse();
  response.setHasdetaileddiff(true);
  if (changed.length === 0) {
    response.setChanges(provproto.DiffResponse.DiffChanges.DIFF_NONE);
    return response;
  }
  response.setChanges(provproto.DiffResponse.DiffChanges.DIFF_SOME);
  response.setDiffsList(changed);
  const map = response.getDetaileddiffMap();
  for (const key of changed) {
    const entry = new provproto.PropertyDiff();
    entry.setKind(propertyDiffKind(olds[key], news[key], false));
    map.set(key, entry);
  }
  return response;
}

/** Configure's settings: its `args` (newer engines) or its `variables` (`cliq:config:<key>`). */
export function configureSettings(req: provproto.ConfigureRequest): Record<string, unknown> {
  if (req.hasArgs()) return fromStruct(req.getArgs()).props;
  return fromVariables(req.getVariablesMap().toArray());
}

/** Configure's answer: secrets, resource references and previews are all handled by this plugin. */
export function configureResponse(): provproto.ConfigureResponse {
  const response = new provproto.ConfigureResponse();
  response.setAcceptsecrets(true);
  response.setAcceptresources(true);
  response.setSupportspreview(true);
  response.setAcceptoutputs(false);
  return response;
}
