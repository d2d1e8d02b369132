/**
 * The SDK's argument and output types, read off the property tables (provider/resources/<kind>/properties.ts)
 * by type-level mapping: a property's package `type` states its type once; `Args` fields and output
 * declarations keep their own documentation, and take their types from here.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { OutputSpec, PropertySpec } from "../provider/resources/shared/properties";
import type { ValueOf } from "../provider/resources/shared/property-types";

/** A program's value of a package type: each field of an object may be a `pulumi.Input` too. */
export type InputValueOf<P> = P extends {
  type: "object";
  properties: infer F;
  required: readonly (infer R)[];
}
  ? { -readonly [K in R & keyof F]: pulumi.Input<ValueOf<F[K]>> } & {
      -readonly [K in Exclude<keyof F, R>]?: pulumi.Input<ValueOf<F[K]>>;
    }
  : ValueOf<P>;

/** A program's argument for a row: its value type as a `pulumi.Input`, each array element one too. */
export type ArgOf<S extends PropertySpec> = S["type"] extends { type: "array"; items: infer I }
  ? pulumi.Input<pulumi.Input<InputValueOf<I>>[]>
  : pulumi.Input<InputValueOf<S["type"]>>;

/** The output of an argument row: its value, or undefined when `check` may leave it out. */
export type ArgOutputOf<S extends PropertySpec> = pulumi.Output<
  ValueOf<S["type"]> | (S extends { required: true } | { default: string } ? never : undefined)
>;

/** The output of a computed row: its value, or undefined unless Cliq reports it for every object. */
export type ComputedOf<S extends OutputSpec> = pulumi.Output<
  ValueOf<S["type"]> | (S extends { always: true } ? never : undefined)
>;
