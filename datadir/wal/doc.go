// Package wal is an append-only log of records in one file, the
// write-ahead log of a ddbplay data directory (package datadir).
//
// A log file starts with an 8-byte header ("ddbwal" and a 2-byte format
// version) followed by records, each framed as
//
//	length  uint32, little endian: the payload's length (1 to MaxRecord)
//	crc     uint32, little endian: CRC-32C (Castagnoli) of the payload
//	payload length bytes
//
// Append writes a record with one write call and does not wait for the
// disk: once it returns, the record survives the death of the process
// (kill -9) but not a power loss. Sync(end) returns once every record up
// to end is on stable storage (fdatasync); concurrent callers share one
// sync (group commit). Open reads the whole records of an existing log and
// positions it for appending; a torn tail — a last record cut short or
// garbled by a crash in the middle of an append — is cut off when the
// caller allows it (the newest log of a directory), and is a *CorruptError
// otherwise.
//
// The package knows nothing about what records mean. It imports only the
// standard library (os, no net/http).
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      the standard library only
//	must not import: engine, web, net/http
package wal
