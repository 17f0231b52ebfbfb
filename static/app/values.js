// values.js — DynamoDB JSON attribute values: display, typed scalar
// parsing and the key helpers the views share.

import { parsePath, pathExpression } from "./paths.js";

export const SCALAR_TYPES = ["S", "N", "B", "BOOL", "NULL"];
export const ALL_TYPES = ["S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"];
export const KEY_TYPES = ["S", "N", "B"];
/** Names of the key attribute types for people. */
export const TYPE_NAMES = { S: "String", N: "Number", B: "Binary" };

/** typeOf returns the type tag of a DynamoDB JSON value ("S", "M", …). */
export function typeOf(av) {
  return av && typeof av === "object" ? Object.keys(av)[0] : undefined;
}

/**
 * scalar builds a DynamoDB JSON value of a scalar type from text:
 * BOOL takes "true"/"false", NULL ignores text.
 */
export function scalar(type, text) {
  switch (type) {
    case "N": return { N: String(text).trim() };
    case "B": return { B: String(text).trim() };
    case "BOOL": return { BOOL: String(text).trim().toLowerCase() === "true" };
    case "NULL": return { NULL: true };
    default: return { S: String(text) };
  }
}

/** display renders a value for a grid cell, like the DynamoDB console. */
export function display(av) {
  const t = typeOf(av);
  if (t === undefined) return "";
  const v = av[t];
  switch (t) {
    case "S": case "N": case "B": return String(v);
    case "BOOL": return v ? "true" : "false";
    case "NULL": return "null";
    default: return nested(av);
  }
}

// nested renders a map, list or set compactly as JSON-like text; numbers
// keep their exact digits.
function nested(av) {
  const t = typeOf(av);
  const v = av[t];
  switch (t) {
    case "M": return "{" + Object.entries(v).map(([k, x]) => JSON.stringify(k) + ":" + nested(x)).join(",") + "}";
    case "L": return "[" + v.map(nested).join(",") + "]";
    case "SS": case "BS": return "<<" + v.map((x) => JSON.stringify(x)).join(",") + ">>";
    case "NS": return "<<" + v.join(",") + ">>";
    case "S": case "B": return JSON.stringify(v);
    case "N": return String(v);
    case "BOOL": return v ? "true" : "false";
    case "NULL": return "null";
    default: return "?";
  }
}

/** keyOf picks the key attributes (by KeySchema) out of an item. */
export function keyOf(item, keySchema) {
  const key = {};
  for (const k of keySchema) key[k.AttributeName] = item[k.AttributeName];
  return key;
}

/** keyNames returns [partitionKeyName, sortKeyName|undefined]. */
export function keyNames(keySchema) {
  const hash = keySchema.find((k) => k.KeyType === "HASH");
  const range = keySchema.find((k) => k.KeyType === "RANGE");
  return [hash && hash.AttributeName, range && range.AttributeName];
}

/** attrType returns the declared type of a key attribute, default "S". */
export function attrType(desc, name) {
  const d = (desc.AttributeDefinitions || []).find((a) => a.AttributeName === name);
  return d ? d.AttributeType : "S";
}

/**
 * Placeholders collects ExpressionAttributeNames / Values so every
 * expression uses #n/:v placeholders (reserved words always work).
 */
export class Placeholders {
  /**
   * @param {{names?: string, values?: string}} [prefix] placeholder
   *   stems ("#n", ":v" by default), so two sets can share a request.
   */
  constructor(prefix = {}) {
    this.names = {};
    this.values = {};
    this.byName = new Map();
    this.nv = 0;
    this.nameStem = prefix.names || "#n";
    this.valueStem = prefix.values || ":v";
  }

  /**
   * path returns the expression form of a typed document path
   * ("Details.Label" → "#n0.#n1"), one placeholder per name segment.
   * Throws for text that is not a path (see paths.js).
   */
  path(text) {
    return pathExpression(parsePath(text), (n) => this.name(n));
  }

  /** name returns the placeholder for an attribute name, reusing it. */
  name(attr) {
    if (!this.byName.has(attr)) {
      const p = this.nameStem + this.byName.size;
      this.byName.set(attr, p);
      this.names[p] = attr;
    }
    return this.byName.get(attr);
  }

  /** value returns a fresh placeholder for a DynamoDB JSON value. */
  value(av) {
    const p = this.valueStem + this.nv++;
    this.values[p] = av;
    return p;
  }

  /** apply adds the collected maps to a request (only non-empty ones). */
  apply(req) {
    if (Object.keys(this.names).length) req.ExpressionAttributeNames = this.names;
    if (Object.keys(this.values).length) req.ExpressionAttributeValues = this.values;
    return req;
  }
}
