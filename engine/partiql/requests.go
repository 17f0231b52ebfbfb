package partiql

import (
	"strings"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
	"github.com/ddbplay/ddbplay/engine/validate"
)

// The members of the PartiQL operations' requests and responses that are
// statements and their results, with their field tables; the engine
// aliases them (engine.BatchStatementRequest is BatchStatementRequest).

// BatchStatementRequest is one statement of a BatchExecuteStatement.
type BatchStatementRequest struct {
	Statement                           *string      `json:"Statement,omitempty"`
	Parameters                          []attr.Value `json:"Parameters,omitempty"`
	ConsistentRead                      bool         `json:"ConsistentRead,omitempty"`
	ReturnValuesOnConditionCheckFailure string       `json:"ReturnValuesOnConditionCheckFailure,omitempty"`
}

// ParameterizedStatement is one statement of an ExecuteTransaction.
type ParameterizedStatement struct {
	Statement                           *string      `json:"Statement,omitempty"`
	Parameters                          []attr.Value `json:"Parameters,omitempty"`
	ReturnValuesOnConditionCheckFailure string       `json:"ReturnValuesOnConditionCheckFailure,omitempty"`
}

// BatchStatementError is why one statement of a batch failed.
type BatchStatementError struct {
	Code    string    `json:"Code,omitempty"`
	Message string    `json:"Message,omitempty"`
	Item    attr.Item `json:"Item,omitempty"`
}

// BatchStatementResponse is the result of one statement of a batch.
type BatchStatementResponse struct {
	Error     *BatchStatementError `json:"Error,omitempty"`
	TableName string               `json:"TableName,omitempty"`
	Item      attr.Item            `json:"Item,omitempty"`
}

var (
	CodecBatchStatementRequest = fieldtab.Codec[BatchStatementRequest]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(BatchStatementRequest{}), At: fieldtab.GrowAt[BatchStatementRequest],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			s := (*BatchStatementRequest)(p)
			fieldtab.Field(f, "Statement", unsafe.Pointer(&s.Statement), &fieldtab.StringPtr.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "Parameters", unsafe.Pointer(&s.Parameters), &fieldtab.AttrValueList.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "ConsistentRead", unsafe.Pointer(&s.ConsistentRead), &fieldtab.Bool.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "ReturnValuesOnConditionCheckFailure", unsafe.Pointer(&s.ReturnValuesOnConditionCheckFailure), &fieldtab.String.X, fieldtab.OmitEmpty)
		}}}
	CodecBatchStatementRequestList = fieldtab.Codec[[]BatchStatementRequest]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &CodecBatchStatementRequest.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}

	CodecBatchStatementError = fieldtab.Codec[BatchStatementError]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(BatchStatementError{}), At: fieldtab.GrowAt[BatchStatementError],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			e := (*BatchStatementError)(p)
			fieldtab.Field(f, "Code", unsafe.Pointer(&e.Code), &fieldtab.String.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "Message", unsafe.Pointer(&e.Message), &fieldtab.String.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "Item", unsafe.Pointer(&e.Item), &fieldtab.Item.X, fieldtab.OmitEmpty)
		}}}
	CodecBatchStatementErrorPtr = fieldtab.Codec[*BatchStatementError]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecBatchStatementError.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}

	CodecBatchStatementResponse = fieldtab.Codec[BatchStatementResponse]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(BatchStatementResponse{}), At: fieldtab.GrowAt[BatchStatementResponse],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			r := (*BatchStatementResponse)(p)
			fieldtab.Field(f, "Error", unsafe.Pointer(&r.Error), &CodecBatchStatementErrorPtr.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "TableName", unsafe.Pointer(&r.TableName), &fieldtab.String.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "Item", unsafe.Pointer(&r.Item), &fieldtab.Item.X, fieldtab.OmitEmpty)
		}}}
	CodecBatchStatementResponseList = fieldtab.Codec[[]BatchStatementResponse]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &CodecBatchStatementResponse.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}
)

var (
	CodecParameterizedStatement = fieldtab.Codec[ParameterizedStatement]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(ParameterizedStatement{}), At: fieldtab.GrowAt[ParameterizedStatement],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			s := (*ParameterizedStatement)(p)
			fieldtab.Field(f, "Statement", unsafe.Pointer(&s.Statement), &fieldtab.StringPtr.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "Parameters", unsafe.Pointer(&s.Parameters), &fieldtab.AttrValueList.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "ReturnValuesOnConditionCheckFailure", unsafe.Pointer(&s.ReturnValuesOnConditionCheckFailure), &fieldtab.String.X, fieldtab.OmitEmpty)
		}}}
	CodecParameterizedStatementList = fieldtab.Codec[[]ParameterizedStatement]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &CodecParameterizedStatement.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}
)

// CheckStatement records in v the violations of one statement's members:
// the statement at member (e.g. "statement", or
// "statements.1.member.statement") and its parameters at paramsMember.
func CheckStatement(v *validate.Violations, member string, s *string, params []attr.Value, paramsMember string) {
	switch {
	case s == nil:
		v.Add("null", member, validate.NotNull)
	case len(*s) < 1:
		v.Add(validate.Quote(*s), member, ddberr.Sprintf(validate.MinLenFmt, 1))
	case len(*s) > MaxStatementSize:
		v.Add(validate.Quote(*s), member, ddberr.Sprintf(validate.MaxLenFmt, MaxStatementSize))
	}
	if params != nil && len(params) == 0 {
		v.Add("'[]'", paramsMember, ddberr.Sprintf(validate.MinLenFmt, 1))
	}
}

// ProjectionNames returns the names a SELECT's projection uses: GetItem
// refuses names its expressions do not use, and a plan's names also serve
// its WHERE clause.
func (p *Plan) ProjectionNames() map[string]string {
	if p.Projection == "" {
		return nil
	}
	names := map[string]string{}
	for ph, n := range p.Names {
		if strings.Contains(p.Projection+",", ph+",") || strings.Contains(p.Projection, ph+".") || strings.Contains(p.Projection, ph+"[") {
			names[ph] = n
		}
	}
	return names
}
