package ttl

import (
	"strconv"
	"time"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
	"github.com/ddbplay/ddbplay/engine/validate"
)

// TimeToLive statuses (DescribeTimeToLive). Changes take effect at once, so
// ENABLING and DISABLING are never reported.
const (
	Enabled  = "ENABLED"
	Disabled = "DISABLED"
)

// maxAge is how far in the past an expiry time may be and still count:
// DynamoDB does not delete items whose TTL value is more than five years
// old (it treats such values as not being expiry times).
const maxAge = 5 * 365 * 24 * time.Hour

// attrNameMax is the longest TTL attribute name.
const attrNameMax = 255

// TimeToLiveSpecification is UpdateTimeToLive's request member and answer.
// In a request both members are required.
type TimeToLiveSpecification struct {
	AttributeName *string `json:"AttributeName,omitempty"`
	Enabled       *bool   `json:"Enabled,omitempty"`
}

// TimeToLiveDescription is a table's TTL state: TimeToLiveStatus ENABLED
// with the AttributeName, or DISABLED without one.
type TimeToLiveDescription struct {
	AttributeName    string `json:"AttributeName,omitempty"`
	TimeToLiveStatus string `json:"TimeToLiveStatus"`
}

// The field tables of the two types, and of pointers to them.
var (
	CodecSpecification = fieldtab.Codec[TimeToLiveSpecification]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(TimeToLiveSpecification{}), At: fieldtab.GrowAt[TimeToLiveSpecification],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			t := (*TimeToLiveSpecification)(p)
			fieldtab.Field(f, "AttributeName", unsafe.Pointer(&t.AttributeName), &fieldtab.StringPtr.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "Enabled", unsafe.Pointer(&t.Enabled), &fieldtab.BoolPtr.X, fieldtab.OmitEmpty)
		}}}
	CodecSpecificationPtr = fieldtab.Codec[*TimeToLiveSpecification]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecSpecification.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}

	CodecDescription = fieldtab.Codec[TimeToLiveDescription]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(TimeToLiveDescription{}),
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			t := (*TimeToLiveDescription)(p)
			fieldtab.Field(f, "AttributeName", unsafe.Pointer(&t.AttributeName), &fieldtab.String.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "TimeToLiveStatus", unsafe.Pointer(&t.TimeToLiveStatus), &fieldtab.String.X, 0)
		}}}
	CodecDescriptionPtr = fieldtab.Codec[*TimeToLiveDescription]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecDescription.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

// CheckUpdate records the member constraint violations of an
// UpdateTimeToLive request (its table name and specification).
func CheckUpdate(tableName string, spec *TimeToLiveSpecification) error {
	var v validate.Violations
	v.TableName("tableName", tableName)
	if spec == nil {
		v.Add("null", "timeToLiveSpecification", validate.NotNull)
	} else {
		switch {
		case spec.AttributeName == nil:
			v.Add("null", "timeToLiveSpecification.attributeName", validate.NotNull)
		case *spec.AttributeName == "":
			v.Add(validate.Quote(""), "timeToLiveSpecification.attributeName", ddberr.Sprintf(validate.MinLenFmt, 1))
		case len(*spec.AttributeName) > attrNameMax:
			v.Add(validate.Quote(*spec.AttributeName), "timeToLiveSpecification.attributeName", ddberr.Sprintf(validate.MaxLenFmt, attrNameMax))
		}
		if spec.Enabled == nil {
			v.Add("null", "timeToLiveSpecification.enabled", validate.NotNull)
		}
	}
	return v.Err()
}

// Apply applies a checked specification to a table whose TTL attribute is
// current ("" when TTL is disabled) and returns its new attribute and
// status. Enabling while enabled (on any attribute) fails with
// "TimeToLive is already enabled"; disabling while disabled with
// "TimeToLive is already disabled"; disabling with another attribute name
// than the enabled one names the current attribute.
func Apply(current string, spec *TimeToLiveSpecification) (attribute, status string, err error) {
	enabled := current != ""
	switch {
	case *spec.Enabled && enabled:
		return "", "", ddberr.Validation(msgAlreadyEnabled)
	case !*spec.Enabled && !enabled:
		return "", "", ddberr.Validation(msgAlreadyDisabled)
	case !*spec.Enabled && *spec.AttributeName != current:
		return "", "", ddberr.Validation(msgOtherAttributeFmt, current)
	}
	if *spec.Enabled {
		return *spec.AttributeName, Enabled, nil
	}
	return "", Disabled, nil
}

// Describe returns the description of a table whose TTL attribute is
// attribute ("" when TTL is disabled).
func Describe(attribute string) *TimeToLiveDescription {
	if attribute == "" {
		return &TimeToLiveDescription{TimeToLiveStatus: Disabled}
	}
	return &TimeToLiveDescription{AttributeName: attribute, TimeToLiveStatus: Enabled}
}

// Window returns now and the oldest expiry time that still counts (five
// years before now), both as N values of epoch seconds, for Expired.
func Window(now time.Time) (nowN, oldest attr.Value) {
	return EpochSeconds(now), EpochSeconds(now.Add(-maxAge))
}

// Expired reports whether the TTL attribute value v is an N in
// [oldest, now] (epoch seconds, both N values).
func Expired(v attr.Value, now, oldest attr.Value) bool {
	if v.Type() != attr.TypeN {
		return false
	}
	c, _ := attr.Compare(v, now)
	o, _ := attr.Compare(v, oldest)
	return c <= 0 && o >= 0
}

// EpochSeconds returns t as an N of seconds since the Unix epoch, exact to
// the nanosecond (no math/big: it keeps the WebAssembly build small).
func EpochSeconds(t time.Time) attr.Value {
	ns := t.UnixNano()
	sign := ""
	if ns < 0 {
		sign = "-"
	}
	sec, frac := ns/int64(time.Second), ns%int64(time.Second)
	if ns < 0 {
		sec, frac = -sec, -frac
	}
	text := sign + strconv.FormatInt(sec, 10) + "." + strconv.FormatInt(frac+int64(time.Second), 10)[1:]
	v, err := attr.N(text)
	if err != nil {
		panic("ttl: epoch seconds " + text + ": " + err.Error())
	}
	return v
}
