// doorwatch.js — the page follows what is done through its JS door
// (window.ddbplay: the browser's console, a script, the AWS SDK through
// db.fetch): a table created, changed or deleted, items written, a
// snapshot imported. Once the door has had no call for QUIET_MS, the page
// refreshes what it shows (the table list, the explorer's page), as it
// does after its own writes. Nothing of that runs while calls come one
// after another: on the call path it costs a counter and a Set look-up.

import { fromPage } from "./api.js";
import { refreshPage } from "./items.js";
import { refreshTables, tableCache } from "./tables.js";
import { clockState } from "./lab/clock.js";

/** Operations that change nothing: they never make the page refresh. */
const READS = new Set(["GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems", "DescribeTable", "ListTables",
  "DescribeTimeToLive", "DescribeContinuousBackups", "DescribeLimits", "DescribeEndpoints", "ListTagsOfResource",
  "DescribeKinesisStreamingDestination", "DescribeContributorInsights", "ListBackups", "ListGlobalTables", "ListExports", "ListImports"]);
const STREAMS_PREFIX = "DynamoDBStreams_";

/** Milliseconds without a call through the door before the page refreshes. */
export const QUIET_MS = 250;
/** Refreshes in a row while a table is still changing state (CREATING, …). */
const MAX_FOLLOW = 40;

/**
 * watchDoor wraps db's send, sendText, importSnapshot and reset (on the
 * instance) so that a change made through them, but not by the page's own
 * calls (fromPage() true while one is sent), makes the page call
 * refresh() once the door has been quiet for QUIET_MS. refresh may resolve
 * true to be called again after the next quiet moment (a table still
 * CREATING), up to MAX_FOLLOW times in a row. Returns {pending()}: whether
 * a refresh is due.
 * @param {any} db the door (a Playground, or a connection's)
 * @param {{fromPage: () => boolean, refresh: () => (boolean|Promise<boolean>)}} opts
 */
export function watchDoor(db, { fromPage, refresh }) {
  let calls = 0; // calls through the door so far
  let seen = 0; // calls when the timer was set
  let timer = 0;
  let follow = 0;

  // check refreshes if no call came since the timer was set, else waits on.
  const check = () => {
    timer = 0;
    if (calls !== seen) {
      arm();
      return;
    }
    Promise.resolve()
      .then(refresh)
      .then((more) => {
        if (more && follow < MAX_FOLLOW) {
          follow++;
          arm();
        } else {
          follow = 0;
        }
      }, () => { follow = 0; });
  };
  const arm = () => {
    if (timer) return;
    seen = calls;
    timer = setTimeout(check, QUIET_MS);
  };
  const note = (op) => {
    calls++;
    if (!timer && !READS.has(op) && !fromPage() && !String(op).startsWith(STREAMS_PREFIX)) {
      follow = 0;
      arm();
    }
  };
  for (const name of ["send", "sendText", "importSnapshot", "reset"]) {
    const f = db[name];
    if (typeof f !== "function") continue;
    const op = name === "send" || name === "sendText" ? null : name;
    db[name] = function (a, b) {
      note(op ?? a);
      return f.call(this, a, b);
    };
  }
  return { pending: () => timer !== 0 };
}

const followed = new WeakSet();

/**
 * followDoor makes the page follow db, the door it shows as
 * window.ddbplay (the playground's, or a connection's): once the door is
 * quiet after a change, the explorer's page and the table list refresh;
 * a table still changing state (CREATING, UPDATING, DELETING) is followed
 * while the engine's clock runs. Once per door.
 */
export function followDoor(db) {
  if (followed.has(db)) return;
  followed.add(db);
  watchDoor(db, {
    fromPage,
    refresh: async () => {
      refreshPage();
      await refreshTables();
      return [...tableCache.values()].some((d) => d.TableStatus && d.TableStatus !== "ACTIVE") && !clockState()?.paused;
    },
  });
}
