package batch

import (
	"strconv"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/consumed"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
	"github.com/ddbplay/ddbplay/engine/validate"
)

// The TransactWriteItems request and response: its actions (a ConditionCheck, Put,
// Update or Delete each) with their field tables, the checks of its shape
// made before any table is read, and its fingerprint for the
// ClientRequestToken. The engine binds the actions to their tables and
// runs them.

// TransactWriteItemsInput is the TransactWriteItems request.
type TransactWriteItemsInput struct {
	TransactItems               []TransactWriteItem `json:"TransactItems"`
	ClientRequestToken          *string             `json:"ClientRequestToken,omitempty"`
	ReturnConsumedCapacity      string              `json:"ReturnConsumedCapacity,omitempty"`
	ReturnItemCollectionMetrics string              `json:"ReturnItemCollectionMetrics,omitempty"`
}

// Members declares the request's field table.
func (in *TransactWriteItemsInput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "TransactItems", unsafe.Pointer(&in.TransactItems), &codecTransactWriteItemList.X, 0)
	fieldtab.Field(f, "ClientRequestToken", unsafe.Pointer(&in.ClientRequestToken), &fieldtab.StringPtr.X, fieldtab.OmitEmpty)
	fieldtab.Field(f, "ReturnConsumedCapacity", unsafe.Pointer(&in.ReturnConsumedCapacity), &fieldtab.String.X, fieldtab.OmitEmpty)
	fieldtab.Field(f, "ReturnItemCollectionMetrics", unsafe.Pointer(&in.ReturnItemCollectionMetrics), &fieldtab.String.X, fieldtab.OmitEmpty)
}

// Check checks the request's members, then that each action sets exactly
// one of its four members.
func (in *TransactWriteItemsInput) Check() error {
	var v validate.Violations
	checkTransactItems(&v, len(in.TransactItems), in.TransactItems == nil)
	if in.ClientRequestToken != nil {
		tok := *in.ClientRequestToken
		if len(tok) < 1 {
			v.Add(validate.Quote(tok), "clientRequestToken", ddberr.Sprintf(validate.MinLenFmt, 1))
		} else if len(tok) > MaxTokenLen {
			v.Add(validate.Quote(tok), "clientRequestToken", ddberr.Sprintf(validate.MaxLenFmt, MaxTokenLen))
		}
	}
	for i := range in.TransactItems {
		in.TransactItems[i].check(&v, ddberr.Sprintf("transactItems.%d.member", i+1))
	}
	v.ReturnConsumedCapacity(in.ReturnConsumedCapacity)
	v.ReturnItemCollectionMetrics(in.ReturnItemCollectionMetrics)
	if err := v.Err(); err != nil {
		return err
	}
	for i := range in.TransactItems {
		if in.TransactItems[i].count() != 1 {
			return ddberr.Validation(msgTxnOneOf)
		}
	}
	return nil
}

// checkTransactItems records the violations of the count n of a
// transaction's TransactItems (absent when null is set).
func checkTransactItems(v *validate.Violations, n int, null bool) {
	switch {
	case null:
		v.Add("null", "transactItems", validate.NotNull)
	case n == 0:
		v.Add("'[]'", "transactItems", ddberr.Sprintf(validate.MinLenFmt, 1))
	case n > MaxTxnItems:
		v.Add(validate.Quote(strconv.Itoa(n)+" items"), "transactItems", ddberr.Sprintf(validate.MaxLenFmt, MaxTxnItems))
	}
}

// Fingerprint renders the request without its ClientRequestToken, to
// compare two requests carrying the same token: its JSON as its field
// table writes it (every member in declaration order, maps in sorted key
// order), so that two requests have the same fingerprint exactly when
// their parameters are equal, and a new member counts without a line here.
func (in *TransactWriteItemsInput) Fingerprint() string {
	c := *in
	c.ClientRequestToken = nil
	return string(fieldtab.Encode(nil, c.Members))
}

// TransactWriteItemsOutput is the TransactWriteItems response.
type TransactWriteItemsOutput struct {
	ConsumedCapacity      []*consumed.ConsumedCapacity                 `json:"ConsumedCapacity,omitempty"`
	ItemCollectionMetrics map[string][]*consumed.ItemCollectionMetrics `json:"ItemCollectionMetrics,omitempty"`
}

// Members declares the response's field table.
func (o *TransactWriteItemsOutput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "ConsumedCapacity", unsafe.Pointer(&o.ConsumedCapacity), &consumed.CodecConsumedCapacityPtrList.X, fieldtab.OmitEmpty)
	fieldtab.Field(f, "ItemCollectionMetrics", unsafe.Pointer(&o.ItemCollectionMetrics), &consumed.CodecItemCollectionMetricsPtrListMap.X, fieldtab.OmitEmpty)
}

// TransactWriteItem is one action of a TransactWriteItems: exactly one
// member is set.
type TransactWriteItem struct {
	ConditionCheck *TransactConditionCheck `json:"ConditionCheck,omitempty"`
	Put            *TransactPut            `json:"Put,omitempty"`
	Update         *TransactUpdate         `json:"Update,omitempty"`
	Delete         *TransactDelete         `json:"Delete,omitempty"`
}

// TransactConditionCheck checks a condition on an item without writing it.
type TransactConditionCheck struct {
	TableName                           string                    `json:"TableName"`
	Key                                 attr.Item                 `json:"Key"`
	ConditionExpression                 *string                   `json:"ConditionExpression,omitempty"`
	ExpressionAttributeNames            map[string]string         `json:"ExpressionAttributeNames,omitempty"`
	ExpressionAttributeValues           fieldtab.ExpressionValues `json:"ExpressionAttributeValues,omitempty"`
	ReturnValuesOnConditionCheckFailure string                    `json:"ReturnValuesOnConditionCheckFailure,omitempty"`
}

// TransactPut stores an item whole, optionally under a condition.
type TransactPut struct {
	TableName                           string                    `json:"TableName"`
	Item                                attr.Item                 `json:"Item"`
	ConditionExpression                 *string                   `json:"ConditionExpression,omitempty"`
	ExpressionAttributeNames            map[string]string         `json:"ExpressionAttributeNames,omitempty"`
	ExpressionAttributeValues           fieldtab.ExpressionValues `json:"ExpressionAttributeValues,omitempty"`
	ReturnValuesOnConditionCheckFailure string                    `json:"ReturnValuesOnConditionCheckFailure,omitempty"`
}

// TransactUpdate updates (or creates) an item, optionally under a condition.
type TransactUpdate struct {
	TableName                           string                    `json:"TableName"`
	Key                                 attr.Item                 `json:"Key"`
	UpdateExpression                    *string                   `json:"UpdateExpression,omitempty"`
	ConditionExpression                 *string                   `json:"ConditionExpression,omitempty"`
	ExpressionAttributeNames            map[string]string         `json:"ExpressionAttributeNames,omitempty"`
	ExpressionAttributeValues           fieldtab.ExpressionValues `json:"ExpressionAttributeValues,omitempty"`
	ReturnValuesOnConditionCheckFailure string                    `json:"ReturnValuesOnConditionCheckFailure,omitempty"`
}

// TransactDelete deletes an item, optionally under a condition.
type TransactDelete struct {
	TableName                           string                    `json:"TableName"`
	Key                                 attr.Item                 `json:"Key"`
	ConditionExpression                 *string                   `json:"ConditionExpression,omitempty"`
	ExpressionAttributeNames            map[string]string         `json:"ExpressionAttributeNames,omitempty"`
	ExpressionAttributeValues           fieldtab.ExpressionValues `json:"ExpressionAttributeValues,omitempty"`
	ReturnValuesOnConditionCheckFailure string                    `json:"ReturnValuesOnConditionCheckFailure,omitempty"`
}

var (
	codecTransactWriteItem = fieldtab.Codec[TransactWriteItem]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(TransactWriteItem{}), At: fieldtab.GrowAt[TransactWriteItem],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			t := (*TransactWriteItem)(p)
			fieldtab.Field(f, "ConditionCheck", unsafe.Pointer(&t.ConditionCheck), &codecTransactConditionCheckPtr.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "Put", unsafe.Pointer(&t.Put), &codecTransactPutPtr.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "Update", unsafe.Pointer(&t.Update), &codecTransactUpdatePtr.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "Delete", unsafe.Pointer(&t.Delete), &codecTransactDeletePtr.X, fieldtab.OmitEmpty)
		}}}
	codecTransactWriteItemList = fieldtab.Codec[[]TransactWriteItem]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &codecTransactWriteItem.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}

	codecTransactConditionCheck = fieldtab.Codec[TransactConditionCheck]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(TransactConditionCheck{}), At: fieldtab.GrowAt[TransactConditionCheck],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			t := (*TransactConditionCheck)(p)
			fieldtab.Field(f, "TableName", unsafe.Pointer(&t.TableName), &fieldtab.String.X, 0)
			fieldtab.Field(f, "Key", unsafe.Pointer(&t.Key), &fieldtab.Item.X, 0)
			conditionMembers(f, &t.ConditionExpression, &t.ExpressionAttributeNames, &t.ExpressionAttributeValues, &t.ReturnValuesOnConditionCheckFailure)
		}}}
	codecTransactConditionCheckPtr = fieldtab.Codec[*TransactConditionCheck]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &codecTransactConditionCheck.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}

	codecTransactPut = fieldtab.Codec[TransactPut]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(TransactPut{}), At: fieldtab.GrowAt[TransactPut],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			t := (*TransactPut)(p)
			fieldtab.Field(f, "TableName", unsafe.Pointer(&t.TableName), &fieldtab.String.X, 0)
			fieldtab.Field(f, "Item", unsafe.Pointer(&t.Item), &fieldtab.Item.X, 0)
			conditionMembers(f, &t.ConditionExpression, &t.ExpressionAttributeNames, &t.ExpressionAttributeValues, &t.ReturnValuesOnConditionCheckFailure)
		}}}
	codecTransactPutPtr = fieldtab.Codec[*TransactPut]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &codecTransactPut.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}

	codecTransactUpdate = fieldtab.Codec[TransactUpdate]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(TransactUpdate{}), At: fieldtab.GrowAt[TransactUpdate],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			t := (*TransactUpdate)(p)
			fieldtab.Field(f, "TableName", unsafe.Pointer(&t.TableName), &fieldtab.String.X, 0)
			fieldtab.Field(f, "Key", unsafe.Pointer(&t.Key), &fieldtab.Item.X, 0)
			fieldtab.Field(f, "UpdateExpression", unsafe.Pointer(&t.UpdateExpression), &fieldtab.StringPtr.X, fieldtab.OmitEmpty)
			conditionMembers(f, &t.ConditionExpression, &t.ExpressionAttributeNames, &t.ExpressionAttributeValues, &t.ReturnValuesOnConditionCheckFailure)
		}}}
	codecTransactUpdatePtr = fieldtab.Codec[*TransactUpdate]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &codecTransactUpdate.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}

	codecTransactDelete = fieldtab.Codec[TransactDelete]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(TransactDelete{}), At: fieldtab.GrowAt[TransactDelete],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			t := (*TransactDelete)(p)
			fieldtab.Field(f, "TableName", unsafe.Pointer(&t.TableName), &fieldtab.String.X, 0)
			fieldtab.Field(f, "Key", unsafe.Pointer(&t.Key), &fieldtab.Item.X, 0)
			conditionMembers(f, &t.ConditionExpression, &t.ExpressionAttributeNames, &t.ExpressionAttributeValues, &t.ReturnValuesOnConditionCheckFailure)
		}}}
	codecTransactDeletePtr = fieldtab.Codec[*TransactDelete]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &codecTransactDelete.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

// conditionMembers declares the members each action ends with: its
// condition, the expression's names and values, and what a failed
// condition returns.
func conditionMembers(f *fieldtab.Fields, cond **string, names *map[string]string, values *fieldtab.ExpressionValues, onFailure *string) {
	fieldtab.Field(f, "ConditionExpression", unsafe.Pointer(cond), &fieldtab.StringPtr.X, fieldtab.OmitEmpty)
	fieldtab.Field(f, "ExpressionAttributeNames", unsafe.Pointer(names), &fieldtab.StringMap.X, fieldtab.OmitEmpty)
	fieldtab.Field(f, "ExpressionAttributeValues", unsafe.Pointer(values), &fieldtab.Values.X, fieldtab.OmitEmpty)
	fieldtab.Field(f, "ReturnValuesOnConditionCheckFailure", unsafe.Pointer(onFailure), &fieldtab.String.X, fieldtab.OmitEmpty)
}

// Action is what every action of a TransactWriteItem has, and which
// action it is.
type Action struct {
	Kind      string    // ".conditionCheck", ".put", ".update" or ".delete"; "" for none
	TableName string    // TableName
	Key       attr.Item // Key, or a Put's Item
	Condition *string   // ConditionExpression
	Names     map[string]string
	Values    fieldtab.ExpressionValues
	OnFailure string // ReturnValuesOnConditionCheckFailure
}

// Action returns the members of the first action ti sets.
func (ti *TransactWriteItem) Action() Action {
	switch {
	case ti.ConditionCheck != nil:
		c := ti.ConditionCheck
		return Action{".conditionCheck", c.TableName, c.Key, c.ConditionExpression, c.ExpressionAttributeNames, c.ExpressionAttributeValues, c.ReturnValuesOnConditionCheckFailure}
	case ti.Put != nil:
		p := ti.Put
		return Action{".put", p.TableName, p.Item, p.ConditionExpression, p.ExpressionAttributeNames, p.ExpressionAttributeValues, p.ReturnValuesOnConditionCheckFailure}
	case ti.Update != nil:
		u := ti.Update
		return Action{".update", u.TableName, u.Key, u.ConditionExpression, u.ExpressionAttributeNames, u.ExpressionAttributeValues, u.ReturnValuesOnConditionCheckFailure}
	case ti.Delete != nil:
		d := ti.Delete
		return Action{".delete", d.TableName, d.Key, d.ConditionExpression, d.ExpressionAttributeNames, d.ExpressionAttributeValues, d.ReturnValuesOnConditionCheckFailure}
	}
	return Action{}
}

// count returns how many of the four actions ti sets.
func (ti *TransactWriteItem) count() int {
	n := 0
	for _, set := range [4]bool{ti.ConditionCheck != nil, ti.Put != nil, ti.Update != nil, ti.Delete != nil} {
		if set {
			n++
		}
	}
	return n
}

// check records the member violations of the action ti sets at member
// (e.g. "transactItems.1.member").
func (ti *TransactWriteItem) check(v *validate.Violations, member string) {
	m := ti.Action()
	if m.Kind == "" {
		return
	}
	v.TableName(member+m.Kind+".tableName", m.TableName)
	switch {
	case m.Key == nil && ti.Put != nil:
		v.Add("null", member+m.Kind+".item", validate.NotNull)
	case m.Key == nil:
		v.Add("null", member+m.Kind+".key", validate.NotNull)
	}
	if ti.ConditionCheck != nil && m.Condition == nil {
		v.Add("null", member+m.Kind+".conditionExpression", validate.NotNull)
	}
	if ti.Update != nil && ti.Update.UpdateExpression == nil {
		v.Add("null", member+m.Kind+".updateExpression", validate.NotNull)
	}
	v.Enum(member+m.Kind+".returnValuesOnConditionCheckFailure", m.OnFailure, "ALL_OLD", "NONE")
}
