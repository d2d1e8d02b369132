/**
 * The property tables' `PackageType`s as Pulumi package schema `TypeSpec`s. The tables may say `enum` and give
 * inline objects; Pulumi's schema allows neither inside a property (enums and objects are named types under
 * `types`), so enums become plain strings whose allowed values the description lists (Check enforces them at
 * plan time, with the property named, in every language), and each object becomes a named type.
 */
import type { OutputSpec, PackageType, PropertySpec } from "../resources/shared/properties";
import { spelledValues } from "../resources/shared/value-kinds";

/** A Pulumi schema property (`PropertySpec` in Pulumi's metaschema). */
export interface SchemaProperty {
  type?: string;
  items?: SchemaProperty;
  $ref?: string;
  description?: string;
  secret?: boolean;
  replaceOnChange?: boolean;
  default?: string;
}

/** A Pulumi schema object type (`ObjectTypeSpec`). */
export interface SchemaObjectType {
  type: "object";
  description: string;
  properties: Record<string, SchemaProperty>;
  required?: string[];
}

/** The named object types collected while converting, by token. */
export type NamedTypes = Record<string, SchemaObjectType>;

/** `subActions` -> `SubAction`, `creator` -> `Creator`: the name of the type of one element or object. */
function singular(property: string): string {
  const name = property.charAt(0).toUpperCase() + property.slice(1);
  return name.endsWith("s") ? name.slice(0, -1) : name;
}

/** The allowed values, for the description of a property whose table type is an enum. */
function enumNote(type: PackageType): string {
  if (type.type === "array") return enumNote(type.items);
  if ("enum" in type && type.enum !== undefined) {
    return ` Allowed values: ${spelledValues(type.enum)}.`;
  }
  return "";
}

/**
 * The schema type of a table type. Objects are registered in `types` under `cliq:index:<owner><Property>` and
 * referenced; arrays convert their items.
 */
export function toSchemaType(
  type: PackageType,
  owner: string,
  property: string,
  types: NamedTypes,
): SchemaProperty {
  switch (type.type) {
    case "array":
      return { type: "array", items: toSchemaType(type.items, owner, property, types) };
    case "object": {
      const token = `cliq:index:${owner}${singular(property)}`;
      const properties: Record<string, SchemaProperty> = {};
      for (const [key, inner] of Object.entries(type.properties)) {
        properties[key] = {
          ...toSchemaType(inner, `${owner}${singular(property)}`, key, types),
          ...(inner.description === undefined ? {} : { description: inner.description + enumNote(inner) }),
        };
      }
      types[token] = {
        type: "object",
        description: `One ${property} entry of a ${owner}.`,
        properties,
        ...(type.required === undefined ? {} : { required: [...type.required] }),
      };
      return { $ref: `#/types/${token}` };
    }
    default:
      return { type: type.type };
  }
}

/** An input property of a resource, from its table spec. */
export function inputProperty(
  spec: PropertySpec,
  owner: string,
  key: string,
  types: NamedTypes,
): SchemaProperty {
  return {
    ...toSchemaType(spec.type, owner, key, types),
    description: spec.description + enumNote(spec.type),
    ...(spec.secret ? { secret: true } : {}),
    ...(spec.replaceOnChange ? { replaceOnChange: true } : {}),
    ...(spec.default === undefined ? {} : { default: spec.default }),
  };
}

/** An output property of a resource, from its outputs table. */
export function outputProperty(
  spec: OutputSpec,
  owner: string,
  key: string,
  types: NamedTypes,
): SchemaProperty {
  return {
    ...toSchemaType(spec.type, owner, key, types),
    description: spec.description + enumNote(spec.type),
  };
}
