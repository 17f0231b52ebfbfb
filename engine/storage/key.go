package storage

import (
	"encoding/binary"
	"math/bits"

	"github.com/ddbplay/ddbplay/engine/attr"
)

// Composite keys. Every tree entry carries one string that orders it:
//
//	table: hash8(pk) ‖ enc(pk) ‖ enc(sk)
//	index: hash8(ipk) ‖ enc(ipk) ‖ enc(isk) ‖ enc(pk) ‖ enc(sk)
//
// where enc is attr.AppendKey (order-preserving and self-delimiting, so
// no encoding is a proper prefix of another of the same type), hash8 is
// the big-endian partitionHash of the encoded partition key after it, and
// a missing sort key contributes nothing; an index whose partition key is
// the table's (an LSI) leaves out the second enc(pk). Because the
// encodings are prefix-free, the entries whose key starts with a given
// prefix (a partition, or a partition and a sort key) form one contiguous
// run of the tree, ending before prefixEnd(prefix).

// hashLen is the length of the hash that starts every composite key.
const hashLen = 8

// FNV-1a 64 parameters.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// partitionHash returns the stable 64-bit hash of an encoded partition
// key: FNV-1a 64 followed by the murmur3 64-bit finaliser, so that the top
// bits (which choose the parallel-scan segment) depend on every input
// byte. It is the same on every platform and in every run.
func partitionHash(enc []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range enc {
		h ^= uint64(c)
		h *= fnvPrime
	}
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// keyValue returns the key attribute name of it if it holds a scalar key
// value (S, N or B) of type typ (any of them if typ is zero).
func keyValue(it attr.Item, name string, typ attr.Type) (attr.Value, bool) {
	v, ok := it[name]
	if !ok || !v.Type().IsScalarKey() || (typ != 0 && v.Type() != typ) {
		return attr.Value{}, false
	}
	return v, true
}

// appendPartition appends hash8(enc(pk)) ‖ enc(pk) to dst.
func appendPartition(dst []byte, pk attr.Value) []byte {
	n := len(dst)
	dst = append(dst, 0, 0, 0, 0, 0, 0, 0, 0)
	dst = attr.AppendKey(dst, pk)
	binary.BigEndian.PutUint64(dst[n:], partitionHash(dst[n+hashLen:]))
	return dst
}

// appendKey appends hash8 ‖ enc(pk) ‖ enc(sk) for the key schema ks of it
// to dst, and returns the length of dst up to and including enc(pk). ok is
// false if it lacks a key attribute of ks or holds one of another type.
func appendKey(dst []byte, ks KeySchema, it attr.Item) (_ []byte, partEnd int, ok bool) {
	pk, ok := keyValue(it, ks.Hash, ks.HashType)
	if !ok {
		return dst, 0, false
	}
	var sk attr.Value
	if ks.Range != "" {
		if sk, ok = keyValue(it, ks.Range, ks.RangeType); !ok {
			return dst, 0, false
		}
	}
	dst = appendPartition(dst, pk)
	partEnd = len(dst)
	if ks.Range != "" {
		dst = attr.AppendKey(dst, sk)
	}
	return dst, partEnd, true
}

// prefixEnd returns the smallest string greater than every string that
// starts with p, or "" if there is none (p is empty or all 0xFF bytes).
func prefixEnd(p string) string {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] != 0xFF {
			b := []byte(p[:i+1])
			b[i]++
			return string(b)
		}
	}
	return ""
}

// segmentStart returns the first hash of parallel-scan segment i of total
// (0 <= i < total): floor(i·2⁶⁴/total).
func segmentStart(i, total int) uint64 {
	q, _ := bits.Div64(uint64(i), 0, uint64(total))
	return q
}

// hashKey returns the 8-byte big-endian form of h, the smallest composite
// key whose hash is h.
func hashKey(h uint64) string {
	var b [hashLen]byte
	binary.BigEndian.PutUint64(b[:], h)
	return string(b[:])
}
