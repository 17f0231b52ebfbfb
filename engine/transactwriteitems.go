package engine

import (
	"errors"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
	"strconv"
	"strings"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/capacity"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/expr"
	"github.com/ddbplay/ddbplay/engine/storage"
)

func init() { register("TransactWriteItems", (*DB).TransactWriteItems) }

// Transaction limits.
const (
	maxTxnItems = 100
	maxTxnBytes = 4 << 20
	maxTokenLen = 36
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
			member(f, "ConditionExpression", &t.ConditionExpression, &cStringPtr, omitEmpty)
			member(f, "ExpressionAttributeNames", &t.ExpressionAttributeNames, &cNames, omitEmpty)
			member(f, "ExpressionAttributeValues", &t.ExpressionAttributeValues, &cValues, omitEmpty)
			member(f, "ReturnValuesOnConditionCheckFailure", &t.ReturnValuesOnConditionCheckFailure, &cString, omitEmpty)
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
			member(f, "ConditionExpression", &t.ConditionExpression, &cStringPtr, omitEmpty)
			member(f, "ExpressionAttributeNames", &t.ExpressionAttributeNames, &cNames, omitEmpty)
			member(f, "ExpressionAttributeValues", &t.ExpressionAttributeValues, &cValues, omitEmpty)
			member(f, "ReturnValuesOnConditionCheckFailure", &t.ReturnValuesOnConditionCheckFailure, &cString, omitEmpty)
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
			member(f, "ConditionExpression", &t.ConditionExpression, &cStringPtr, omitEmpty)
			member(f, "ExpressionAttributeNames", &t.ExpressionAttributeNames, &cNames, omitEmpty)
			member(f, "ExpressionAttributeValues", &t.ExpressionAttributeValues, &cValues, omitEmpty)
			member(f, "ReturnValuesOnConditionCheckFailure", &t.ReturnValuesOnConditionCheckFailure, &cString, omitEmpty)
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
			member(f, "ConditionExpression", &t.ConditionExpression, &cStringPtr, omitEmpty)
			member(f, "ExpressionAttributeNames", &t.ExpressionAttributeNames, &cNames, omitEmpty)
			member(f, "ExpressionAttributeValues", &t.ExpressionAttributeValues, &cValues, omitEmpty)
			member(f, "ReturnValuesOnConditionCheckFailure", &t.ReturnValuesOnConditionCheckFailure, &cString, omitEmpty)
		}}}
	cTransactDeletePtr = codec[*TransactDelete]{X: erased{Kind: kPtr, Elem: &cTransactDelete.X, Size: ptrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

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

func (o *TransactWriteItemsOutput) appendJSON(dst []byte) ([]byte, error) {
	return encodeMembers(dst, o), nil
}

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
	return cCancellationReasonList.Append(nil, (*[]CancellationReason)(&rs)), nil
}

var (
	cCancellationReason = codec[CancellationReason]{X: erased{Kind: kObj, Size: unsafe.Sizeof(CancellationReason{}),
		Members: func(p unsafe.Pointer, f *fields) {
			c := (*CancellationReason)(p)
			member(f, "Code", &c.Code, &cString, 0)
			member(f, "Message", &c.Message, &cString, omitEmpty)
			member(f, "Item", &c.Item, &cItem, omitEmpty)
		}}}
	cCancellationReasonList = codec[[]CancellationReason]{X: erased{Kind: kList, Elem: &cCancellationReason.X, Size: sliceSize, At: fieldtab.GrowAt[[]byte]}}
)

// Cancellation codes.
const (
	reasonNone           = "None"
	reasonConditionCheck = "ConditionalCheckFailed"
	reasonValidation     = "ValidationError"
	reasonCollectionSize = "ItemCollectionSizeLimitExceeded"
	reasonThrottling     = "ThrottlingError"
)

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
		v.add("null", "transactItems", cNotNull)
	case len(in.TransactItems) == 0:
		v.add("'[]'", "transactItems", ddberr.Sprintf(cMinLenFmt, 1))
	case len(in.TransactItems) > maxTxnItems:
		v.add(quote(strconv.Itoa(len(in.TransactItems))+" items"), "transactItems", ddberr.Sprintf(cMaxLenFmt, maxTxnItems))
	}
	if in.ClientRequestToken != nil {
		tok := *in.ClientRequestToken
		if len(tok) < 1 {
			v.add(quote(tok), "clientRequestToken", ddberr.Sprintf(cMinLenFmt, 1))
		} else if len(tok) > maxTokenLen {
			v.add(quote(tok), "clientRequestToken", ddberr.Sprintf(cMaxLenFmt, maxTokenLen))
		}
	}
	for i, ti := range in.TransactItems {
		ti.constraints(&v, ddberr.Sprintf("transactItems.%d.member", i+1))
	}
	v.returnConsumedCapacity(in.ReturnConsumedCapacity)
	v.returnItemCollectionMetrics(in.ReturnItemCollectionMetrics)
	if err := v.err(); err != nil {
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
		reasons[i] = reasonFor(err)
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
	codes := make([]string, len(reasons))
	for i, r := range reasons {
		codes[i] = r.Code
	}
	return nil, ddberr.New(ddberr.TypeTransactionCanceled, ddberr.Sprintf(msgTxnCanceledFmt, strings.Join(codes, ", "))).
		With("CancellationReasons", reasons)
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

// constraints records the member constraints of one action at member
// (e.g. "transactItems.1.member").
func (ti *TransactWriteItem) constraints(v *violations, member string) {
	switch {
	case ti.ConditionCheck != nil:
		c := ti.ConditionCheck
		v.tableName(member+".conditionCheck.tableName", c.TableName)
		if c.Key == nil {
			v.add("null", member+".conditionCheck.key", cNotNull)
		}
		if c.ConditionExpression == nil {
			v.add("null", member+".conditionCheck.conditionExpression", cNotNull)
		}
		v.enum(member+".conditionCheck.returnValuesOnConditionCheckFailure", c.ReturnValuesOnConditionCheckFailure, rvAllOld, rvNone)
	case ti.Put != nil:
		p := ti.Put
		v.tableName(member+".put.tableName", p.TableName)
		if p.Item == nil {
			v.add("null", member+".put.item", cNotNull)
		}
		v.enum(member+".put.returnValuesOnConditionCheckFailure", p.ReturnValuesOnConditionCheckFailure, rvAllOld, rvNone)
	case ti.Update != nil:
		u := ti.Update
		v.tableName(member+".update.tableName", u.TableName)
		if u.Key == nil {
			v.add("null", member+".update.key", cNotNull)
		}
		if u.UpdateExpression == nil {
			v.add("null", member+".update.updateExpression", cNotNull)
		}
		v.enum(member+".update.returnValuesOnConditionCheckFailure", u.ReturnValuesOnConditionCheckFailure, rvAllOld, rvNone)
	case ti.Delete != nil:
		d := ti.Delete
		v.tableName(member+".delete.tableName", d.TableName)
		if d.Key == nil {
			v.add("null", member+".delete.key", cNotNull)
		}
		v.enum(member+".delete.returnValuesOnConditionCheckFailure", d.ReturnValuesOnConditionCheckFailure, rvAllOld, rvNone)
	}
}

// parse checks and resolves the expressions of one action into a.
func (ti *TransactWriteItem) parse(a *txnAction) error {
	var err error
	switch {
	case ti.ConditionCheck != nil:
		c := ti.ConditionCheck
		a.check = true
		a.key = c.Key
		a.w.onFailure = c.ReturnValuesOnConditionCheckFailure
		a.w.cond, err = writeCondition(c.ConditionExpression, nil, "", c.ExpressionAttributeNames, c.ExpressionAttributeValues)
	case ti.Put != nil:
		p := ti.Put
		a.key, a.put = p.Item, p.Item
		a.w.onFailure = p.ReturnValuesOnConditionCheckFailure
		a.w.cond, err = writeCondition(p.ConditionExpression, nil, "", p.ExpressionAttributeNames, p.ExpressionAttributeValues)
	case ti.Update != nil:
		u := ti.Update
		a.key, a.isUpd = u.Key, true
		a.w.onFailure = u.ReturnValuesOnConditionCheckFailure
		a.upd, a.w.cond, err = parseUpdateRequest(&UpdateItemInput{
			UpdateExpression:          u.UpdateExpression,
			ConditionExpression:       u.ConditionExpression,
			ExpressionAttributeNames:  u.ExpressionAttributeNames,
			ExpressionAttributeValues: u.ExpressionAttributeValues,
		})
	case ti.Delete != nil:
		d := ti.Delete
		a.key, a.delete = d.Key, true
		a.w.onFailure = d.ReturnValuesOnConditionCheckFailure
		a.w.cond, err = writeCondition(d.ConditionExpression, nil, "", d.ExpressionAttributeNames, d.ExpressionAttributeValues)
	}
	return err
}

// tableName returns the table an action names.
func (ti *TransactWriteItem) tableName() string {
	switch {
	case ti.ConditionCheck != nil:
		return ti.ConditionCheck.TableName
	case ti.Put != nil:
		return ti.Put.TableName
	case ti.Update != nil:
		return ti.Update.TableName
	}
	return ti.Delete.TableName
}

// bindTxn looks up each action's table and checks its key or item, the
// transaction size and that no two actions touch one item. The caller
// holds the write lock.
func (db *DB) bindTxn(items []TransactWriteItem, actions []txnAction) error {
	seen := map[string]bool{}
	size := 0
	for i := range actions {
		a := &actions[i]
		t, err := db.table(items[i].tableName())
		if err != nil {
			return err
		}
		a.t = t
		if a.put != nil {
			if a.size, err = t.checkPutItem(a.put); err != nil {
				return err
			}
			size += a.size
		} else {
			if err := t.checkKey(a.key); err != nil {
				return err
			}
			size += attr.ItemSize(a.key)
		}
		if a.isUpd && a.upd != nil {
			for _, p := range a.upd.Paths() {
				if t.isKeyAttr(p.Name) {
					return validationf(msgKeyUpdateFmt, p.Name)
				}
			}
		}
		k := t.name + "\x00" + t.keyString(a.key)
		if seen[k] {
			return validationf(msgTxnMultipleOps)
		}
		seen[k] = true
	}
	if size > maxTxnBytes {
		return validationf(msgTxnTooLarge)
	}
	return nil
}

// run performs one action on its table's clone and returns its change (a
// ConditionCheck returns the item it checked as old).
func (a *txnAction) run() (change, error) {
	t := a.t
	a.w.txn = true // the transaction admits its capacity as a whole
	switch {
	case a.check:
		item, ok := t.data.Get(a.key)
		if !ok {
			item = nil
		}
		if a.w.cond != nil && !a.w.cond.Eval(item) {
			return change{old: item}, conditionFailed(item, a.w.onFailure)
		}
		return change{old: item}, nil
	case a.put != nil:
		return t.apply(&a.w, a.key, a.put, a.size, nil)
	case a.isUpd:
		return t.apply(&a.w, a.key, nil, 0, func(old attr.Item) (attr.Item, int, error) {
			return t.updated(old, a.key, a.upd)
		})
	}
	return t.apply(&a.w, a.key, nil, 0, nil)
}

// reasonFor turns an action's outcome into its cancellation reason.
func reasonFor(err error) CancellationReason {
	if err == nil {
		return CancellationReason{Code: reasonNone}
	}
	e := ddberr.As(err)
	switch {
	case errors.Is(e, ddberr.ErrConditionalCheckFailed):
		r := CancellationReason{Code: reasonConditionCheck, Message: msgConditionFailed}
		if it, ok := e.Fields["Item"].(attr.Item); ok {
			r.Item = it
		}
		return r
	case errors.Is(e, ddberr.ErrItemCollectionSizeLimitExceeded):
		return CancellationReason{Code: reasonCollectionSize, Message: e.Message}
	case errors.Is(e, ddberr.ErrValidation):
		return CancellationReason{Code: reasonValidation, Message: e.Message}
	}
	return CancellationReason{Code: strings.TrimSuffix(e.Type, "Exception"), Message: e.Message}
}

// admitTxn admits the capacity of a transaction's actions as a whole when
// throughput is enforced: twice the capacity of the same writes, a
// ConditionCheck a transactional write of the item it checked. When it is
// throttled, each action on a throttled table or index gets the reason
// ThrottlingError, and admitTxn returns true.
func admitTxn(actions []txnAction, changes []change, reasons CancellationReasons) bool {
	var charges []capacity.Charge
	for i := range actions {
		a := &actions[i]
		if !a.t.enforced() {
			continue
		}
		if a.check {
			charges = append(charges, capacity.Charge{R: a.t.cap, Op: capacity.Write,
				Hash: storage.PartitionHash(a.key[a.t.key.Hash]), Units: writeUnits(int64(attr.ItemSize(changes[i].old)), true)})
			continue
		}
		charges = a.t.writeCharges(changes[i], true, charges)
	}
	if charges == nil {
		return false
	}
	err := actions[0].t.admit(charges)
	if err == nil {
		return false
	}
	e := err.(*ddberr.Error)
	throttled := map[string]bool{}
	for _, r := range e.Fields["ThrottlingReasons"].([]any) {
		throttled[r.(map[string]any)["resource"].(string)] = true
	}
	for i := range actions {
		t := actions[i].t
		hit := throttled[t.arn]
		for _, ix := range t.indexes {
			hit = hit || throttled[ix.arn]
		}
		if hit {
			reasons[i] = CancellationReason{Code: reasonThrottling, Message: e.Message}
		}
	}
	return true
}
