// itemops.js — the GetItem form (key, projection, consistency) and the
// UpdateItem form (SET / REMOVE / ADD / DELETE actions on document paths,
// a condition, ReturnValues), each with an expression mode.

import { h, button, field, select, errorText } from "./dom.js";
import { call } from "./api.js";
import { modal, toast } from "./dialogs.js";
import { Placeholders, keyNames, attrType, scalar } from "./values.js";
import { conditionBuilder, updateBuilder, expressionEditor, modeToggle } from "./exprform.js";
import { splitList } from "./tables.js";

const RETURN_VALUES = [["NONE", "NONE — nothing"], ["ALL_OLD", "ALL_OLD — the item before"], ["UPDATED_OLD", "UPDATED_OLD — changed attributes, before"],
  ["ALL_NEW", "ALL_NEW — the item after"], ["UPDATED_NEW", "UPDATED_NEW — changed attributes, after"]];

/**
 * keyInputs builds one typed input per key attribute of desc. value()
 * returns the Key map. init: a Key map to start from.
 */
export function keyInputs(desc, prefix, init = {}) {
  const names = keyNames(desc.KeySchema).filter(Boolean);
  const inputs = names.map((n, i) => {
    const t = attrType(desc, n);
    const v = init[n] && init[n][t] !== undefined ? String(init[n][t]) : "";
    return { n, t, input: h("input", { type: "text", id: prefix + "-key-" + i, autocomplete: "off", value: v }) };
  });
  return {
    el: h("fieldset", {}, h("legend", { text: "Key" }),
      h("div", { class: "row" }, inputs.map((k, i) => field((i === 0 ? "Partition key: " : "Sort key: ") + k.n + " (" + k.t + ")", k.input)))),
    inputs,
    value() {
      const key = {};
      for (const k of inputs) key[k.n] = scalar(k.t, k.input.value);
      return key;
    },
  };
}

function result(id) {
  return h("pre", { class: "json", id, tabindex: "0", "aria-label": "Response", hidden: true });
}

function showResult(pre, value) {
  pre.hidden = false;
  pre.textContent = JSON.stringify(value, null, 2);
}

/** openGetItem opens the GetItem form for table desc. */
export function openGetItem(desc, { key, onEdit } = {}) {
  const keys = keyInputs(desc, "gi", key);
  const projection = h("input", { type: "text", id: "gi-projection", autocomplete: "off", placeholder: "all attributes, or paths: Title, Details.Label" });
  const consistent = h("input", { type: "checkbox", id: "gi-consistent" });
  const expr = expressionEditor("gi-expr", ["ProjectionExpression"]);
  expr.el.hidden = true;
  const projBox = field("Projected attributes (comma separated paths)", projection);
  const err = h("p", { class: "error", role: "alert", id: "gi-error" });
  const summary = h("p", { class: "summary", id: "gi-summary", "aria-live": "polite" });
  const out = result("gi-result");
  const edit = button("Edit this item", () => { m.close(); onEdit(found); }, { id: "gi-edit", hidden: true });
  let exprOn = false;
  let found = null;
  const fromForm = () => {
    const req = { TableName: desc.TableName, Key: keys.value() };
    const ph = new Placeholders();
    const proj = splitList(projection.value);
    if (proj.length) req.ProjectionExpression = proj.map((p) => ph.path(p)).join(", ");
    return ph.apply(req);
  };
  const toggle = modeToggle("gi-expr-toggle", (on) => {
    exprOn = on;
    if (on) {
      try {
        expr.fill(fromForm());
      } catch {
        // start from what is there
      }
    }
    projBox.hidden = on;
    expr.el.hidden = !on;
  });
  const run = h("button", { type: "submit", class: "primary", id: "gi-run" }, "Get item");
  const form = h("form", { id: "gi-form", novalidate: true },
    h("div", { class: "toolbar" }, h("span", { class: "muted", text: "GetItem on " + desc.TableName + ": one item by its full primary key." }), h("div", { class: "spacer" }), toggle),
    keys.el, projBox, expr.el,
    h("div", { class: "field check" }, consistent, h("label", { for: "gi-consistent", text: "Strongly consistent read (costs twice the read capacity)" })),
    h("div", { class: "actions left" }, run, edit),
    err, summary, out);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    err.textContent = "";
    summary.textContent = "";
    out.hidden = true;
    edit.hidden = true;
    run.disabled = true;
    try {
      const req = fromForm();
      if (exprOn) expr.apply(req);
      if (consistent.checked) req.ConsistentRead = true;
      req.ReturnConsumedCapacity = "TOTAL";
      const res = await call("GetItem", req);
      const cu = res.ConsumedCapacity ? " · " + res.ConsumedCapacity.CapacityUnits + " read capacity units" : "";
      if (res.Item) {
        summary.textContent = "Item found" + cu;
        showResult(out, res.Item);
        found = res.Item;
        edit.hidden = !onEdit || Boolean(req.ProjectionExpression);
      } else {
        summary.textContent = "No item has this key (GetItem returns no Item)" + cu;
      }
    } catch (e) {
      err.textContent = errorText(e);
    } finally {
      run.disabled = false;
    }
  });
  const m = modal("Get item", form, { testid: "getitem-dialog", wide: true });
  if (keys.inputs[0]) keys.inputs[0].input.focus();
}

/** openUpdateItem opens the UpdateItem form for table desc. */
export function openUpdateItem(desc, { key, onDone } = {}) {
  const keys = keyInputs(desc, "up", key);
  const actions = updateBuilder("up-a");
  actions.add();
  const cond = conditionBuilder("up-c", { legend: "Condition (optional)", hint: "The update happens only if the condition holds on the item as it is; otherwise ConditionalCheckFailedException and nothing changes." });
  const returnValues = select(RETURN_VALUES, { id: "up-return", value: "ALL_NEW" });
  const expr = expressionEditor("up-expr", ["UpdateExpression", "ConditionExpression"]);
  expr.el.hidden = true;
  const err = h("p", { class: "error", role: "alert", id: "up-error" });
  const summary = h("p", { class: "summary", id: "up-summary", "aria-live": "polite" });
  const out = result("up-result");
  let exprOn = false;
  const fromForm = () => {
    const req = { TableName: desc.TableName, Key: keys.value() };
    const ph = new Placeholders();
    const ue = actions.build(ph);
    if (ue) req.UpdateExpression = ue;
    const ce = cond.build(ph);
    if (ce) req.ConditionExpression = ce;
    return ph.apply(req);
  };
  const toggle = modeToggle("up-expr-toggle", (on) => {
    exprOn = on;
    if (on) {
      try {
        expr.fill(fromForm());
      } catch {
        // start from what is there
      }
    }
    actions.el.hidden = on;
    cond.el.hidden = on;
    expr.el.hidden = !on;
  });
  const run = h("button", { type: "submit", class: "primary", id: "up-run" }, "Update item");
  const form = h("form", { id: "up-form", novalidate: true },
    h("div", { class: "toolbar" }, h("span", { class: "muted", text: "UpdateItem on " + desc.TableName + ": changes attributes in place, creating the item if no item has the key." }), h("div", { class: "spacer" }), toggle),
    keys.el, actions.el, cond.el, expr.el,
    field("Return values", returnValues),
    h("div", { class: "actions left" }, run),
    err, summary, out);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    err.textContent = "";
    summary.textContent = "";
    out.hidden = true;
    run.disabled = true;
    try {
      const req = fromForm();
      if (exprOn) expr.apply(req);
      if (returnValues.value !== "NONE") req.ReturnValues = returnValues.value;
      req.ReturnConsumedCapacity = "TOTAL";
      const res = await call("UpdateItem", req);
      summary.textContent = "Updated" + (res.ConsumedCapacity ? " · " + res.ConsumedCapacity.CapacityUnits + " write capacity units" : "");
      showResult(out, res.Attributes || {});
      toast("Item updated", "ok");
      if (onDone) onDone();
    } catch (e) {
      err.textContent = errorText(e);
    } finally {
      run.disabled = false;
    }
  });
  modal("Update item", form, { testid: "updateitem-dialog", wide: true });
  if (keys.inputs[0]) keys.inputs[0].input.focus();
}
