package batch

import (
	"strings"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
)

// CancellationReason is one entry of a TransactionCanceledException's
// CancellationReasons: Code "None" for an action that would have
// succeeded, else why it failed.
type CancellationReason struct {
	Code    string    `json:"Code"`
	Message string    `json:"Message,omitempty"`
	Item    attr.Item `json:"Item,omitempty"`
}

// CancellationReasons is the CancellationReasons member of a
// TransactionCanceledException (the value of its Fields entry): one
// reason per action, in request order.
type CancellationReasons []CancellationReason

// MarshalJSON writes the reasons as a JSON array (null when nil). It never
// fails.
func (rs CancellationReasons) MarshalJSON() ([]byte, error) {
	return codecCancellationReasonList.Append(nil, (*[]CancellationReason)(&rs)), nil
}

var (
	codecCancellationReason = fieldtab.Codec[CancellationReason]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(CancellationReason{}),
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			c := (*CancellationReason)(p)
			fieldtab.Field(f, "Code", unsafe.Pointer(&c.Code), &fieldtab.String.X, 0)
			fieldtab.Field(f, "Message", unsafe.Pointer(&c.Message), &fieldtab.String.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "Item", unsafe.Pointer(&c.Item), &fieldtab.Item.X, fieldtab.OmitEmpty)
		}}}
	codecCancellationReasonList = fieldtab.Codec[[]CancellationReason]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &codecCancellationReason.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}
)

// Cancellation codes.
const (
	ReasonNone           = "None"
	ReasonConditionCheck = "ConditionalCheckFailed"
	ReasonValidation     = "ValidationError"
	ReasonCollectionSize = "ItemCollectionSizeLimitExceeded"
	ReasonThrottling     = "ThrottlingError"
	ReasonDuplicateItem  = "DuplicateItem"
)

// Canceled returns the TransactionCanceledException of a transaction
// whose actions had reasons: its message lists their codes, its
// CancellationReasons member holds them.
func Canceled(reasons CancellationReasons) error {
	codes := make([]string, len(reasons))
	for i, r := range reasons {
		codes[i] = r.Code
	}
	return ddberr.New(ddberr.TypeTransactionCanceled, ddberr.Sprintf(msgTxnCanceledFmt, strings.Join(codes, ", "))).
		With("CancellationReasons", reasons)
}

// The limits of a transaction (TransactWriteItems, TransactGetItems,
// ExecuteTransaction): its actions, the size of its items and the length
// of its ClientRequestToken.
const (
	MaxTxnItems = 100
	MaxTxnBytes = 4 << 20
	MaxTokenLen = 36
)

// ReasonFor returns the cancellation reason of an action's outcome: None
// for no error, else the error's type without "Exception"
// (ValidationError for a ValidationException), its message, and the item
// a failed condition returned.
func ReasonFor(err error) CancellationReason {
	if err == nil {
		return CancellationReason{Code: ReasonNone}
	}
	e := ddberr.As(err)
	r := CancellationReason{Code: strings.TrimSuffix(e.Type, "Exception"), Message: e.Message}
	switch e.Type {
	case ddberr.TypeValidation:
		r.Code = ReasonValidation
	case ddberr.TypeConditionalCheckFailed:
		r.Item, _ = e.Fields["Item"].(attr.Item)
	}
	return r
}
