// editor.js — the item editor: a typed attribute editor (all ten types,
// nested maps and lists, sets) and a DynamoDB JSON text mode; create,
// edit, duplicate and delete, with an optional condition expression.

import { h, button, field, select, replace, errorText } from "./dom.js";
import { call } from "./api.js";
import { modal, confirmDialog, toast } from "./dialogs.js";
import { ALL_TYPES, Placeholders, keyNames, attrType, keyOf, typeOf } from "./values.js";

const TYPE_LABELS = {
  S: "String", N: "Number", B: "Binary (base64)", BOOL: "Boolean", NULL: "Null",
  M: "Map", L: "List", SS: "String set", NS: "Number set", BS: "Binary set",
};

// ---- model ---------------------------------------------------------------
// A node is {t, v}: S/N/B hold text, BOOL a boolean, NULL true, M an array
// of {name, node}, L an array of nodes, SS/NS/BS an array of strings.

/** fromAV converts a DynamoDB JSON value to an editor node. */
export function fromAV(av) {
  const t = typeOf(av);
  const v = av[t];
  switch (t) {
    case "M": return { t, v: Object.entries(v).map(([name, x]) => ({ name, node: fromAV(x) })) };
    case "L": return { t, v: v.map(fromAV) };
    case "SS": case "NS": case "BS": return { t, v: [...v] };
    case "BOOL": return { t, v: Boolean(v) };
    case "NULL": return { t, v: true };
    default: return { t, v: String(v) };
  }
}

/** toAV converts an editor node back to DynamoDB JSON. */
export function toAV(node) {
  switch (node.t) {
    case "M": return { M: entriesToItem(node.v) };
    case "L": return { L: node.v.map(toAV) };
    case "SS": case "NS": case "BS": return { [node.t]: node.v.map((s) => (node.t === "SS" ? s : s.trim())) };
    case "BOOL": return { BOOL: node.v };
    case "NULL": return { NULL: true };
    case "N": case "B": return { [node.t]: node.v.trim() };
    default: return { S: node.v };
  }
}

function entriesToItem(entries) {
  const out = {};
  for (const e of entries) {
    const name = e.name;
    if (name === "") throw new Error("Every attribute needs a name.");
    if (Object.hasOwn(out, name)) throw new Error("Duplicate attribute name: " + name);
    out[name] = toAV(e.node);
  }
  return out;
}

function defaultValue(t) {
  switch (t) {
    case "M": case "L": case "SS": case "NS": case "BS": return [];
    case "BOOL": return false;
    case "NULL": return true;
    default: return "";
  }
}

// convert keeps what it can when a node's type changes.
function convert(node, t) {
  const scalarish = ["S", "N", "B"];
  if (scalarish.includes(node.t) && scalarish.includes(t)) return { t, v: node.v };
  if (["SS", "NS", "BS"].includes(node.t) && ["SS", "NS", "BS"].includes(t)) return { t, v: node.v };
  if (scalarish.includes(node.t) && ["SS", "NS", "BS"].includes(t)) return { t, v: node.v === "" ? [] : [node.v] };
  return { t, v: defaultValue(t) };
}

// ---- rendering -------------------------------------------------------------

let seq = 0;

// valueEditor renders the editor for node's value; label names it for
// assistive tech.
function valueEditor(node, label, idBase, readOnly) {
  switch (node.t) {
    case "S": case "N": case "B": {
      const multi = node.t === "S" && node.v.includes("\n");
      const input = multi
        ? h("textarea", { id: idBase + "-value", rows: "3", value: node.v, readOnly, "aria-label": label })
        : h("input", { type: "text", id: idBase + "-value", value: node.v, readOnly, "aria-label": label, autocomplete: "off", inputmode: node.t === "N" ? "decimal" : null });
      input.addEventListener("input", () => { node.v = input.value; });
      return input;
    }
    case "BOOL": {
      const s = select([["true", "true"], ["false", "false"]], { id: idBase + "-value", "aria-label": label, value: node.v ? "true" : "false" });
      s.addEventListener("change", () => { node.v = s.value === "true"; });
      return s;
    }
    case "NULL":
      return h("span", { class: "muted", id: idBase + "-value", text: "null" });
    case "SS": case "NS": case "BS": {
      const ta = h("textarea", { id: idBase + "-value", rows: "3", value: node.v.join("\n"), "aria-label": label + " (one value per line)", placeholder: "one value per line" });
      ta.addEventListener("input", () => { node.v = ta.value.split("\n").filter((x) => x !== ""); });
      return ta;
    }
    case "M": {
      const box = h("div", { class: "nested", id: idBase + "-value", role: "group", "aria-label": label });
      const render = () => {
        replace(box, node.v.map((e) => attrRow(e, node.v, render, { labelPrefix: label + " › " })),
          button("Add field", () => { node.v.push({ name: "", node: { t: "S", v: "" } }); render(); box.querySelector(".attr-row:last-of-type input")?.focus(); }, { class: "small" }));
      };
      render();
      return box;
    }
    case "L": {
      const box = h("div", { class: "nested", id: idBase + "-value", role: "group", "aria-label": label });
      const render = () => {
        replace(box, node.v.map((child, i) => elemRow(child, i, node.v, render, label)),
          button("Add element", () => { node.v.push({ t: "S", v: "" }); render(); }, { class: "small" }));
      };
      render();
      return box;
    }
    default:
      return h("span", { text: "?" });
  }
}

function typeSelect(node, id, label, disabled, onChange) {
  const s = select(ALL_TYPES.map((t) => [t, t + " — " + TYPE_LABELS[t]]), { id, value: node.t, disabled, "aria-label": label });
  s.addEventListener("change", () => onChange(s.value));
  return s;
}

// attrRow renders one named attribute (a top-level attribute or a map
// field). opts.key marks a key attribute (name fixed, type fixed).
function attrRow(entry, list, rerender, opts = {}) {
  seq += 1;
  const idBase = opts.id || "ie-x" + seq;
  const name = h("input", { type: "text", id: idBase + "-name", value: entry.name, readOnly: Boolean(opts.key), autocomplete: "off", "aria-label": (opts.labelPrefix || "") + "Attribute name" });
  name.addEventListener("input", () => { entry.name = name.value; });
  const valueBox = h("div", { class: "value" });
  const label = () => (opts.labelPrefix || "") + (entry.name || "attribute") + " value";
  const renderValue = () => replace(valueBox, valueEditor(entry.node, label(), idBase, Boolean(opts.keyReadOnly)));
  const type = typeSelect(entry.node, idBase + "-type", (opts.labelPrefix || "") + (entry.name || "attribute") + " type", Boolean(opts.key), (t) => {
    Object.assign(entry.node, convert(entry.node, t));
    renderValue();
  });
  renderValue();
  return h("div", { class: "attr-row" + (opts.key ? " key" : ""), "data-testid": opts.key ? "key-row" : "attr-row" },
    name, type, valueBox,
    opts.key
      ? h("span", { class: "badge", text: opts.key })
      : button("Remove", () => { list.splice(list.indexOf(entry), 1); rerender(); }, { class: "small", "aria-label": "Remove " + (entry.name || "attribute") }));
}

function elemRow(node, i, list, rerender, parentLabel) {
  seq += 1;
  const idBase = "ie-x" + seq;
  const label = parentLabel + " [" + i + "]";
  const valueBox = h("div", { class: "value" });
  const renderValue = () => replace(valueBox, valueEditor(node, label, idBase, false));
  const type = typeSelect(node, idBase + "-type", label + " type", false, (t) => {
    Object.assign(node, convert(node, t));
    renderValue();
  });
  renderValue();
  return h("div", { class: "attr-row" },
    h("span", { class: "index", text: "[" + i + "]" }), type, valueBox,
    button("Remove", () => { list.splice(i, 1); rerender(); }, { class: "small", "aria-label": "Remove element " + i }));
}

// ---- the dialog ------------------------------------------------------------

/**
 * openItemEditor opens the editor. mode: "create" | "edit" | "duplicate".
 * item: DynamoDB JSON item (edit/duplicate). onDone runs after a write.
 */
export function openItemEditor({ desc, item, mode, onDone }) {
  const [pk, sk] = keyNames(desc.KeySchema);
  const keys = [pk, sk].filter(Boolean);
  const src = item || {};
  const keyEntries = keys.map((k) => ({ name: k, node: src[k] ? fromAV(src[k]) : { t: attrType(desc, k), v: "" } }));
  const entries = Object.entries(src).filter(([k]) => !keys.includes(k)).map(([name, av]) => ({ name, node: fromAV(av) }));
  const originalKey = mode === "edit" ? keyOf(src, desc.KeySchema) : null;

  const form = h("form", { id: "item-form", novalidate: true });
  const rows = h("div", { class: "attrs", id: "ie-attrs" });
  const jsonArea = h("textarea", { id: "ie-json", rows: "16", spellcheck: "false", class: "code" });
  const jsonField = field("Item (DynamoDB JSON)", jsonArea);
  jsonField.hidden = true;
  const cond = h("input", { type: "text", id: "ie-condition", autocomplete: "off", placeholder: "e.g. attribute_not_exists(#pk)" });
  const condNames = h("textarea", { id: "ie-cond-names", rows: "2", class: "code", placeholder: '{"#pk": "' + pk + '"}' });
  const condValues = h("textarea", { id: "ie-cond-values", rows: "2", class: "code", placeholder: '{":v": {"S": "x"}}' });
  const err = h("p", { class: "error", role: "alert", id: "ie-error" });
  const modeBtn = button("DynamoDB JSON", () => toggleMode(), { id: "ie-mode", "aria-pressed": "false" });
  let jsonMode = false;
  let attrSeq = 0;

  const render = () => {
    attrSeq = 0;
    replace(rows,
      keyEntries.map((e, i) => attrRow(e, keyEntries, render, { key: i === 0 ? "Partition key" : "Sort key", keyReadOnly: mode === "edit", id: "ie-key-" + i })),
      entries.map((e) => attrRow(e, entries, render, { id: "ie-attr-" + attrSeq++ })));
  };
  const currentItem = () => {
    if (jsonMode) {
      let parsed;
      try {
        parsed = JSON.parse(jsonArea.value);
      } catch (e) {
        throw new Error("The item is not valid JSON: " + e.message);
      }
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("The item must be a JSON object of attribute values.");
      return parsed;
    }
    return entriesToItem([...keyEntries, ...entries]);
  };
  const toggleMode = () => {
    err.textContent = "";
    try {
      if (!jsonMode) {
        jsonArea.value = JSON.stringify(currentItem(), null, 2);
      } else {
        const it = currentItem();
        for (const e of keyEntries) if (it[e.name]) e.node = fromAV(it[e.name]);
        entries.splice(0, entries.length, ...Object.entries(it).filter(([k]) => !keys.includes(k)).map(([name, av]) => ({ name, node: fromAV(av) })));
        render();
      }
    } catch (e) {
      err.textContent = errorText(e);
      return;
    }
    jsonMode = !jsonMode;
    modeBtn.setAttribute("aria-pressed", String(jsonMode));
    rows.hidden = jsonMode;
    addBtn.hidden = jsonMode;
    jsonField.hidden = !jsonMode;
  };
  const parseJSONField = (ta, what) => {
    if (ta.value.trim() === "") return undefined;
    try {
      return JSON.parse(ta.value);
    } catch (e) {
      throw new Error(what + " is not valid JSON: " + e.message);
    }
  };
  const withCondition = (req) => {
    if (cond.value.trim()) req.ConditionExpression = cond.value.trim();
    const names = parseJSONField(condNames, "Expression attribute names");
    const values = parseJSONField(condValues, "Expression attribute values");
    if (names) req.ExpressionAttributeNames = names;
    if (values) req.ExpressionAttributeValues = values;
    return req;
  };
  const addBtn = button("Add attribute", () => {
    entries.push({ name: "", node: { t: "S", v: "" } });
    render();
    document.getElementById("ie-attr-" + (entries.length - 1) + "-name")?.focus();
  }, { id: "ie-add-attr" });
  const save = h("button", { type: "submit", class: "primary", id: "ie-save", title: mode === "edit" ? "PutItem: the item is replaced by exactly what is in the form" : null }, mode === "edit" ? "Replace item (PutItem)" : "Create item");
  // updateChanged sends only the attributes that differ from the item as
  // opened: SET for new or changed ones, REMOVE for removed ones.
  const updateChanged = async () => {
    err.textContent = "";
    try {
      const it = currentItem();
      if (keys.some((k) => JSON.stringify(it[k]) !== JSON.stringify(originalKey[k]))) {
        throw new Error("The key of an existing item cannot change. Use Duplicate to save it under a new key.");
      }
      const ph = new Placeholders({ names: "#u", values: ":u" });
      const set = [];
      const remove = [];
      for (const [name, av] of Object.entries(it)) {
        if (keys.includes(name)) continue;
        if (JSON.stringify(av) !== JSON.stringify(src[name])) set.push(ph.name(name) + " = " + ph.value(av));
      }
      for (const name of Object.keys(src)) if (!keys.includes(name) && !Object.hasOwn(it, name)) remove.push(ph.name(name));
      if (set.length === 0 && remove.length === 0) throw new Error("Nothing changed: no attribute differs from the item as it was opened.");
      const req = withCondition({ TableName: desc.TableName, Key: originalKey, ReturnValues: "UPDATED_NEW", ReturnConsumedCapacity: "TOTAL" });
      req.UpdateExpression = [set.length ? "SET " + set.join(", ") : "", remove.length ? "REMOVE " + remove.join(", ") : ""].filter(Boolean).join(" ");
      req.ExpressionAttributeNames = { ...(req.ExpressionAttributeNames || {}), ...ph.names };
      if (Object.keys(ph.values).length) req.ExpressionAttributeValues = { ...(req.ExpressionAttributeValues || {}), ...ph.values };
      await call("UpdateItem", req);
      m.close();
      toast("Changed attributes updated", "ok");
      if (onDone) onDone();
    } catch (e) {
      err.textContent = errorText(e);
    }
  };
  const actions = h("div", { class: "actions" });
  if (mode === "edit") {
    actions.append(
      button("Delete item", async () => {
        err.textContent = "";
        const ok = await confirmDialog("Delete item", "Delete this item from " + desc.TableName + "?", { confirmLabel: "Delete", danger: true });
        if (!ok) return;
        try {
          await call("DeleteItem", withCondition({ TableName: desc.TableName, Key: originalKey, ReturnConsumedCapacity: "TOTAL" }));
          m.close();
          toast("Item deleted");
          if (onDone) onDone();
        } catch (e) {
          err.textContent = errorText(e);
        }
      }, { class: "danger", id: "ie-delete" }),
      button("Duplicate", () => {
        let it;
        try {
          it = currentItem();
        } catch (e) {
          err.textContent = errorText(e);
          return;
        }
        m.close();
        openItemEditor({ desc, item: it, mode: "duplicate", onDone });
      }, { id: "ie-duplicate" }));
  }
  actions.append(h("div", { class: "spacer" }), button("Cancel", () => m.close()),
    mode === "edit" ? button("Update changed attributes (UpdateItem)", updateChanged, { id: "ie-update", title: "UpdateItem: only what you changed is sent; other writers' changes to other attributes are kept" }) : null,
    save);
  form.append(
    h("div", { class: "toolbar" }, h("span", { class: "muted", text: "Table " + desc.TableName }), h("div", { class: "spacer" }), modeBtn),
    rows, addBtn, jsonField,
    h("details", { class: "condition" }, h("summary", { text: "Condition (optional)" }),
      field("Condition expression", cond), field("Expression attribute names (JSON)", condNames), field("Expression attribute values (JSON)", condValues)),
    err, actions);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    err.textContent = "";
    save.disabled = true;
    try {
      const it = currentItem();
      if (originalKey && keys.some((k) => JSON.stringify(it[k]) !== JSON.stringify(originalKey[k]))) {
        throw new Error("The key of an existing item cannot change. Use Duplicate to save it under a new key.");
      }
      await call("PutItem", withCondition({ TableName: desc.TableName, Item: it, ReturnConsumedCapacity: "TOTAL" }));
      m.close();
      toast(mode === "edit" ? "Item saved" : "Item created");
      if (onDone) onDone();
    } catch (e) {
      err.textContent = errorText(e);
    } finally {
      save.disabled = false;
    }
  });
  const title = { create: "Create item", edit: "Edit item", duplicate: "Duplicate item" }[mode];
  const m = modal(title, form, { testid: "item-dialog", wide: true });
  render();
  const first = mode === "edit" ? document.getElementById("ie-attr-0-value") || addBtn : document.getElementById("ie-key-0-value");
  if (first) first.focus();
}
