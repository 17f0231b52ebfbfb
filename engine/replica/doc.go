// Package replica models DynamoDB's replication for read consistency.
//
// Each table has three replicas in three Availability Zones. A write is
// acknowledged once the leader and one more replica have it; the third
// replica, and every global secondary index, receive it after the
// replication lag. An eventually consistent read is served by any of the
// three; a strongly consistent read, a transaction and a conditional
// write by the leader ("Read consistency" in the Developer Guide).
//
// Log keeps the versions a lagging replica still needs: each write's
// resulting state with its time, so At returns what a replica lagging by
// the lag sees. Chooser picks the replica of an eventually consistent read
// with a seeded generator, so that a lesson is reproducible.
//
// replica is generic over the state it keeps (the engine stores O(1)
// storage snapshots); it imports only the standard library.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      the standard library only
//	must not import: engine, net/http, syscall/js, encoding/json, fmt, reflect
package replica
