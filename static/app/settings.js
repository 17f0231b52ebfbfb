// settings.js — the table settings forms of the table details: capacity
// (billing mode and provisioned throughput, within DynamoDB's limits),
// Time to Live, tags, deletion protection and the table's stream. Each
// sends the one operation DynamoDB has for it (UpdateTable,
// UpdateTimeToLive, TagResource / UntagResource), logged like every request.

import { h, button, field, select, errorText } from "./dom.js";
import { call } from "./api.js";
import { emit } from "./state.js";
import { toast } from "./dialogs.js";

/** Provisioned capacity units a table may have: DynamoDB's default per-table quota. */
export const MAX_UNITS = 40000;

function section(title, id, ...children) {
  return h("form", { class: "settings-box", id, novalidate: true, "aria-label": title },
    h("fieldset", {}, h("legend", { text: title }), ...children));
}

// submitWith wires form's submit to fn, showing DynamoDB's error in err
// and disabling the submit button while it runs.
function submitWith(form, err, fn) {
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    err.textContent = "";
    const b = form.querySelector("button[type=submit]");
    if (b) b.disabled = true;
    try {
      await fn();
    } catch (e) {
      err.textContent = errorText(e);
    } finally {
      if (b) b.disabled = false;
    }
  });
}

function capacityForm(d) {
  const onDemand = d.BillingModeSummary && d.BillingModeSummary.BillingMode === "PAY_PER_REQUEST";
  const p = d.ProvisionedThroughput || {};
  const billing = select([["PAY_PER_REQUEST", "On-demand"], ["PROVISIONED", "Provisioned"]], { id: "set-billing", value: onDemand ? "PAY_PER_REQUEST" : "PROVISIONED" });
  const limits = { min: "1", max: String(MAX_UNITS), step: "1" };
  const rcu = h("input", { type: "number", id: "set-rcu", ...limits, value: String(p.ReadCapacityUnits || 5) });
  const wcu = h("input", { type: "number", id: "set-wcu", ...limits, value: String(p.WriteCapacityUnits || 5) });
  const units = h("div", { class: "row" }, field("Read capacity units", rcu), field("Write capacity units", wcu));
  const err = h("p", { class: "error", role: "alert", id: "set-capacity-error" });
  const sync = () => { units.hidden = billing.value !== "PROVISIONED"; };
  billing.addEventListener("change", sync);
  sync();
  const form = section("Capacity", "set-capacity",
    field("Billing mode", billing), units,
    h("p", { class: "hint", text: "Provisioned: 1 to " + MAX_UNITS.toLocaleString("en-US") + " units each (DynamoDB's default quota per table). One read unit is one strongly consistent read of up to 4 KB a second; one write unit one write of up to 1 KB a second. On AWS, decreases are limited per day and switching billing mode once per 24 hours." }),
    err, h("div", { class: "actions left" }, h("button", { type: "submit", id: "set-capacity-save" }, "Save capacity")));
  submitWith(form, err, async () => {
    const req = { TableName: d.TableName, BillingMode: billing.value };
    if (billing.value === "PROVISIONED") {
      const tp = { ReadCapacityUnits: Number(rcu.value), WriteCapacityUnits: Number(wcu.value) };
      for (const [name, v] of Object.entries(tp)) {
        if (!Number.isInteger(v) || v < 1 || v > MAX_UNITS) throw new Error(name + " must be a whole number from 1 to " + MAX_UNITS + ".");
      }
      req.ProvisionedThroughput = tp;
      // A table that becomes provisioned needs throughput for each GSI too.
      if (onDemand && (d.GlobalSecondaryIndexes || []).length) {
        req.GlobalSecondaryIndexUpdates = d.GlobalSecondaryIndexes.map((x) => ({ Update: { IndexName: x.IndexName, ProvisionedThroughput: tp } }));
      }
    }
    await call("UpdateTable", req);
    toast("Capacity of " + d.TableName + " saved", "ok");
    emit("refresh");
  });
  return form;
}

function ttlForm(d) {
  const attr = h("input", { type: "text", id: "set-ttl-attr", autocomplete: "off", placeholder: "e.g. expiresAt" });
  const enabled = h("input", { type: "checkbox", id: "set-ttl-on" });
  const status = h("p", { class: "summary", id: "set-ttl-status", text: "…" });
  const err = h("p", { class: "error", role: "alert", id: "set-ttl-error" });
  let current = { enabled: false, name: "" };
  // load shows the table's setting; the fields follow it unless someone
  // has changed them since the last load.
  const load = () => call("DescribeTimeToLive", { TableName: d.TableName }, { log: false }).then((out) => {
    const t = out.TimeToLiveDescription || {};
    const untouched = attr.value === current.name && enabled.checked === current.enabled;
    current = { enabled: t.TimeToLiveStatus === "ENABLED" || t.TimeToLiveStatus === "ENABLING", name: t.AttributeName || "" };
    if (untouched) {
      attr.value = current.name;
      enabled.checked = current.enabled;
    }
    status.textContent = current.enabled ? "Enabled on attribute " + current.name : "Disabled";
  }).catch(() => { status.textContent = ""; });
  load();
  const form = section("Time to Live", "set-ttl",
    status,
    field("TTL attribute", attr),
    h("div", { class: "field check" }, enabled, h("label", { for: "set-ttl-on", text: "Enabled" })),
    h("p", { class: "hint", text: "An item expires once this attribute holds a Number that is a Unix time in seconds in the past; DynamoDB then deletes it in the background at no cost. Turning TTL off takes the attribute it was on." }),
    err, h("div", { class: "actions left" }, h("button", { type: "submit", id: "set-ttl-save" }, "Save Time to Live")));
  submitWith(form, err, async () => {
    const on = enabled.checked;
    const name = on ? attr.value.trim() : current.name || attr.value.trim();
    await call("UpdateTimeToLive", { TableName: d.TableName, TimeToLiveSpecification: { Enabled: on, AttributeName: name } });
    current = { enabled: on, name };
    status.textContent = on ? "Enabled on attribute " + name : "Disabled";
    toast("Time to Live of " + d.TableName + (on ? " enabled" : " disabled"), "ok");
  });
  form.refresh = load;
  return form;
}

function tagsForm(d) {
  const list = h("ul", { class: "tag-list", id: "set-tags", "aria-label": "Tags" });
  const key = h("input", { type: "text", id: "set-tag-key", autocomplete: "off" });
  const value = h("input", { type: "text", id: "set-tag-value", autocomplete: "off" });
  const err = h("p", { class: "error", role: "alert", id: "set-tags-error" });
  const arn = d.TableArn;
  const load = async () => {
    const tags = [];
    let token;
    do {
      const out = await call("ListTagsOfResource", token ? { ResourceArn: arn, NextToken: token } : { ResourceArn: arn }, { log: false });
      tags.push(...(out.Tags || []));
      token = out.NextToken;
    } while (token);
    // Unchanged tags keep their list, and so the focus on a Remove button.
    const shown = JSON.stringify(tags);
    if (shown === list.dataset.shown) return;
    list.dataset.shown = shown;
    list.replaceChildren(...tags.map((t) => h("li", { "data-testid": "tag" },
      h("span", { text: t.Key + " = " + t.Value }),
      button("Remove", async () => {
        err.textContent = "";
        try {
          await call("UntagResource", { ResourceArn: arn, TagKeys: [t.Key] });
          await load();
        } catch (e) {
          err.textContent = errorText(e);
        }
      }, { class: "small", "aria-label": "Remove tag " + t.Key }))));
    if (tags.length === 0) list.append(h("li", { class: "muted", text: "No tags." }));
  };
  load().catch((e) => { err.textContent = errorText(e); });
  const form = section("Tags", "set-tags-form",
    list,
    h("div", { class: "row" }, field("Key", key), field("Value", value)),
    h("p", { class: "hint", text: "Up to 50 tags; keys up to 128 characters, values up to 256. A key that exists gets the new value." }),
    err, h("div", { class: "actions left" }, h("button", { type: "submit", id: "set-tag-add" }, "Add tag")));
  submitWith(form, err, async () => {
    await call("TagResource", { ResourceArn: arn, Tags: [{ Key: key.value, Value: value.value }] });
    key.value = "";
    value.value = "";
    await load();
  });
  form.refresh = () => load().catch((e) => { err.textContent = errorText(e); });
  return form;
}

function protectionForm(d) {
  const on = h("input", { type: "checkbox", id: "set-protect", checked: d.DeletionProtectionEnabled === true });
  const err = h("p", { class: "error", role: "alert", id: "set-protect-error" });
  const form = section("Deletion protection", "set-protection",
    h("div", { class: "field check" }, on, h("label", { for: "set-protect", text: "Protect this table from DeleteTable" })),
    h("p", { class: "hint", text: "While on, DeleteTable fails with a ValidationException; turn it off first to delete the table." }),
    err, h("div", { class: "actions left" }, h("button", { type: "submit", id: "set-protect-save" }, "Save protection")));
  submitWith(form, err, async () => {
    await call("UpdateTable", { TableName: d.TableName, DeletionProtectionEnabled: on.checked });
    toast("Deletion protection " + (on.checked ? "on" : "off"), "ok");
    emit("refresh");
  });
  return form;
}

// STREAM_VIEWS are the four StreamViewType values, with what each record holds.
const STREAM_VIEWS = [
  ["KEYS_ONLY", "KEYS_ONLY: the key attributes only"],
  ["NEW_IMAGE", "NEW_IMAGE: the item after the change"],
  ["OLD_IMAGE", "OLD_IMAGE: the item before the change"],
  ["NEW_AND_OLD_IMAGES", "NEW_AND_OLD_IMAGES: both"],
];

function streamForm(d) {
  const spec = d.StreamSpecification && d.StreamSpecification.StreamEnabled ? d.StreamSpecification : null;
  const view = select([["", "Off"], ...STREAM_VIEWS], { id: "set-stream", value: spec ? spec.StreamViewType : "" });
  const err = h("p", { class: "error", role: "alert", id: "set-stream-error" });
  const form = section("Stream", "set-stream-form",
    field("DynamoDB Streams", view, { hint: "Every change to an item becomes a stream record. DynamoDB changes the view type only by turning the stream off and on again (a new stream)." }),
    d.LatestStreamArn ? h("p", { class: "hint", "data-testid": "stream-arn", text: "Latest stream: " + d.LatestStreamArn }) : null,
    err, h("div", { class: "actions left" }, h("button", { type: "submit", id: "set-stream-save" }, "Save stream")));
  submitWith(form, err, async () => {
    const want = view.value ? { StreamEnabled: true, StreamViewType: view.value } : { StreamEnabled: false };
    await call("UpdateTable", { TableName: d.TableName, StreamSpecification: want });
    toast(view.value ? "Stream on (" + view.value + ")" : "Stream off", "ok");
    emit("refresh");
  });
  return form;
}

// FORMS are the settings forms in order, each with the part of the table
// description it shows: a form is built again only when that part changes,
// so what someone is typing survives the table list's refreshes. A form
// that loads its own state (TTL, tags) has a refresh to load it again.
const FORMS = [
  [capacityForm, (d) => [d.BillingModeSummary?.BillingMode, d.ProvisionedThroughput?.ReadCapacityUnits, d.ProvisionedThroughput?.WriteCapacityUnits, (d.GlobalSecondaryIndexes || []).map((x) => x.IndexName)]],
  [ttlForm, () => []],
  [tagsForm, (d) => [d.TableArn]],
  [protectionForm, (d) => [d.DeletionProtectionEnabled === true]],
  [streamForm, (d) => [d.StreamSpecification?.StreamEnabled === true, d.StreamSpecification?.StreamViewType, d.LatestStreamArn]],
];

function keyed(make, key, d) {
  const form = make(d);
  form.dataset.key = JSON.stringify(key(d));
  return form;
}

/** settingsSection returns the settings forms of table description d. */
export function settingsSection(d) {
  return h("section", { class: "table-settings", "aria-labelledby": "settings-title" },
    h("h4", { id: "settings-title", text: "Settings" }),
    h("div", { class: "settings" }, FORMS.map(([make, key]) => keyed(make, key, d))));
}

/**
 * updateSettings brings section (from settingsSection, for the same table)
 * up to date with d, replacing only the forms whose part of d changed.
 */
export function updateSettings(section, d) {
  const forms = section.querySelector(".settings").children;
  FORMS.forEach(([make, key], i) => {
    const old = forms[i];
    if (old.dataset.key !== JSON.stringify(key(d))) old.replaceWith(keyed(make, key, d));
    else old.refresh?.();
  });
}
