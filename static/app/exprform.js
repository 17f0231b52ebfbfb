// exprform.js — the expression builders the forms share: typed values,
// condition rows (filters and write conditions), the UpdateItem action
// builder (SET / REMOVE / ADD / DELETE on document paths) and the
// expression mode, where a learner writes the expressions and their
// #name / :value maps directly.

import { h, button, field, select } from "./dom.js";
import { scalar } from "./values.js";

/** Operators of a condition row: [value, label]. */
export const CONDITION_OPS = [["=", "="], ["<>", "≠"], ["<", "<"], ["<=", "<="], [">", ">"], [">=", ">="], ["between", "between"], ["begins_with", "begins with"], ["contains", "contains"], ["attribute_exists", "exists"], ["attribute_not_exists", "not exists"], ["attribute_type", "is of type"], ["size", "size ="]];

/** Value types a typed value input offers: [value, label]. */
export const VALUE_TYPES = [["S", "String"], ["N", "Number"], ["B", "Binary (base64)"], ["BOOL", "Boolean"], ["NULL", "Null"],
  ["SS", "String set"], ["NS", "Number set"], ["BS", "Binary set"], ["L", "List (JSON)"], ["M", "Map (JSON)"], ["JSON", "DynamoDB JSON"]];

/**
 * typedValue turns a type and typed text into a DynamoDB JSON value.
 * Sets take comma-separated members; L and M take JSON of DynamoDB JSON
 * values ([{"S": "a"}] / {"k": {"N": "1"}}); JSON takes one whole value.
 * Throws an Error for people on bad input.
 */
export function typedValue(type, text) {
  const t = String(text);
  const json = (what) => {
    try {
      return JSON.parse(t);
    } catch (e) {
      throw new Error(what + " is not valid JSON: " + e.message);
    }
  };
  switch (type) {
    case "SS": case "NS": case "BS": {
      const members = t.split(",").map((x) => (type === "SS" ? x : x.trim())).filter((x) => x.trim() !== "");
      return { [type]: members };
    }
    case "L": {
      const v = json("The list");
      if (!Array.isArray(v)) throw new Error('A list value is a JSON array of DynamoDB JSON values, e.g. [{"S": "a"}, {"N": "1"}].');
      return { L: v };
    }
    case "M": {
      const v = json("The map");
      if (!v || typeof v !== "object" || Array.isArray(v)) throw new Error('A map value is a JSON object of DynamoDB JSON values, e.g. {"name": {"S": "a"}}.');
      return { M: v };
    }
    case "JSON": {
      const v = json("The value");
      if (!v || typeof v !== "object" || Array.isArray(v) || Object.keys(v).length !== 1) throw new Error('A DynamoDB JSON value is an object with one type, e.g. {"S": "a"}.');
      return v;
    }
    default: return scalar(type, t);
  }
}

/**
 * condition renders one condition on a typed path with placeholders
 * from ph; v1/v2 are DynamoDB JSON values. key: the path is a key
 * attribute name (key conditions take names, never paths).
 */
export function condition(ph, path, op, v1, v2, { key = false } = {}) {
  const n = key ? ph.name(path) : ph.path(path);
  switch (op) {
    case "between": return n + " BETWEEN " + ph.value(v1) + " AND " + ph.value(v2);
    case "begins_with": return "begins_with(" + n + ", " + ph.value(v1) + ")";
    case "contains": return "contains(" + n + ", " + ph.value(v1) + ")";
    case "attribute_exists": return "attribute_exists(" + n + ")";
    case "attribute_not_exists": return "attribute_not_exists(" + n + ")";
    case "attribute_type": return "attribute_type(" + n + ", " + ph.value(v1) + ")";
    case "size": return "size(" + n + ") = " + ph.value(v1);
    default: return n + " " + op + " " + ph.value(v1);
  }
}

/**
 * conditionBuilder builds rows of conditions on document paths, combined
 * with AND or OR. prefix makes the element ids ("q-f" → "q-f0-attr").
 * Returns {el, build(ph) → expression or "", state(), restore(state)}.
 */
export function conditionBuilder(prefix, { legend = "Conditions", addLabel = "Add condition", hint, addId, rowTestid } = {}) {
  const rows = [];
  let seq = 0;
  const list = h("div", { class: "filters" });
  const combine = select([["AND", "All conditions (AND)"], ["OR", "Any condition (OR)"]], { id: prefix + "-combine" });
  const add = (init = {}) => {
    const i = seq++;
    const attr = h("input", { type: "text", id: prefix + i + "-attr", autocomplete: "off", placeholder: "e.g. Details.Label", value: init.attr || "" });
    const op = select(CONDITION_OPS, { id: prefix + i + "-op", value: init.op || "=" });
    const type = select(VALUE_TYPES, { id: prefix + i + "-type", value: init.type || "S" });
    const v1 = h("input", { type: "text", id: prefix + i + "-v1", autocomplete: "off", value: init.v1 || "" });
    const v2 = h("input", { type: "text", id: prefix + i + "-v2", autocomplete: "off", value: init.v2 || "" });
    const v1f = field("Value", v1);
    const v2f = field("and", v2);
    const typef = field("Type", type);
    const sync = () => {
      const noValue = op.value === "attribute_exists" || op.value === "attribute_not_exists";
      v1f.hidden = noValue;
      typef.hidden = noValue || op.value === "attribute_type" || op.value === "size";
      v2f.hidden = op.value !== "between";
      v1.placeholder = op.value === "attribute_type" ? "S, N, M, L, SS, …" : "";
    };
    op.addEventListener("change", sync);
    sync();
    const row = { attr, op, type, v1, v2 };
    const el = h("div", { class: "row filter-row", "data-testid": rowTestid || prefix + "-row" },
      field("Attribute path", attr), field("Condition", op), typef, v1f, v2f,
      button("Remove", () => { rows.splice(rows.indexOf(row), 1); el.remove(); }, { class: "small", "aria-label": "Remove condition " + (i + 1) }));
    rows.push(row);
    list.append(el);
    return row;
  };
  const el = h("fieldset", {}, h("legend", { text: legend }),
    hint ? h("p", { class: "hint", text: hint }) : null,
    list,
    h("div", { class: "row" }, button(addLabel, () => add().attr.focus(), { id: addId || prefix + "-add" }), field("Combine", combine)));
  return {
    el,
    rows,
    add,
    build(ph) {
      const parts = rows.filter((r) => r.attr.value.trim() !== "").map((r) => {
        const o = r.op.value;
        let v1;
        if (o === "attribute_type") v1 = { S: r.v1.value.trim() };
        else if (o === "size") v1 = { N: r.v1.value.trim() };
        else if (o !== "attribute_exists" && o !== "attribute_not_exists") v1 = typedValue(r.type.value, r.v1.value);
        const v2 = o === "between" ? typedValue(r.type.value, r.v2.value) : undefined;
        return condition(ph, r.attr.value.trim(), o, v1, v2);
      });
      if (parts.length === 1) return parts[0];
      return parts.map((p) => "(" + p + ")").join(" " + combine.value + " ");
    },
    state() {
      return {
        combine: combine.value,
        rows: rows.map((r) => ({ attr: r.attr.value, op: r.op.value, type: r.type.value, v1: r.v1.value, v2: r.v2.value })),
      };
    },
    restore(st) {
      if (!st || !Array.isArray(st.rows)) return;
      for (const r of st.rows) if (r && typeof r === "object") add(Object.fromEntries(["attr", "op", "type", "v1", "v2"].map((k) => [k, typeof r[k] === "string" ? r[k] : ""])));
      if (st.combine === "OR" || st.combine === "AND") combine.value = st.combine;
    },
  };
}

const ACTIONS = [["SET", "SET (assign)"], ["REMOVE", "REMOVE"], ["ADD", "ADD (number or set)"], ["DELETE", "DELETE (from a set)"]];
const SET_FORMS = [["=", "= value"], ["+", "= path + value"], ["-", "= path − value"], ["if_not_exists", "= if_not_exists(path, value)"], ["list_append", "= list_append(path, value)"], ["prepend", "= list_append(value, path)"]];

/**
 * updateBuilder builds UpdateItem actions on document paths. Returns {el,
 * build(ph) → UpdateExpression, add(init)}. Ids: prefix + i + "-action"
 * / "-path" / "-form" / "-type" / "-value".
 */
export function updateBuilder(prefix) {
  const rows = [];
  let seq = 0;
  const list = h("div", { class: "filters" });
  const add = (init = {}) => {
    const i = seq++;
    const action = select(ACTIONS, { id: prefix + i + "-action", value: init.action || "SET" });
    const path = h("input", { type: "text", id: prefix + i + "-path", autocomplete: "off", placeholder: "e.g. a.b[2].c", value: init.path || "" });
    const form = select(SET_FORMS, { id: prefix + i + "-form", value: init.form || "=" });
    const type = select(VALUE_TYPES, { id: prefix + i + "-type", value: init.type || "S" });
    const value = h("input", { type: "text", id: prefix + i + "-value", autocomplete: "off", value: init.value || "" });
    const formf = field("Assign", form);
    const typef = field("Type", type);
    const valuef = field("Value", value);
    const sync = () => {
      formf.hidden = action.value !== "SET";
      typef.hidden = valuef.hidden = action.value === "REMOVE";
    };
    action.addEventListener("change", sync);
    sync();
    const row = { action, path, form, type, value };
    const el = h("div", { class: "row filter-row", "data-testid": prefix + "-row" },
      field("Action", action), field("Attribute path", path), formf, typef, valuef,
      button("Remove", () => { rows.splice(rows.indexOf(row), 1); el.remove(); }, { class: "small", "aria-label": "Remove action " + (i + 1) }));
    rows.push(row);
    list.append(el);
    return row;
  };
  const el = h("fieldset", {}, h("legend", { text: "Update actions" }),
    h("p", { class: "hint", text: "Paths reach into maps and lists: Details.Label, tags[0], a.b[2].c. ADD works on numbers and sets; DELETE removes members from a set." }),
    list, button("Add action", () => add().path.focus(), { id: prefix + "-add" }));
  return {
    el,
    rows,
    add,
    build(ph) {
      const clauses = { SET: [], REMOVE: [], ADD: [], DELETE: [] };
      for (const r of rows) {
        if (r.path.value.trim() === "") continue;
        const p = ph.path(r.path.value);
        const a = r.action.value;
        if (a === "REMOVE") {
          clauses.REMOVE.push(p);
          continue;
        }
        const v = ph.value(typedValue(r.type.value, r.value.value));
        if (a !== "SET") {
          clauses[a].push(p + " " + v);
          continue;
        }
        switch (r.form.value) {
          case "+": clauses.SET.push(p + " = " + p + " + " + v); break;
          case "-": clauses.SET.push(p + " = " + p + " - " + v); break;
          case "if_not_exists": clauses.SET.push(p + " = if_not_exists(" + p + ", " + v + ")"); break;
          case "list_append": clauses.SET.push(p + " = list_append(" + p + ", " + v + ")"); break;
          case "prepend": clauses.SET.push(p + " = list_append(" + v + ", " + p + ")"); break;
          default: clauses.SET.push(p + " = " + v);
        }
      }
      return Object.entries(clauses).filter(([, list]) => list.length).map(([k, list]) => k + " " + list.join(", ")).join(" ");
    },
  };
}

/**
 * expressionEditor is the expression mode: one text area per expression
 * member named in members (e.g. ["KeyConditionExpression",
 * "FilterExpression"]) plus ExpressionAttributeNames and
 * ExpressionAttributeValues as JSON. Ids: prefix + "-" + member.
 * fill(req) copies a built request's expressions in; apply(req) puts the
 * typed ones on req (throwing for invalid JSON) and returns it.
 */
export function expressionEditor(prefix, members, { hints = {} } = {}) {
  const areas = {};
  const all = [...members, "ExpressionAttributeNames", "ExpressionAttributeValues"];
  for (const m of all) {
    areas[m] = h("textarea", { id: prefix + "-" + m, rows: m.startsWith("ExpressionAttribute") ? "3" : "2", spellcheck: "false", class: "code" });
  }
  const el = h("div", { class: "expr-mode", "data-testid": prefix },
    h("p", { class: "hint", text: "Write the expressions as DynamoDB takes them. #name placeholders stand for attribute names (any name, reserved words too), :value placeholders for values; define both below. Errors are DynamoDB's own." }),
    all.map((m) => field(m + (m.startsWith("ExpressionAttribute") ? " (JSON)" : ""), areas[m], { hint: hints[m] })));
  return {
    el,
    areas,
    fill(req) {
      for (const m of members) areas[m].value = req[m] || "";
      areas.ExpressionAttributeNames.value = req.ExpressionAttributeNames ? JSON.stringify(req.ExpressionAttributeNames, null, 1) : "";
      areas.ExpressionAttributeValues.value = req.ExpressionAttributeValues ? JSON.stringify(req.ExpressionAttributeValues, null, 1) : "";
    },
    apply(req) {
      for (const m of members) {
        delete req[m];
        if (areas[m].value.trim() !== "") req[m] = areas[m].value.trim();
      }
      delete req.ExpressionAttributeNames;
      delete req.ExpressionAttributeValues;
      for (const m of ["ExpressionAttributeNames", "ExpressionAttributeValues"]) {
        const text = areas[m].value.trim();
        if (text === "") continue;
        try {
          req[m] = JSON.parse(text);
        } catch (e) {
          throw new Error(m + " is not valid JSON: " + e.message);
        }
      }
      return req;
    },
    state() {
      return Object.fromEntries(all.map((m) => [m, areas[m].value]));
    },
    restore(st) {
      if (!st || typeof st !== "object") return;
      for (const m of all) if (typeof st[m] === "string") areas[m].value = st[m];
    },
  };
}

/**
 * modeToggle is a pressed/unpressed button switching a form between its
 * builder and its expression mode. onChange(expr) runs on each press.
 */
export function modeToggle(id, onChange) {
  const b = button("Write expressions", () => {
    const on = b.getAttribute("aria-pressed") !== "true";
    b.setAttribute("aria-pressed", String(on));
    onChange(on);
  }, { id, "aria-pressed": "false", title: "Switch between the form builder and writing DynamoDB expressions directly" });
  return b;
}
