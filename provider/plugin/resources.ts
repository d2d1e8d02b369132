/**
 * The resource RPCs (Check, Diff, Create, Read, Update, Delete) over the same provider objects the dynamic
 * resources use. Only the translation lives here: wire values to plain records and back, secrets kept secret,
 * previews answered without an API call, detailed diffs, and the inputs a Read gives `pulumi import`.
 */
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import type { PropertyTable } from "../resources/shared/properties";
import { UNKNOWN } from "../resources/shared/unknown";
import { detailedDiff, previewCreateOutputs, previewUpdateOutputs } from "./diff";
import { withSecretKeys } from "./errors";
import { kindOf, type PluginKind } from "./kinds";
import type { PluginInstance } from "./instance";
import { pluginSpecs } from "./package-schema";
import { fromStruct, toStruct, type Unwrapped } from "./values";

type Props = Record<string, unknown>;

/** The keys a kind's outputs carry as secrets: the table's secret arguments and whatever came in secret. */
function secretKeys(kind: PluginKind, ...sources: Unwrapped[]): Set<string> {
  const keys = new Set<string>();
  for (const [key, spec] of Object.entries(kind.table)) if (spec.secret) keys.add(key);
  for (const source of sources) for (const key of source.secretKeys) keys.add(key);
  return keys;
}

/** Check: the resource's own validation; failures name the property, nothing reaches the API. */
export async function check(instance: PluginInstance, req: provproto.CheckRequest) {
  const kind = kindOf(req.getType(), req.getUrn());
  const olds = fromStruct(req.getOlds());
  const news = fromStruct(req.getNews());
  const result = await instance.providers[kind.kind].check(olds.props, news.props);
  const response = new provproto.CheckResponse();
  response.setInputs(toStruct(result.inputs, secretKeys(kind, news)));
  response.setFailuresList(
    result.failures.map((failure) => {
      const out = new provproto.CheckFailure();
      out.setProperty(failure.property);
      out.setReason(failure.reason);
      return out;
    }),
  );
  return response;
}

/** Diff: the resource's verdict (changes, replaces, delete-before-replace) with a kind for each property. */
export async function diff(instance: PluginInstance, req: provproto.DiffRequest) {
  const kind = kindOf(req.getType(), req.getUrn());
  const olds = fromStruct(req.getOlds()).props;
  const news = fromStruct(req.getNews()).props;
  const result = await instance.providers[kind.kind].diff(req.getId(), olds, news);
  const response = new provproto.DiffResponse();
  if (!result.changes) {
    response.setChanges(provproto.DiffResponse.DiffChanges.DIFF_NONE);
    response.setHasdetaileddiff(true);
    return response;
  }
  const details = detailedDiff(kind, olds, news, result.replaces);
  response.setChanges(provproto.DiffResponse.DiffChanges.DIFF_SOME);
  response.setReplacesList(result.replaces);
  response.setDeletebeforereplace(result.deleteBeforeReplace);
  response.setDiffsList(Object.keys(details));
  response.setHasdetaileddiff(true);
  const map = response.getDetaileddiffMap();
  for (const [key, value] of Object.entries(details)) {
    const entry = new provproto.PropertyDiff();
    entry.setKind(value);
    entry.setInputdiff(false);
    map.set(key, entry);
  }
  return response;
}

/** Create: in a preview, the inputs with Cliq's outputs unknown; otherwise the object made in Cliq. */
export async function create(instance: PluginInstance, req: provproto.CreateRequest) {
  const kind = kindOf(req.getType(), req.getUrn());
  const inputs = fromStruct(req.getProperties());
  const response = new provproto.CreateResponse();
  const secrets = secretKeys(kind, inputs);
  if (req.getPreview()) {
    response.setProperties(toStruct(previewCreateOutputs(kind, inputs.props, UNKNOWN), secrets));
    return response;
  }
  const created = await instance.providers[kind.kind]
    .create(inputs.props)
    .catch((error: unknown) => Promise.reject(withSecretKeys(error, secrets)));
  response.setId(created.id);
  response.setProperties(toStruct(created.outs, secrets));
  return response;
}

/** The inputs of an object read from Cliq alone (import): its arguments as the outputs report them. */
export function inputsFromOutputs(table: PropertyTable, outputs: Props): Props {
  const inputs: Props = {};
  for (const [key, spec] of pluginSpecs(table)) {
    if (spec.compare !== "none" && outputs[key] !== undefined) inputs[key] = outputs[key];
  }
  return inputs;
}

/**
 * Read: refresh (with the recorded outputs) or import (the id alone). An object gone from Cliq answers no id,
 * so refresh drops it; an import of a missing id fails naming it. The inputs answered are the recorded ones on
 * refresh and, on import, the arguments rebuilt from what Cliq holds, so the generated code matches the object.
 */
export async function read(instance: PluginInstance, req: provproto.ReadRequest) {
  const kind = kindOf(req.getType(), req.getUrn());
  const recorded = fromStruct(req.getProperties());
  const oldInputs = fromStruct(req.getInputs());
  const result = await instance.providers[kind.kind].read(req.getId(), recorded.props);
  const response = new provproto.ReadResponse();
  if (result.id === undefined || result.props === undefined) return response;
  const imported = Object.keys(oldInputs.props).length === 0;
  const inputs = imported ? inputsFromOutputs(kind.table, result.props) : oldInputs.props;
  const secrets = secretKeys(kind, recorded, oldInputs);
  response.setId(result.id);
  response.setProperties(toStruct(result.props, secrets));
  response.setInputs(toStruct(inputs, secrets));
  return response;
}

/** Update: in a preview, the recorded outputs with the new inputs over them; otherwise the change in Cliq. */
export async function update(instance: PluginInstance, req: provproto.UpdateRequest) {
  const kind = kindOf(req.getType(), req.getUrn());
  const olds = fromStruct(req.getOlds());
  const news = fromStruct(req.getNews());
  const secrets = secretKeys(kind, olds, news);
  const response = new provproto.UpdateResponse();
  if (req.getPreview()) {
    response.setProperties(toStruct(previewUpdateOutputs(kind, olds.props, news.props), secrets));
    return response;
  }
  const updated = await instance.providers[kind.kind].update(req.getId(), olds.props, news.props);
  response.setProperties(toStruct(updated.outs, secrets));
  return response;
}

/** Delete: gone already is success; what cannot be deleted warns (see the resource providers). */
export async function remove(instance: PluginInstance, req: provproto.DeleteRequest): Promise<void> {
  const kind = kindOf(req.getType(), req.getUrn());
  await instance.providers[kind.kind].delete(req.getId(), fromStruct(req.getProperties()).props);
}
