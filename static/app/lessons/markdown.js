// markdown.js — the lesson text: a small Markdown subset turned into DOM
// nodes. Nothing is ever parsed as HTML: every piece of text goes in
// through text nodes, so "<script>" in a lesson is shown, never run.
//
// Blocks: "# " to "#### " headings (rendered one level below the pane's own
// heading), paragraphs (lines joined), "- " / "* " and "1. " lists (one line
// per item), "> " notes, and ``` fenced code blocks. Inline: `code`,
// **strong**, *emphasis*, and [text](url) links whose url starts with
// http:// or https:// (anything else stays plain text); links open in a new
// tab with rel="noopener noreferrer".

const SAFE_URL = /^https?:\/\/[^\s<>"'`]+$/i;

function el(tag, cls) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  return e;
}

/** inline appends the inline Markdown of text to parent. */
export function inline(parent, text) {
  // One pass, left to right: the earliest marker wins.
  const re = /`([^`\n]+)`|\*\*([^*\n]+)\*\*|\*([^*\n]+)\*|\[([^\]\n]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (let m; (m = re.exec(text));) {
    if (m.index > last) parent.append(document.createTextNode(text.slice(last, m.index)));
    if (m[1] !== undefined) {
      const c = el("code");
      c.textContent = m[1];
      parent.append(c);
    } else if (m[2] !== undefined) {
      parent.append(inline(el("strong"), m[2]));
    } else if (m[3] !== undefined) {
      parent.append(inline(el("em"), m[3]));
    } else if (SAFE_URL.test(m[5])) {
      const a = el("a");
      a.href = m[5];
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.textContent = m[4];
      parent.append(a);
    } else {
      parent.append(document.createTextNode(m[0]));
    }
    last = re.lastIndex;
  }
  if (last < text.length) parent.append(document.createTextNode(text.slice(last)));
  return parent;
}

/**
 * render turns Markdown text into a DocumentFragment. headingLevel is the
 * HTML level of "# " (default 3).
 */
export function render(text, { headingLevel = 3 } = {}) {
  const out = document.createDocumentFragment();
  const lines = String(text ?? "").replace(/\r\n?/g, "\n").split("\n");
  let para = [];
  let list = null;
  const flush = () => {
    if (para.length) out.append(inline(el("p"), para.join(" ")));
    para = [];
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^```/.test(line)) {
      flush();
      const body = [];
      for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
      const pre = el("pre", "md-code");
      pre.tabIndex = 0;
      const code = el("code");
      code.textContent = body.join("\n");
      pre.append(code);
      out.append(pre);
      continue;
    }
    if (/^\s*$/.test(line)) {
      flush();
      continue;
    }
    const hm = /^(#{1,4})\s+(.*)$/.exec(line);
    if (hm) {
      flush();
      out.append(inline(el("h" + Math.min(6, headingLevel + hm[1].length - 1)), hm[2]));
      continue;
    }
    const lm = /^\s*(?:([-*])|(\d{1,3})\.)\s+(.*)$/.exec(line);
    if (lm) {
      if (para.length) flush();
      const tag = lm[1] ? "ul" : "ol";
      if (!list || list.tagName.toLowerCase() !== tag) {
        list = el(tag);
        out.append(list);
      }
      list.append(inline(el("li"), lm[3]));
      continue;
    }
    const qm = /^>\s?(.*)$/.exec(line);
    if (qm) {
      flush();
      out.append(inline(el("p", "md-note"), qm[1]));
      continue;
    }
    list = null;
    para.push(line.trim());
  }
  flush();
  return out;
}
