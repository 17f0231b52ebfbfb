// Package engine is ddbplay's database: DynamoDB's operations over tables
// kept in google/btree, with DynamoDB's validation, errors and capacity
// accounting.
//
// Each operation has a typed Go method (db.PutItem(&PutItemInput{…})) and
// is reachable by name with DynamoDB JSON through Handle, and through
// Host.Serve, which is what the HTTP handler (package web) and the browser
// host (package wasm) call.
//
// # How the engine is laid out
//
// A request flows one way:
//
//	request JSON ─► decode ─► validate ─► plan ─► storage ─► encode ─► response JSON
//
// Where each kind of code lives:
//
//   - Host policy (serve.go): Host.Serve runs the TTL sweep at most once a
//     second, recovers a panic as an InternalServerError, writes error
//     bodies (ErrorBody) and tells the host whether the call changed the
//     state (DB.Changes). web and wasm only carry bytes to it.
//   - Dispatch (handle.go): register names an operation; Handle finds it,
//     decodes the body into its input, runs it and encodes its output.
//   - Decode and encode (package fieldtab; codecs.go gives the engine its
//     short names): each request and response type has a field table, a
//     members method beside the type, one line per member (name, Go
//     field, codec, omit rule). The table decodes requests, writes
//     responses and lists the README's parameters (Parameters); no
//     reflection and no encoding/json, which the tests keep as the oracle
//     (decode_oracle_test.go, encode_outputs_test.go, fields_test.go). A
//     nested member type owned by a package has its field table beside it
//     there (schema/codecs.go, tags, ttl, batch, partiql/requests.go);
//     fieldtab.ReadValues decodes ExpressionAttributeValues.
//   - Validate (validate.go, returnvalues.go, capacity.go, and
//     tableschema.go for CreateTable's and UpdateTable's schema rules):
//     member constraints as DynamoDB words them, expression parameters
//     (exprParams), and the table's key and item checks, which call
//     schema.KeyTypes; all of a request is validated
//     before the table is touched. Package validate holds the constraint
//     builder (Violations), the constraint texts and the generic name,
//     enum and RequestItems rules; the engine's violations embeds it, and
//     each operation's own rules are its methods, beside the operation.
//     Package schema holds the schema and TableDescription types, which
//     the engine aliases (KeySchemaElement, AttributeDefinition,
//     Projection, the throughputs, the index requests,
//     StreamSpecification, TableDescription, …) with their field tables
//     (schema/codecs.go), the billing modes and the schema rules that
//     need no table (shapes, KeyPair, CheckProjection, SetMaxThroughput,
//     CheckIndexUpdates), and the checks of a key or an item against a key
//     schema (KeyTypes); tableschema.go, createtable.go and updatetable.go
//     bind them to the
//     catalog and describetable.go describes a table with its types.
//   - Plan: a Query or Scan is validated and bound to its table in
//     readpage.go (readSpec, readPlan) and its page runs in package read
//     (read.Plan.Run over the storage records: index projection, filter,
//     Select, projection, Limit, the 1 MB page; read.ItemList keeps the
//     items as records); a write becomes a condition (write) and a change
//     (apply) in write.go; a PartiQL statement is parsed and planned by
//     package partiql (partiql.go asks it, with the tables' key schemas)
//     and its plan runs through the typed operations above
//     (executestatement.go, batchexecutestatement.go,
//     executetransaction.go).
//   - Storage (package storage) holds the items and indexes; package expr
//     parses, resolves and evaluates expressions, and package partiql
//     PartiQL, both reading their source with package lex (the token,
//     character classes and parser cursor they share); package attr is
//     the data model; package ddberr the errors; package wire the JSON.
//   - Writes run in one managed transaction (write.go): DB.update holds
//     the write lock, txn.protect gives a table a copy-on-write clone that
//     is put back if the function fails, and the change count moves on a
//     commit. Operations never lock, commit or roll back themselves.
//     PutItem, DeleteItem and UpdateItem share their opening (singleWrite).
//   - Messages: every text the engine sends is in messages.go, in
//     DynamoDB's wording (each subpackage has its own messages.go).
//   - One file per operation (getitem.go, putitem.go, …, tags.go and ttl.go
//     hold the small families): its input and output types with their
//     field tables, its register call and its logic. Where a family's
//     rules need no catalog they are a package's: tagging (package tags:
//     the Tag types, ARN parsing, the tagging restrictions, a table's tag
//     set), Time to Live (package ttl: its types, UpdateTimeToLive's rules,
//     when an item has expired), the statement members of the PartiQL
//     operations (package partiql) and the item lists of the operations
//     on several items (package batch). db.go and table.go are the
//     catalog; idempotency.go the ClientRequestToken cache (its tokens and
//     window in package idempotency).
//
// To add an operation: one file, foo.go, with FooInput and FooOutput,
// their members methods (one member line per field), an appendJSON
// one-liner on FooOutput, func init() { register("Foo", (*DB).Foo) } and
// func (db *DB) Foo(in *FooInput) (*FooOutput, error), which validates,
// then reads under db.mu.RLock or writes inside db.update. Remove the name
// from UnsupportedOperations if it is there, add its messages to
// messages.go, its row to the README's table (TestREADME_OperationsTable
// checks it against Parameters), and a case to encodedOutputs in
// encode_outputs_test.go.
//
// To add a request or response member: the Go field on the type, with the
// json tag the tests' oracle reads, and one line in the type's members
// method, in the same place: member(f, "Name", &in.Name, &cString,
// omitEmpty). A member of a new nested struct type also needs the type's
// codec variable (a kObj codec literal holding its field table, beside the
// type) and, for lists, pointers and maps of it, their codec variables
// (see the ones in package batch or schema/codecs.go, and package fieldtab
// for why they are literals). For a type aliased from a package
// (KeySchemaElement, TableDescription, Tag, WriteRequest, …) the Go field and its member
// line go on that package's type and codec; there members are declared
// with fieldtab.Field, erased (fieldtab.Member, generic, would compile
// once per member type beside the engine's member and grow the browser's
// module). TestFieldTables_MatchTypes fails
// until the table and the type agree.
//
// A new concept with a narrow interface gets a package of its own under
// engine/, with a doc.go stating what it owns and its "may import:" /
// "must not import:" lines (fieldtab, read, idempotency, validate,
// schema, tags, ttl, batch, partiql, streams, capacity, replica are the
// models); the root
// package keeps the catalog, the operations and what binds them to the
// packages.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      engine/account, engine/attr, engine/batch, engine/capacity, engine/clock, engine/consumed, engine/ddberr, engine/expr, engine/fieldtab, engine/idempotency, engine/partiql, engine/read, engine/replica, engine/schema, engine/statement, engine/storage, engine/streams, engine/tags, engine/ttl, engine/validate, engine/wire
//	must not import: engine/snapshot, web, net/http, syscall/js, github.com/syumai/workers, encoding/json, fmt
package engine
