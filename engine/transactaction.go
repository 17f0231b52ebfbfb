package engine

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/batch"
	"github.com/ddbplay/ddbplay/engine/capacity"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/storage"
	"github.com/ddbplay/ddbplay/engine/validate"
)

// One action of a TransactWriteItems: its constraints, parsing, binding to
// its table, running, and the cancellation reason of its failure.

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

// action holds the members every action has, and which action it is.
type action struct {
	kind      string    // ".conditionCheck", ".put", ".update" or ".delete"; "" for none
	table     string    // TableName
	key       attr.Item // Key, or a Put's Item
	cond      *string   // ConditionExpression
	names     map[string]string
	values    ExpressionValues
	onFailure string // ReturnValuesOnConditionCheckFailure
}

// action returns the members of the first action ti sets.
func (ti *TransactWriteItem) action() action {
	switch {
	case ti.ConditionCheck != nil:
		c := ti.ConditionCheck
		return action{".conditionCheck", c.TableName, c.Key, c.ConditionExpression, c.ExpressionAttributeNames, c.ExpressionAttributeValues, c.ReturnValuesOnConditionCheckFailure}
	case ti.Put != nil:
		p := ti.Put
		return action{".put", p.TableName, p.Item, p.ConditionExpression, p.ExpressionAttributeNames, p.ExpressionAttributeValues, p.ReturnValuesOnConditionCheckFailure}
	case ti.Update != nil:
		u := ti.Update
		return action{".update", u.TableName, u.Key, u.ConditionExpression, u.ExpressionAttributeNames, u.ExpressionAttributeValues, u.ReturnValuesOnConditionCheckFailure}
	case ti.Delete != nil:
		d := ti.Delete
		return action{".delete", d.TableName, d.Key, d.ConditionExpression, d.ExpressionAttributeNames, d.ExpressionAttributeValues, d.ReturnValuesOnConditionCheckFailure}
	}
	return action{}
}

// constraints records the member constraints of one action at member
// (e.g. "transactItems.1.member").
func (ti *TransactWriteItem) constraints(v *violations, member string) {
	m := ti.action()
	if m.kind == "" {
		return
	}
	v.TableName(member+m.kind+".tableName", m.table)
	switch {
	case m.key == nil && ti.Put != nil:
		v.Add("null", member+m.kind+".item", validate.NotNull)
	case m.key == nil:
		v.Add("null", member+m.kind+".key", validate.NotNull)
	}
	if ti.ConditionCheck != nil && m.cond == nil {
		v.Add("null", member+m.kind+".conditionExpression", validate.NotNull)
	}
	if ti.Update != nil && ti.Update.UpdateExpression == nil {
		v.Add("null", member+m.kind+".updateExpression", validate.NotNull)
	}
	v.Enum(member+m.kind+".returnValuesOnConditionCheckFailure", m.onFailure, rvAllOld, rvNone)
}

// parse checks and resolves the expressions of one action into a.
func (ti *TransactWriteItem) parse(a *txnAction) (err error) {
	m := ti.action()
	a.key, a.w.onFailure = m.key, m.onFailure
	a.check, a.isUpd, a.delete = ti.ConditionCheck != nil, ti.Update != nil, ti.Delete != nil
	if ti.Put != nil {
		a.put = m.key
	}
	if a.isUpd {
		a.upd, a.w.cond, err = parseUpdateRequest(&UpdateItemInput{UpdateExpression: ti.Update.UpdateExpression,
			ConditionExpression: m.cond, ExpressionAttributeNames: m.names, ExpressionAttributeValues: m.values})
		return err
	}
	a.w.cond, err = writeCondition(m.cond, nil, "", m.names, m.values)
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
		t, err := db.table(items[i].action().table)
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
