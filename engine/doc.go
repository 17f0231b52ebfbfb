// Package engine is ddbplay's database: DynamoDB's operations over tables
// kept in google/btree, with DynamoDB's validation, errors and capacity
// accounting.
//
// Each operation has a typed Go method (db.PutItem(&PutItemInput{…})) and
// is reachable by name with DynamoDB JSON through Handle, which is what the
// HTTP handler (package web) and the browser host (package wasm) call. A
// request flows one way: decode and validate → plan → storage → response.
// Requests are decoded and responses written by hand-written per-type code
// (decode_*.go, encode_*.go) on package wire, not by encoding/json, which
// stays in the tests as the oracle.
//
// engine imports its subpackages (ddberr, attr, expr, storage, wire);
// nothing under engine/ imports net/http, syscall/js or syumai/workers.
package engine
