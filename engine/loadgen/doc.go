// Package loadgen plays generated DynamoDB traffic against an engine.DB on
// its virtual clock: ten minutes of requests in a few seconds of real time,
// for the page's large-tables lab.
//
// A Spec says what to send: a rate (requests per virtual second), a
// duration, a read share (GetItem, or Query of one partition key's item
// collection) and a write share (PutItem of items of a given size, or
// UpdateItem adding to a counter), keys drawn uniformly, by Zipf's law or
// all on one hot key, and the read consistency. New checks it against the
// table; Run.Play plays the next few virtual seconds (the caller slices a
// long load so that it can show progress and stop), stepping the DB's
// clock tick by tick, and returns that slice's per-second series: requests
// sent, served and throttled, in all and on each of the table's
// partitions, and the capacity the table and each GSI consumed and the
// requests each throttled, as the engine's capacity metering counted them
// (engine.DB.CapacityHistory: one source of truth with the page's charts).
// Run.Summary sums the whole
// load up — requests, throttles by ThrottlingReasons, the hottest key and
// partition, the first throttled request — and says what to change.
//
// The clock Play steps is the DB's own, or the clock the DB's clock
// follows (a host's virtual clock: the browser's, which the page shows).
//
// Requests go through the engine's typed API (db.PutItem(&engine.PutItemInput{…});
// GetItem as db.GetItemUndecoded, the JSON door's raw read), not its JSON
// door, so the engine decides throttling, capacity and partitions exactly
// as for any other request; only decoding and encoding JSON are skipped.
// The load asks no ReturnConsumedCapacity and allocates no map or key
// string per request (the maps are filled again; see Run.one). Host is the JSON door the browser host calls (one
// request: start a load and/or play a slice; one answer: the slice and the
// summary so far).
//
// A Run is not safe for concurrent use; the DB is (a load's requests are
// ordinary requests).
//
// Imports (make check verifies them):
//
//	may import:      engine, engine/attr, engine/clock, engine/ddberr, engine/wire
//	must not import: engine/snapshot, web, net/http, syscall/js, github.com/syumai/workers, encoding/json, fmt, reflect
package loadgen
