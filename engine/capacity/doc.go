// Package capacity models DynamoDB's throughput at scale: partitions,
// provisioned and on-demand capacity, burst and adaptive capacity, and the
// throttling that follows, metered per second of the engine's virtual
// clock.
//
// A Resource is one table or one global secondary index. It has
// partitions covering the 64-bit hash space of its partition key (the
// storage's stable hash, so which partition a key lands in is
// deterministic), each limited to 3,000 RCU and 1,000 WCU per second.
// Admit charges the capacity one request consumed (computed by the
// engine's existing ConsumedCapacity arithmetic, the single source of
// truth) to the resources and partitions it touched, all or nothing, and
// answers the throttling reasons when it may not. The rules and the AWS
// documentation each follows are listed in the README ("Large tables").
//
// The package also owns the consumed-capacity arithmetic (ReadUnits,
// WriteUnits, TxnReadUnits) and the per-request account (Consumption)
// that the engine reports as ConsumedCapacity and meters alike. A
// Resource reads its table's sizes through a Store (the engine's adapter
// over package storage, which keeps running counts per range of
// partition-key hashes): it splits partitions on size (CheckSize), makes
// the store count under its partitions (Follow) and reports them (Info,
// and Report for the observability API), without walking the items.
//
// Times are Unix nanoseconds of the virtual clock (package clock). A Meter
// and its Resources are safe for concurrent use; all share the Meter's lock.
//
// capacity imports ddberr and wire from the engine; it must not import
// storage, expr or the engine's root package:
//
//	may import:      engine/ddberr, engine/wire
//	must not import: engine/attr, engine/expr, engine/storage, engine/snapshot, net/http, syscall/js, encoding/json, fmt, reflect
package capacity
