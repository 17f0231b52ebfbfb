package engine

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/batch"
	"github.com/ddbplay/ddbplay/engine/capacity"
	"github.com/ddbplay/ddbplay/engine/consumed"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/expr"
	"github.com/ddbplay/ddbplay/engine/storage"
)

func init() { registerPkg("TransactWriteItems", (*DB).TransactWriteItems) }

// The TransactWriteItems types are package batch's.
type (
	TransactWriteItemsInput  = batch.TransactWriteItemsInput
	TransactWriteItemsOutput = batch.TransactWriteItemsOutput
	TransactWriteItem        = batch.TransactWriteItem
	TransactConditionCheck   = batch.TransactConditionCheck
	TransactPut              = batch.TransactPut
	TransactUpdate           = batch.TransactUpdate
	TransactDelete           = batch.TransactDelete
	CancellationReason       = batch.CancellationReason
	CancellationReasons      = batch.CancellationReasons
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
// first result without writing again, and a different request with the
// token IdempotentParameterMismatchException (DB.tokens, package
// idempotency; the requests compare by batch's Fingerprint).
func (db *DB) TransactWriteItems(in *TransactWriteItemsInput) (*TransactWriteItemsOutput, error) {
	if err := in.Check(); err != nil {
		return nil, err
	}
	actions := make([]txnAction, len(in.TransactItems))
	for i := range in.TransactItems {
		if err := actions[i].parse(&in.TransactItems[i]); err != nil {
			return nil, err
		}
	}

	var out *TransactWriteItemsOutput
	err := db.update(func(tx *txn) error {
		var fp string
		if in.ClientRequestToken != nil {
			fp = in.Fingerprint()
			first, found, mismatch := db.tokens.Lookup(clockNow(db), *in.ClientRequestToken, fp)
			if found || mismatch {
				tx.keep()
				if mismatch {
					return ddberr.New(ddberr.TypeIdempotentParameterMismatch, msgIdempotentMismatch)
				}
				out = first
				return nil
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
				tx.record(a.t, changes[i], false)
			}
		}
		out = txnOutput(in, actions, changes)
		if in.ClientRequestToken != nil {
			db.tokens.Remember(clockNow(db), *in.ClientRequestToken, fp, out)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// parse checks and resolves the expressions of the action ti into a.
func (a *txnAction) parse(ti *TransactWriteItem) (err error) {
	m := ti.Action()
	a.key, a.w.onFailure = m.Key, m.OnFailure
	a.check, a.isUpd, a.delete = ti.ConditionCheck != nil, ti.Update != nil, ti.Delete != nil
	if ti.Put != nil {
		a.put = m.Key
	}
	if a.isUpd {
		a.upd, a.w.cond, err = parseUpdateRequest(&UpdateItemInput{UpdateExpression: ti.Update.UpdateExpression,
			ConditionExpression: m.Condition, ExpressionAttributeNames: m.Names, ExpressionAttributeValues: m.Values})
		return err
	}
	a.w.cond, err = writeCondition(m.Condition, nil, "", m.Names, m.Values)
	return err
}

// bindTxn looks up each action's table and checks its key or item, the
// transaction size and that no two actions touch one item. The caller
// holds the write lock.
func (db *DB) bindTxn(items []TransactWriteItem, actions []txnAction) error {
	seen := map[string]bool{}
	size := 0
	for i := range actions {
		a := &actions[i]
		t, err := db.table(items[i].Action().TableName)
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
	if size > batch.MaxTxnBytes {
		return validationf(msgTxnTooLarge)
	}
	return nil
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
	for i := range actions {
		actions[i].t.syncStats() // admission may have split partitions
	}
	if err == nil {
		return false
	}
	e := err.(*ddberr.Error)
	throttled := map[string]bool{}
	for _, r := range e.Fields[capacity.ReasonsField(e.Type)].([]any) {
		throttled[r.(map[string]any)["resource"].(string)] = true
	}
	for i := range actions {
		t := actions[i].t
		hit := throttled[t.arn]
		for _, ix := range t.indexes {
			hit = hit || throttled[ix.arn]
		}
		if hit {
			reasons[i] = CancellationReason{Code: batch.ReasonThrottling, Message: e.Message}
		}
	}
	return true
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
			cc.AddTable(writeUnits(int64(attr.ItemSize(changes[i].old)), true))
			continue
		}
		addWrite(cc, a.t, changes[i], true)
	}
	for _, t := range touched {
		if c := consumed.Of(caps[t]); c != nil {
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
			out.ItemCollectionMetrics[a.t.name] = consumed.AppendMetrics(out.ItemCollectionMetrics[a.t.name], m)
		}
	}
	return out
}
