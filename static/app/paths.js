// paths.js — document paths as a learner types them ("Details.Label",
// "a.b[2].c") and their expression form with one #name placeholder per
// name segment ("#n0.#n1[2].#n2"), as DynamoDB's Developer Guide writes
// them. A name holding ".", "[" or "]" is written in backticks:
// "`odd.name`.x".

/**
 * parsePath splits a typed path into segments: {name} for a map key or
 * top-level attribute, {index} for a list element. Throws an Error with a
 * message for people when the text is not a path.
 * @param {string} text
 * @returns {Array<{name: string} | {index: number}>}
 */
export function parsePath(text) {
  const s = String(text).trim();
  if (s === "") throw new Error("An attribute path is empty.");
  const out = [];
  let i = 0;
  const fail = (why) => { throw new Error("\"" + s + "\" is not an attribute path: " + why + "."); };
  const readName = () => {
    if (s[i] === "`") {
      const end = s.indexOf("`", i + 1);
      if (end < 0) fail("a backtick is not closed");
      const name = s.slice(i + 1, end);
      if (name === "") fail("a name is empty");
      i = end + 1;
      return name;
    }
    let j = i;
    while (j < s.length && s[j] !== "." && s[j] !== "[" && s[j] !== "]") j++;
    const name = s.slice(i, j).trim();
    if (name === "") fail(i === 0 ? "it must start with an attribute name" : "a name is empty");
    i = j;
    return name;
  };
  out.push({ name: readName() });
  while (i < s.length) {
    if (s[i] === "[") {
      const end = s.indexOf("]", i);
      if (end < 0) fail("a [ is not closed");
      const digits = s.slice(i + 1, end).trim();
      if (!/^\d+$/.test(digits)) fail("a list index must be a number, as in items[2]");
      out.push({ index: Number(digits) });
      i = end + 1;
    } else if (s[i] === ".") {
      i += 1;
      out.push({ name: readName() });
    } else {
      fail("unexpected \"" + s[i] + "\"");
    }
  }
  return out;
}

/**
 * pathExpression renders segments with nameFor(name) as each name's
 * placeholder: [{name:"a"},{index:2},{name:"c"}] → "#n0[2].#n1".
 */
export function pathExpression(segments, nameFor) {
  let out = "";
  for (const seg of segments) {
    if ("index" in seg) out += "[" + seg.index + "]";
    else out += (out === "" ? "" : ".") + nameFor(seg.name);
  }
  return out;
}

/** topName returns the top-level attribute name of a typed path. */
export function topName(text) {
  return parsePath(text)[0].name;
}
