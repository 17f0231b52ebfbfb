// charts.js — small line charts in plain SVG (no library: a few hundred
// points per chart, redrawn a few times a second at most), each with the
// same numbers as a table for screen readers and keyboard users.

import { h, replace } from "../dom.js";

const NS = "http://www.w3.org/2000/svg";
// ids of the charts whose table is open: a redraw keeps it open.
const openTables = new Set();
const W = 600;
const H = 170;
const PAD = { l: 44, r: 8, t: 8, b: 22 };

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/** fmt renders a number of capacity units for people. */
export function fmt(v) {
  if (!Number.isFinite(v)) return "—";
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString("en-US");
  return String(Math.round(v * 10) / 10);
}

function clockLabel(sec, end) {
  const d = end - sec;
  if (d <= 0) return "now";
  const m = Math.floor(d / 60);
  const s = d % 60;
  return "−" + m + ":" + String(s).padStart(2, "0");
}

/**
 * chart returns a figure: a line per series over the seconds x0…x1 (Unix
 * seconds of virtual time), with a legend, a summary as its accessible
 * name and a "Show as a table" disclosure.
 * @param {{id: string, title: string, unit: string, x0: number, x1: number,
 *   series: {name: string, cls: string, points: Map<number, number>|null, flat?: number}[]}} c
 *   points maps a second to a value (missing seconds are 0); flat draws a
 *   constant line (a limit) instead.
 */
export function chart(c) {
  const x0 = Math.min(c.x0, c.x1 - 1);
  const x1 = c.x1;
  let max = 1;
  for (const s of c.series) {
    if (s.flat !== undefined) max = Math.max(max, s.flat);
    else for (const v of s.points.values()) max = Math.max(max, v);
  }
  max *= 1.1;
  const px = (sec) => PAD.l + ((sec - x0) / (x1 - x0)) * (W - PAD.l - PAD.r);
  const py = (v) => H - PAD.b - (v / max) * (H - PAD.t - PAD.b);
  const g = svg("g");
  for (const frac of [0, 0.5, 1]) {
    const v = (max / 1.1) * frac;
    g.append(svg("line", { x1: PAD.l, x2: W - PAD.r, y1: py(v), y2: py(v), class: "grid-line" }));
    g.append(svg("text", { x: PAD.l - 4, y: py(v) + 4, "text-anchor": "end", class: "axis" }, fmt(v)));
  }
  for (const sec of [x0, Math.round((x0 + x1) / 2), x1]) {
    g.append(svg("text", { x: px(sec), y: H - 6, "text-anchor": sec === x0 ? "start" : sec === x1 ? "end" : "middle", class: "axis" }, clockLabel(sec, x1)));
  }
  const summary = [];
  for (const s of c.series) {
    if (s.flat !== undefined) {
      g.append(svg("line", { x1: PAD.l, x2: W - PAD.r, y1: py(s.flat), y2: py(s.flat), class: "series " + s.cls }));
      summary.push(s.name + " " + fmt(s.flat));
      continue;
    }
    const pts = [];
    let peak = 0;
    let nonzero = 0;
    if (s.sparse) {
      // Samples: a line through them, nothing in between.
      for (const [sec, v] of [...s.points].sort((a, b) => a[0] - b[0])) {
        if (sec < x0 || sec > x1) continue;
        pts.push(px(sec).toFixed(1) + "," + py(v).toFixed(1));
        peak = Math.max(peak, v);
      }
      g.append(svg("polyline", { points: pts.join(" "), class: "series " + s.cls }));
      summary.push(s.name + ": " + (pts.length ? "last " + fmt([...s.points].sort((a, b) => a[0] - b[0]).pop()[1]) + ", peak " + fmt(peak) : "no samples yet"));
      continue;
    }
    const step = Math.max(1, Math.ceil((x1 - x0) / 600));
    for (let sec = x0; sec <= x1; sec += step) {
      let v = 0;
      for (let k = 0; k < step; k++) v = Math.max(v, s.points.get(sec + k) || 0);
      pts.push(px(sec).toFixed(1) + "," + py(v).toFixed(1));
      peak = Math.max(peak, v);
    }
    for (const v of s.points.values()) if (v > 0) nonzero++;
    g.append(svg("polyline", { points: pts.join(" "), class: "series " + s.cls }));
    summary.push(s.name + ": peak " + fmt(peak) + (nonzero ? ", above zero in " + nonzero + " seconds" : ", zero throughout"));
  }
  const label = c.title + " (" + c.unit + ", last " + Math.round((x1 - x0) / 60) + " min of engine time). " + summary.join("; ") + ".";
  const pic = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": label, class: "chart-svg", preserveAspectRatio: "none" }, g);
  const legend = h("ul", { class: "legend", "aria-hidden": "true" },
    c.series.map((s) => h("li", {}, h("span", { class: "swatch " + s.cls }), s.name)));
  const tableBox = h("div", { class: "scroll" });
  const disclosure = h("details", { class: "chart-table" }, h("summary", { text: "Show as a table" }), tableBox);
  const fill = () => {
    if (!disclosure.open) return;
    const secs = new Set();
    for (const s of c.series) if (s.points) for (const [k, v] of s.points) if (v > 0) secs.add(k);
    const rows = [...secs].sort((a, b) => a - b);
    replace(tableBox, h("table", { class: "grid", "data-testid": c.id + "-table" },
      h("caption", { class: "sr-only", text: c.title }),
      h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Second (engine time, UTC)" }), c.series.map((s) => h("th", { scope: "col", text: s.name })))),
      h("tbody", {}, rows.length === 0
        ? h("tr", {}, h("td", { colspan: c.series.length + 1, text: "No activity in this window." }))
        : rows.map((sec) => h("tr", {},
          h("th", { scope: "row", text: new Date(sec * 1000).toISOString().slice(11, 19) }),
          c.series.map((s) => h("td", { class: "num", text: fmt(s.flat !== undefined ? s.flat : s.points.get(sec) || 0) })))))));
  };
  disclosure.addEventListener("toggle", () => {
    if (disclosure.open) openTables.add(c.id);
    else openTables.delete(c.id);
    fill();
  });
  if (openTables.has(c.id)) {
    disclosure.open = true;
    fill();
  }
  return h("figure", { class: "chart", id: c.id, "data-testid": c.id },
    h("figcaption", { text: c.title + " — " + c.unit }), pic, legend, disclosure);
}
