/**
 * fast-check arbitraries for fuzzing the API's procedures from their own zod input schemas.
 *
 * No published library derives fast-check arbitraries from zod 4 (zod-fast-check supports zod 3
 * only), so the schemas go through zod's own `z.toJSONSchema` (the input side: what a client
 * sends) and `fromJsonSchema` maps the small JSON Schema subset they use to arbitraries.
 * Refinements a JSON Schema can't express (e.g. the OTP code's 6 digits) are covered by `hints`:
 * arbitraries per property name, mixed in with real values (table codes, item and order ids of a
 * seeded restaurant) so that some valid-shaped inputs reach the code behind the validation.
 */
import fc from "fast-check";
import { z } from "zod";

/** The JSON Schema (draft 2020-12) subset `z.toJSONSchema` writes for the API's input schemas. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
}

/** Arbitraries of real or well-formed values by property name (e.g. `tableCode`: the seeded tables' codes). */
export type Hints = Partial<Record<string, fc.Arbitrary<unknown>>>;

/** One fuzz input: a JSON value to send, or raw request text (malformed or too deep to stringify). */
export type FuzzInput = { kind: "value"; value: unknown } | { kind: "raw"; text: string };

/** Longest generated string and array of a valid-shaped input: enough to cross every limit, cheap to send. */
const MAX_GENERATED_STRING = 300;
const MAX_GENERATED_ITEMS = 8;

/** The JSON Schema of a procedure input as a client sends it (before transforms and defaults). */
export function inputJsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
}

/** A string of `schema`'s length and pattern (formats: `email`). */
function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? MAX_GENERATED_STRING, MAX_GENERATED_STRING);
  if (schema.format === "email") return fc.emailAddress();
  if (schema.pattern !== undefined)
    return fc
      .stringMatching(new RegExp(schema.pattern))
      .filter((value) => value.length >= minLength && value.length <= maxLength);
  // Any code point, bidirectional controls and emoji included.
  return fc.string({ unit: "binary", minLength, maxLength });
}

/**
 * An arbitrary of values valid against `schema` (as far as JSON Schema can say), where a property
 * named in `hints` takes its hint's values three times in four.
 */
export function fromJsonSchema(schema: JsonSchema, hints: Hints = {}): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((alternative) => fromJsonSchema(alternative, hints)));
  if (Array.isArray(schema.type))
    return fc.oneof(...schema.type.map((type) => fromJsonSchema({ ...schema, type }, hints)));
  switch (schema.type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
      return fc.integer({ min: schema.minimum ?? -(2 ** 31), max: schema.maximum ?? 2 ** 31 });
    case "number":
      return fc.double({ min: schema.minimum, max: schema.maximum, noNaN: true, noDefaultInfinity: true });
    case "string":
      return stringOf(schema);
    case "array":
      return fc.array(schema.items ? fromJsonSchema(schema.items, hints) : fc.jsonValue(), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? MAX_GENERATED_ITEMS, MAX_GENERATED_ITEMS),
      });
    case "object": {
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        const hint = hints[name];
        const generic = fromJsonSchema(property, hints);
        model[name] = hint ? fc.oneof({ weight: 3, arbitrary: hint }, { weight: 1, arbitrary: generic }) : generic;
      }
      return fc.record(model, { requiredKeys: schema.required ?? [] });
    }
    default:
      return fc.jsonValue();
  }
}

/** Values of every JSON type but the expected one, and MongoDB query operators (NoSQL injection). */
const wrongTypeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string(),
  fc.array(fc.jsonValue(), { maxLength: 5 }),
  fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 5 }),
  fc.constantFrom<unknown>(
    { $gt: "" },
    { $ne: null },
    { $where: "sleep(1000)" },
    { $regex: ".*" },
    // An own `__proto__` key, as JSON.parse makes it (an object literal would set the prototype).
    JSON.parse('{"__proto__":{"isAdmin":true}}'),
  ),
);

/** Fields that pollute a prototype when an input is merged into an object carelessly. */
const POLLUTING_FIELDS = '"__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}}';

/** JSON text nested `depth` levels deep (`[[[...]]]`), built as text: `JSON.stringify` would overflow the stack. */
function deepJson(depth: number): string {
  return `${"[".repeat(depth)}${"]".repeat(depth)}`;
}

/**
 * Inputs that must be refused, for a procedure whose input is `schema` (undefined: no input):
 * anything at all, every JSON type, a field of the wrong type or missing, unknown fields (also
 * `__proto__` and `$`-operators), a huge string, JSON nested deep, and malformed JSON.
 * @param valid the procedure's valid-shaped inputs, mutated into invalid ones.
 * @param opts.maxRawLength longest raw text (a query travels in the URL, which Node caps at 16 KB).
 */
export function invalidInputs(
  schema: JsonSchema | undefined,
  valid: fc.Arbitrary<unknown>,
  opts: { maxRawLength: number },
): fc.Arbitrary<FuzzInput> {
  const value = (arbitrary: fc.Arbitrary<unknown>) => arbitrary.map((v): FuzzInput => ({ kind: "value", value: v }));
  const raw = (arbitrary: fc.Arbitrary<string>) => arbitrary.map((text): FuzzInput => ({ kind: "raw", text }));
  const long = Math.min(opts.maxRawLength, 2_000_000);
  const huge = fc.integer({ min: 1_000, max: long }).map((length) => "x".repeat(length));
  const depth = fc.integer({ min: 100, max: Math.floor(long / 2) - 50 });
  const alternatives: fc.Arbitrary<FuzzInput>[] = [
    value(fc.anything()),
    value(fc.jsonValue()),
    value(wrongTypeValue),
    value(huge),
    raw(depth.map(deepJson)),
    // Malformed JSON.
    raw(
      fc.oneof(
        fc.constantFrom("{", "[1,", '{"a":}', "undefined", "NaN", "'x'", "\u0000", '{"a":1}}', "\uFEFF{}", "1e999999"),
        fc.string({ unit: "binary", maxLength: 200 }),
      ),
    ),
  ];
  const fields = Object.keys(schema?.properties ?? {});
  if (schema?.type === "object" && fields.length > 0) {
    // Mutations of a valid object: one field of the wrong type, missing, huge or nested deep; unknown fields.
    const object = valid as fc.Arbitrary<Record<string, unknown>>;
    const field = fc.constantFrom(...fields);
    const without = (v: Record<string, unknown>, name: string) =>
      Object.fromEntries(Object.entries(v).filter(([key]) => key !== name));
    alternatives.push(
      value(fc.tuple(object, field, wrongTypeValue).map(([v, name, wrong]) => ({ ...v, [name]: wrong }))),
      value(fc.tuple(object, field).map(([v, name]) => without(v, name))),
      value(fc.tuple(object, field, huge).map(([v, name, text]) => ({ ...v, [name]: text }))),
      raw(fc.tuple(field, depth).map(([name, d]) => `{${JSON.stringify(name)}:${deepJson(d)}}`)),
      value(fc.tuple(object, fc.dictionary(fc.string(), fc.jsonValue())).map(([v, extra]) => ({ ...extra, ...v }))),
      raw(
        object.map((v) =>
          JSON.stringify(v).replace(/^\{/, `{${POLLUTING_FIELDS}${Object.keys(v).length > 0 ? "," : ""}`),
        ),
      ),
    );
  }
  return fc.oneof(...alternatives);
}
