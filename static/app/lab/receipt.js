// receipt.js — the capacity receipt of a request: what it costs and why,
// as DynamoDB's documented arithmetic (item sizes rounded up to 4 KB for
// reads and 1 KB for writes, half for eventually consistent reads, twice
// for transactions, one write per GSI the item is in), and why a
// throttled request was throttled.

const enc = new TextEncoder();

/** utf8 returns the UTF-8 length of s. */
function utf8(s) {
  return enc.encode(String(s)).length;
}

// numberSize approximates a number's stored size: about one byte per two
// significant digits, plus one ("Item sizes and formats").
function numberSize(n) {
  const digits = String(n).replace(/^[-+]/, "").replace(/e.*$/i, "").replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

function b64Size(s) {
  const t = String(s).replace(/=+$/, "");
  return Math.floor((t.length * 3) / 4);
}

/** valueSize returns the approximate stored size of attribute value v in bytes. */
export function valueSize(v) {
  if (!v || typeof v !== "object") return 0;
  if ("S" in v) return utf8(v.S);
  if ("N" in v) return numberSize(v.N);
  if ("B" in v) return b64Size(v.B);
  if ("BOOL" in v || "NULL" in v) return 1;
  if ("SS" in v) return v.SS.reduce((n, s) => n + utf8(s), 0);
  if ("NS" in v) return v.NS.reduce((n, s) => n + numberSize(s), 0);
  if ("BS" in v) return v.BS.reduce((n, s) => n + b64Size(s), 0);
  if ("L" in v) return 3 + v.L.reduce((n, x) => n + 1 + valueSize(x), 0);
  if ("M" in v) return 3 + Object.entries(v.M).reduce((n, [k, x]) => n + 1 + utf8(k) + valueSize(x), 0);
  return 0;
}

/** itemSize returns the approximate size of an item: names plus values. */
export function itemSize(item) {
  if (!item || typeof item !== "object") return 0;
  let n = 0;
  for (const [k, v] of Object.entries(item)) n += utf8(k) + valueSize(v);
  return n;
}

/** kb renders bytes as KB with one decimal. */
export function kb(bytes) {
  return (bytes / 1024).toFixed(bytes < 1024 * 10 ? 1 : 0) + " KB";
}

function units(list) {
  const arr = !list ? [] : Array.isArray(list) ? list : [list];
  return arr.reduce((n, c) => n + (Number(c.CapacityUnits) || 0), 0);
}

// readLine explains a read of size bytes.
function readLine(size, consistent, what) {
  const blocks = Math.max(1, Math.ceil(size / 4096));
  const strong = blocks;
  return (what ? what + " " : "") + kb(size) + " → " + blocks * 4 + " KB → " +
    (consistent ? strong + " RCU strongly consistent" : strong / 2 + " RCU eventually consistent (" + strong + " strongly)");
}

function writeLine(size, what) {
  const blocks = Math.max(1, Math.ceil(size / 1024));
  return (what ? what + " " : "") + kb(size) + " → " + blocks + " KB → " + blocks + " WCU";
}

// gsiWrites returns the names of the GSIs an item is in (both key
// attributes present).
function gsiWrites(item, desc) {
  if (!item || !desc || !desc.GlobalSecondaryIndexes) return [];
  return desc.GlobalSecondaryIndexes.filter((g) => g.KeySchema.every((k) => k.AttributeName in item)).map((g) => g.IndexName);
}

/**
 * explainThrottle returns a sentence saying why a throttled request was
 * throttled, from the error's reasons: ThrottlingReasons on a
 * ProvisionedThroughputExceededException, throttlingReasons (as DynamoDB's
 * service model spells that member) on an on-demand ThrottlingException.
 */
export function explainThrottle(err) {
  const reasons = (err && (err.ThrottlingReasons || err.throttlingReasons)) || [];
  if (reasons.length === 0) {
    return "Throttled: the request asked for more capacity than the table had left this second.";
  }
  return reasons.map((r) => {
    const what = String(r.reason || "");
    const res = String(r.resource || "").replace(/^arn:aws:dynamodb:[^:]*:[^:]*:/, "");
    let why;
    if (what.endsWith("KeyRangeThroughputExceeded")) {
      why = "one partition (key range) is over its own limit of 3,000 RCU / 1,000 WCU per second, or over what the table's capacity gives it: a hot key";
    } else if (what.endsWith("MaxOnDemandThroughputExceeded")) {
      why = "the on-demand maximum set with OnDemandThroughput was reached";
    } else if (what.endsWith("AccountLimitExceeded")) {
      why = "the account's per-table quota was reached";
    } else if (what.startsWith("Index")) {
      why = "the index's provisioned capacity and burst balance are used up (a GSI short of write capacity throttles the table's writes)";
    } else {
      why = "the table's provisioned capacity and its burst balance are used up";
    }
    return what + " on " + res + ": " + why + ".";
  }).join(" ");
}

/**
 * receipt returns lines explaining the capacity a request consumed, from
 * its input and output; desc is the table's DescribeTable (or null).
 */
export function receipt(op, input, out, desc) {
  const lines = [];
  const cc = out && out.ConsumedCapacity;
  const consistent = !!(input && input.ConsistentRead);
  switch (op) {
    case "GetItem": {
      if (out && out.Item) lines.push(readLine(itemSize(out.Item), consistent, "item"));
      else if (out) lines.push("no item: a read of nothing still costs " + (consistent ? "1 RCU" : "0.5 RCU") + " (rounded up to 4 KB)");
      break;
    }
    case "PutItem": {
      if (!input || !input.Item) break;
      const size = itemSize(input.Item);
      lines.push(writeLine(size, "new item") + " (the larger of the old and new item counts)");
      const g = gsiWrites(input.Item, desc);
      if (g.length) lines.push("+ one write per GSI the item is in: " + g.join(", "));
      break;
    }
    case "UpdateItem":
    case "DeleteItem":
      lines.push("a write of the item's size (the larger of before and after), rounded up to 1 KB per WCU; plus one write per GSI it is in");
      break;
    case "Query":
    case "Scan": {
      if (out && Array.isArray(out.Items)) {
        const size = out.Items.reduce((n, it) => n + itemSize(it), 0);
        lines.push(readLine(size, consistent, out.Items.length + " items, together") + " (items read add up before rounding; a filter does not lower it)");
      }
      break;
    }
    case "TransactWriteItems":
      lines.push("transactions cost twice: 2 WCU per KB of each item written");
      break;
    case "TransactGetItems":
      lines.push("transactions cost twice: 2 RCU per 4 KB of each item read");
      break;
    case "BatchWriteItem":
      lines.push("each put or delete is charged as its own write, rounded up to 1 KB");
      break;
    case "BatchGetItem":
      lines.push("each item is charged as its own read, rounded up to 4 KB");
      break;
    default:
      return lines;
  }
  if (cc) lines.push("DynamoDB reports " + units(cc) + " capacity units (ConsumedCapacity)");
  return lines;
}

/** keyOf returns [table, partition-key value] of a single-item request, or null. */
export function keyOf(op, input, desc) {
  if (!input || !desc || !desc.KeySchema) return null;
  const hash = desc.KeySchema.find((k) => k.KeyType === "HASH");
  if (!hash) return null;
  const src = op === "PutItem" ? input.Item : input.Key;
  if ((op === "GetItem" || op === "PutItem" || op === "UpdateItem" || op === "DeleteItem") && src && src[hash.AttributeName]) {
    return src[hash.AttributeName];
  }
  if (op === "Query" && input.ExpressionAttributeValues && !input.IndexName) {
    // The key condition's partition-key value: the one value compared with = to it.
    const m = /^\s*(#?\w+)\s*=\s*(:\w+)/.exec(String(input.KeyConditionExpression || ""));
    if (m) {
      const name = m[1].startsWith("#") ? (input.ExpressionAttributeNames || {})[m[1]] : m[1];
      if (name === hash.AttributeName) return input.ExpressionAttributeValues[m[2]] || null;
    }
  }
  return null;
}
