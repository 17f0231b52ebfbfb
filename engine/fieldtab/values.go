package fieldtab

import (
	"cmp"
	"errors"
	"slices"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/wire"
)

// ExpressionValues is an ExpressionAttributeValues parameter. Decoding
// (Values, ReadValues) words an invalid value as DynamoDB does for this
// parameter: "ExpressionAttributeValues contains invalid value: <reason>
// for key :v" (the first invalid key in sorted order); shape errors stay
// SerializationExceptions. JSON null decodes to nil.
type ExpressionValues map[string]attr.Value

// Values is the codec of ExpressionValues; it writes as an item does (for
// a request's fingerprint).
var Values = Codec[ExpressionValues]{X: Erased{
	Read:  func(r *wire.Reader, p unsafe.Pointer) { ReadValues(r, (*map[string]attr.Value)(p)) },
	Write: Item.X.Write, Empty: Item.X.Empty,
}}

// ReadValues decodes ExpressionAttributeValues (ExpressionValues) as its
// former UnmarshalJSON did: a value that breaks a rule is "ExpressionAttributeValues
// contains invalid value: <reason> for key :v" for the first such key in
// sorted order, unless another value (in that order) has a shape error,
// which wins; the parameter's shape errors stop the decoding at once.
func ReadValues(r *wire.Reader, m *map[string]attr.Value) {
	switch k := r.Kind(); k {
	case wire.Null:
		r.Null()
		*m = nil
		return
	case wire.Object, wire.Invalid:
	default:
		r.Fail(&wire.TypeError{Value: k, Target: wire.ToMap})
		return
	}
	if !r.Object() {
		return
	}
	// Each value is decoded as it is read, in one pass; its error is kept
	// until the whole parameter has been read (malformed JSON anywhere
	// wins) and then weighed in key order.
	type member struct {
		key string
		v   attr.Value
		err error
	}
	var members []member
	for r.Member() {
		members = append(members, member{key: string(r.Key())})
		e := &members[len(members)-1] // decoded in place: no value of its own on the heap
		e.err = r.TryDecode(&e.v)
	}
	if r.Failed() {
		return
	}
	// Sort by key, the last of duplicated keys first (it wins).
	slices.Reverse(members)
	slices.SortStableFunc(members, func(a, b member) int { return cmp.Compare(a.key, b.key) })
	members = slices.CompactFunc(members, func(a, b member) bool { return a.key == b.key })
	out := make(map[string]attr.Value, len(members))
	var invalid error
	for _, e := range members {
		if e.err != nil {
			de, ok := errors.AsType[*ddberr.Error](e.err)
			if !ok || de.Type != ddberr.TypeValidation {
				r.Fail(e.err)
				return
			}
			if invalid == nil {
				invalid = ddberr.Validation(InvalidValueFmt, de.Message, e.key)
			}
			continue
		}
		out[e.key] = e.v
	}
	if invalid != nil {
		r.Fail(invalid)
		return
	}
	*m = out
}
