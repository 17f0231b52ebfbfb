package engine

import (
	"strconv"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/batch"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/expr"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
	"github.com/ddbplay/ddbplay/engine/validate"
)

func init() { register("TransactWriteItems", (*DB).TransactWriteItems) }

// Transaction limits.
const (
	maxTxnItems = batch.MaxTxnItems
	maxTxnBytes = 4 << 20
	maxTokenLen = batch.MaxTokenLen
)

// TransactWriteItem is one action of a TransactWriteItems: exactly one
// member is set.
type TransactWriteItem struct {
	ConditionCheck *TransactConditionCheck `json:"ConditionCheck,omitempty"`
	Put            *TransactPut            `json:"Put,omitempty"`
	Update         *TransactUpdate         `json:"Update,omitempty"`
	Delete         *TransactDelete         `json:"Delete,omitempty"`
}

var (
	cTransactWriteItem = codec[TransactWriteItem]{X: erased{Kind: kObj, Size: unsafe.Sizeof(TransactWriteItem{}), At: fieldtab.GrowAt[TransactWriteItem],
		Members: func(p unsafe.Pointer, f *fields) {
			t := (*TransactWriteItem)(p)
			member(f, "ConditionCheck", &t.ConditionCheck, &cTransactConditionCheckPtr, omitEmpty)
			member(f, "Put", &t.Put, &cTransactPutPtr, omitEmpty)
			member(f, "Update", &t.Update, &cTransactUpdatePtr, omitEmpty)
			member(f, "Delete", &t.Delete, &cTransactDeletePtr, omitEmpty)
		}}}
	cTransactWriteItemList = codec[[]TransactWriteItem]{X: erased{Kind: kList, Elem: &cTransactWriteItem.X, Size: sliceSize, At: fieldtab.GrowAt[[]byte]}}
)

// TransactConditionCheck checks a condition on an item without writing it.
type TransactConditionCheck struct {
	TableName                           string            `json:"TableName"`
	Key                                 attr.Item         `json:"Key"`
	ConditionExpression                 *string           `json:"ConditionExpression,omitempty"`
	ExpressionAttributeNames            map[string]string `json:"ExpressionAttributeNames,omitempty"`
	ExpressionAttributeValues           ExpressionValues  `json:"ExpressionAttributeValues,omitempty"`
	ReturnValuesOnConditionCheckFailure string            `json:"ReturnValuesOnConditionCheckFailure,omitempty"`
}

var (
	cTransactConditionCheck = codec[TransactConditionCheck]{X: erased{Kind: kObj, Size: unsafe.Sizeof(TransactConditionCheck{}), At: fieldtab.GrowAt[TransactConditionCheck],
		Members: func(p unsafe.Pointer, f *fields) {
			t := (*TransactConditionCheck)(p)
			member(f, "TableName", &t.TableName, &cString, 0)
			member(f, "Key", &t.Key, &cItem, 0)
			conditionMembers(f, &t.ConditionExpression, &t.ExpressionAttributeNames, &t.ExpressionAttributeValues, &t.ReturnValuesOnConditionCheckFailure)
		}}}
	cTransactConditionCheckPtr = codec[*TransactConditionCheck]{X: erased{Kind: kPtr, Elem: &cTransactConditionCheck.X, Size: ptrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

// TransactPut stores an item whole, optionally under a condition.
type TransactPut struct {
	TableName                           string            `json:"TableName"`
	Item                                attr.Item         `json:"Item"`
	ConditionExpression                 *string           `json:"ConditionExpression,omitempty"`
	ExpressionAttributeNames            map[string]string `json:"ExpressionAttributeNames,omitempty"`
	ExpressionAttributeValues           ExpressionValues  `json:"ExpressionAttributeValues,omitempty"`
	ReturnValuesOnConditionCheckFailure string            `json:"ReturnValuesOnConditionCheckFailure,omitempty"`
}

var (
	cTransactPut = codec[TransactPut]{X: erased{Kind: kObj, Size: unsafe.Sizeof(TransactPut{}), At: fieldtab.GrowAt[TransactPut],
		Members: func(p unsafe.Pointer, f *fields) {
			t := (*TransactPut)(p)
			member(f, "TableName", &t.TableName, &cString, 0)
			member(f, "Item", &t.Item, &cItem, 0)
			conditionMembers(f, &t.ConditionExpression, &t.ExpressionAttributeNames, &t.ExpressionAttributeValues, &t.ReturnValuesOnConditionCheckFailure)
		}}}
	cTransactPutPtr = codec[*TransactPut]{X: erased{Kind: kPtr, Elem: &cTransactPut.X, Size: ptrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

// TransactUpdate updates (or creates) an item, optionally under a condition.
type TransactUpdate struct {
	TableName                           string            `json:"TableName"`
	Key                                 attr.Item         `json:"Key"`
	UpdateExpression                    *string           `json:"UpdateExpression,omitempty"`
	ConditionExpression                 *string           `json:"ConditionExpression,omitempty"`
	ExpressionAttributeNames            map[string]string `json:"ExpressionAttributeNames,omitempty"`
	ExpressionAttributeValues           ExpressionValues  `json:"ExpressionAttributeValues,omitempty"`
	ReturnValuesOnConditionCheckFailure string            `json:"ReturnValuesOnConditionCheckFailure,omitempty"`
}

var (
	cTransactUpdate = codec[TransactUpdate]{X: erased{Kind: kObj, Size: unsafe.Sizeof(TransactUpdate{}), At: fieldtab.GrowAt[TransactUpdate],
		Members: func(p unsafe.Pointer, f *fields) {
			t := (*TransactUpdate)(p)
			member(f, "TableName", &t.TableName, &cString, 0)
			member(f, "Key", &t.Key, &cItem, 0)
			member(f, "UpdateExpression", &t.UpdateExpression, &cStringPtr, omitEmpty)
			conditionMembers(f, &t.ConditionExpression, &t.ExpressionAttributeNames, &t.ExpressionAttributeValues, &t.ReturnValuesOnConditionCheckFailure)
		}}}
	cTransactUpdatePtr = codec[*TransactUpdate]{X: erased{Kind: kPtr, Elem: &cTransactUpdate.X, Size: ptrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

// TransactDelete deletes an item, optionally under a condition.
type TransactDelete struct {
	TableName                           string            `json:"TableName"`
	Key                                 attr.Item         `json:"Key"`
	ConditionExpression                 *string           `json:"ConditionExpression,omitempty"`
	ExpressionAttributeNames            map[string]string `json:"ExpressionAttributeNames,omitempty"`
	ExpressionAttributeValues           ExpressionValues  `json:"ExpressionAttributeValues,omitempty"`
	ReturnValuesOnConditionCheckFailure string            `json:"ReturnValuesOnConditionCheckFailure,omitempty"`
}

var (
	cTransactDelete = codec[TransactDelete]{X: erased{Kind: kObj, Size: unsafe.Sizeof(TransactDelete{}), At: fieldtab.GrowAt[TransactDelete],
		Members: func(p unsafe.Pointer, f *fields) {
			t := (*TransactDelete)(p)
			member(f, "TableName", &t.TableName, &cString, 0)
			member(f, "Key", &t.Key, &cItem, 0)
			conditionMembers(f, &t.ConditionExpression, &t.ExpressionAttributeNames, &t.ExpressionAttributeValues, &t.ReturnValuesOnConditionCheckFailure)
		}}}
	cTransactDeletePtr = codec[*TransactDelete]{X: erased{Kind: kPtr, Elem: &cTransactDelete.X, Size: ptrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

// conditionMembers declares the members each action ends with: its
// condition, the expression's names and values, and what a failed
// condition returns.
func conditionMembers(f *fields, cond **string, names *map[string]string, values *ExpressionValues, onFailure *string) {
	member(f, "ConditionExpression", cond, &cStringPtr, omitEmpty)
	member(f, "ExpressionAttributeNames", names, &cNames, omitEmpty)
	member(f, "ExpressionAttributeValues", values, &cValues, omitEmpty)
	member(f, "ReturnValuesOnConditionCheckFailure", onFailure, &cString, omitEmpty)
}

// TransactWriteItemsInput is the TransactWriteItems request.
type TransactWriteItemsInput struct {
	TransactItems               []TransactWriteItem `json:"TransactItems"`
	ClientRequestToken          *string             `json:"ClientRequestToken,omitempty"`
	ReturnConsumedCapacity      string              `json:"ReturnConsumedCapacity,omitempty"`
	ReturnItemCollectionMetrics string              `json:"ReturnItemCollectionMetrics,omitempty"`
}

func (in *TransactWriteItemsInput) members(f *fields) {
	member(f, "TransactItems", &in.TransactItems, &cTransactWriteItemList, 0)
	member(f, "ClientRequestToken", &in.ClientRequestToken, &cStringPtr, omitEmpty)
	member(f, "ReturnConsumedCapacity", &in.ReturnConsumedCapacity, &cString, omitEmpty)
	member(f, "ReturnItemCollectionMetrics", &in.ReturnItemCollectionMetrics, &cString, omitEmpty)
}

// TransactWriteItemsOutput is the TransactWriteItems response.
type TransactWriteItemsOutput struct {
	ConsumedCapacity      []*ConsumedCapacity                 `json:"ConsumedCapacity,omitempty"`
	ItemCollectionMetrics map[string][]*ItemCollectionMetrics `json:"ItemCollectionMetrics,omitempty"`
}

func (o *TransactWriteItemsOutput) members(f *fields) {
	member(f, "ConsumedCapacity", &o.ConsumedCapacity, &cConsumedCapacityPtrList, omitEmpty)
	member(f, "ItemCollectionMetrics", &o.ItemCollectionMetrics, &cItemCollectionMetricsPtrListMap, omitEmpty)
}

// CancellationReason is batch.CancellationReason.
type CancellationReason = batch.CancellationReason

// CancellationReasons is batch.CancellationReasons.
type CancellationReasons = batch.CancellationReasons

// txnAction is one validated action of a transaction.
type txnAction struct {
	t      *table
	key    attr.Item // the primary key (a Put's whole item)
	put    attr.Item // the item of a Put
	size   int       // the size of put
	delete bool
	check  bool // ConditionCheck
	upd    *expr.Update
	isUpd  bool
	w      write
}

// TransactWriteItems performs up to 100 actions on up to 100 distinct
// items, all or nothing. The request is validated completely first
// (shapes, expressions, tables, keys, sizes, one action per item); the
// actions then run in one write transaction (update) on copy-on-write
// clones of the touched tables (txn.protect), which replace the tables
// only if every action succeeds.
// Because the write lock serialises every write, concurrent transactions
// never interleave and never see each other half done: a transaction that
// touches items of a transaction in flight simply waits for it, so this
// engine never returns TransactionConflictException or
// TransactionInProgressException.
//
// When an action fails, nothing is written and the error is a
// TransactionCanceledException whose CancellationReasons hold one entry
// per action, in request order. With a ClientRequestToken, a repeat of a
// successful request within 10 minutes of the engine clock returns the
// first result without writing again (see idempotency.go).
func (db *DB) TransactWriteItems(in *TransactWriteItemsInput) (*TransactWriteItemsOutput, error) {
	var v violations
	switch {
	case in.TransactItems == nil:
		v.Add("null", "transactItems", validate.NotNull)
	case len(in.TransactItems) == 0:
		v.Add("'[]'", "transactItems", ddberr.Sprintf(validate.MinLenFmt, 1))
	case len(in.TransactItems) > maxTxnItems:
		v.Add(validate.Quote(strconv.Itoa(len(in.TransactItems))+" items"), "transactItems", ddberr.Sprintf(validate.MaxLenFmt, maxTxnItems))
	}
	if in.ClientRequestToken != nil {
		tok := *in.ClientRequestToken
		if len(tok) < 1 {
			v.Add(validate.Quote(tok), "clientRequestToken", ddberr.Sprintf(validate.MinLenFmt, 1))
		} else if len(tok) > maxTokenLen {
			v.Add(validate.Quote(tok), "clientRequestToken", ddberr.Sprintf(validate.MaxLenFmt, maxTokenLen))
		}
	}
	for i, ti := range in.TransactItems {
		ti.constraints(&v, ddberr.Sprintf("transactItems.%d.member", i+1))
	}
	v.returnConsumedCapacity(in.ReturnConsumedCapacity)
	v.returnItemCollectionMetrics(in.ReturnItemCollectionMetrics)
	if err := v.Err(); err != nil {
		return nil, err
	}
	for _, ti := range in.TransactItems {
		if ti.count() != 1 {
			return nil, validationf(msgTxnOneOf)
		}
	}
	actions := make([]txnAction, len(in.TransactItems))
	for i := range in.TransactItems {
		if err := in.TransactItems[i].parse(&actions[i]); err != nil {
			return nil, err
		}
	}

	var out *TransactWriteItemsOutput
	err := db.update(func(tx *txn) error {
		if in.ClientRequestToken != nil {
			first, ok, err := db.idempotentResult(*in.ClientRequestToken, in)
			if ok {
				tx.keep()
				out = first
				return err
			}
		}
		if err := db.bindTxn(in.TransactItems, actions); err != nil {
			return err
		}
		for _, a := range actions {
			tx.protect(a.t)
		}
		changes, err := runActions(actions)
		if err != nil {
			return err
		}
		for i, a := range actions {
			if !a.check {
				tx.record(a.t, changes[i].old, changes[i].new, false)
			}
		}
		out = txnOutput(in, actions, changes)
		if in.ClientRequestToken != nil {
			db.rememberResult(*in.ClientRequestToken, in, out)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// runActions runs every action on its (protected) table. When one fails,
// the error is a TransactionCanceledException with one reason per action.
func runActions(actions []txnAction) ([]change, error) {
	reasons := make(CancellationReasons, len(actions))
	changes := make([]change, len(actions))
	failed := false
	for i := range actions {
		c, err := actions[i].run()
		changes[i] = c
		reasons[i] = batch.ReasonFor(err)
		if err != nil {
			failed = true
		}
	}
	if !failed {
		failed = admitTxn(actions, changes, reasons)
	}
	if !failed {
		for _, a := range actions {
			a.t.replicate() // once per table: a no-op without lag, cheap after the first
		}
		return changes, nil
	}
	return nil, batch.Canceled(reasons)
}

// txnOutput reports the capacity and item collections of a transaction
// that ran.
func txnOutput(in *TransactWriteItemsInput, actions []txnAction, changes []change) *TransactWriteItemsOutput {
	out := &TransactWriteItemsOutput{}
	caps := map[*table]*consumption{}
	var touched []*table
	for i, a := range actions {
		cc, ok := caps[a.t]
		if !ok {
			cc = newConsumption(in.ReturnConsumedCapacity, a.t.name, false)
			caps[a.t] = cc
			touched = append(touched, a.t)
		}
		if a.check {
			cc.addTable(writeUnits(int64(attr.ItemSize(changes[i].old)), true))
			continue
		}
		cc.addWrite(a.t, changes[i], true)
	}
	for _, t := range touched {
		if c := caps[t].result(); c != nil {
			out.ConsumedCapacity = append(out.ConsumedCapacity, c)
		}
	}
	for _, a := range actions {
		if a.check {
			continue
		}
		if m := a.t.collectionMetrics(in.ReturnItemCollectionMetrics, a.key); m != nil {
			if out.ItemCollectionMetrics == nil {
				out.ItemCollectionMetrics = map[string][]*ItemCollectionMetrics{}
			}
			out.ItemCollectionMetrics[a.t.name] = appendMetrics(out.ItemCollectionMetrics[a.t.name], m)
		}
	}
	return out
}

// appendMetrics appends m unless list already holds its item collection.
func appendMetrics(list []*ItemCollectionMetrics, m *ItemCollectionMetrics) []*ItemCollectionMetrics {
	for _, x := range list {
		if attr.Equal(attr.M(x.ItemCollectionKey), attr.M(m.ItemCollectionKey)) {
			return list
		}
	}
	return append(list, m)
}
