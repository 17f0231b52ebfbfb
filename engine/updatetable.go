package engine

import (
	"slices"
	"strings"
	"time"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/capacity"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/schema"
	"github.com/ddbplay/ddbplay/engine/storage"
)

// UpdateGlobalSecondaryIndexAction is schema.UpdateGlobalSecondaryIndexAction.
type UpdateGlobalSecondaryIndexAction = schema.UpdateGlobalSecondaryIndexAction

// DeleteGlobalSecondaryIndexAction is schema.DeleteGlobalSecondaryIndexAction.
type DeleteGlobalSecondaryIndexAction = schema.DeleteGlobalSecondaryIndexAction

// GlobalSecondaryIndexUpdate is schema.GlobalSecondaryIndexUpdate.
type GlobalSecondaryIndexUpdate = schema.GlobalSecondaryIndexUpdate

// UpdateTableInput is the UpdateTable request.
type UpdateTableInput struct {
	TableName                   string                       `json:"TableName"`
	AttributeDefinitions        []AttributeDefinition        `json:"AttributeDefinitions,omitempty"`
	BillingMode                 string                       `json:"BillingMode,omitempty"`
	ProvisionedThroughput       *ProvisionedThroughput       `json:"ProvisionedThroughput,omitempty"`
	GlobalSecondaryIndexUpdates []GlobalSecondaryIndexUpdate `json:"GlobalSecondaryIndexUpdates,omitempty"`
	DeletionProtectionEnabled   *bool                        `json:"DeletionProtectionEnabled,omitempty"`
	OnDemandThroughput          *OnDemandThroughput          `json:"OnDemandThroughput,omitempty"`
	StreamSpecification         *StreamSpecification         `json:"StreamSpecification,omitempty"`
}

func (in *UpdateTableInput) members(f *fields) {
	member(f, "TableName", &in.TableName, &cString, 0)
	member(f, "AttributeDefinitions", &in.AttributeDefinitions, &schema.CodecAttributeDefinitionList, omitEmpty)
	member(f, "BillingMode", &in.BillingMode, &cString, omitEmpty)
	member(f, "ProvisionedThroughput", &in.ProvisionedThroughput, &schema.CodecProvisionedThroughputPtr, omitEmpty)
	member(f, "GlobalSecondaryIndexUpdates", &in.GlobalSecondaryIndexUpdates, &schema.CodecGlobalSecondaryIndexUpdateList, omitEmpty)
	member(f, "DeletionProtectionEnabled", &in.DeletionProtectionEnabled, &cBoolPtr, omitEmpty)
	member(f, "OnDemandThroughput", &in.OnDemandThroughput, &schema.CodecOnDemandThroughputPtr, omitEmpty)
	member(f, "StreamSpecification", &in.StreamSpecification, &schema.CodecStreamSpecificationPtr, omitEmpty)
}

// UpdateTableOutput is the UpdateTable response.
type UpdateTableOutput struct {
	TableDescription *TableDescription `json:"TableDescription"`
}

func (o *UpdateTableOutput) members(f *fields) {
	member(f, "TableDescription", &o.TableDescription, &schema.CodecTableDescriptionPtr, 0)
}

func (o *UpdateTableOutput) appendJSON(dst []byte) ([]byte, error) {
	return encodeMembers(growTable(dst, o.TableDescription), o), nil
}

func init() { register("UpdateTable", (*DB).UpdateTable) }

// UpdateTable changes a table's billing mode, provisioned throughput,
// deletion protection, streams and global secondary indexes. Everything is
// checked before anything changes. A change of billing, throughput,
// streams or indexes leaves the table UPDATING for tableUpdateTime on the
// engine clock (ACTIVE at once while restoring): reads and writes go on,
// but UpdateTable and DeleteTable are ResourceInUseException "…Table is
// being updated: NAME" until it is ACTIVE again.
//
// A GSI created here is built from the table's items at once, but it
// backfills for backfillTime on the engine clock: until then it is
// CREATING with Backfilling true (and zero counts), and Query and Scan on
// it are refused as DynamoDB refuses them; then it is ACTIVE. A deleted
// GSI is dropped at once underneath (reads of it find no such index,
// writes no longer maintain it), but DescribeTable shows it DELETING
// (zero counts) for gsiDeleteTime, as long as the table is UPDATING.
// One GSI is created or deleted at a time: two in one request, or one
// while another backfills or is being deleted, is LimitExceededException
// "…Only 1 online index can be created or deleted simultaneously per
// table" (the backfilling index itself may be deleted). While a change of
// GSIs alone keeps the table UPDATING, its GSIs may still change (the
// Developer Guide: "While the deletion is in progress, you can still
// modify the provisioned throughput on other indexes"), within that rule;
// any other change is ResourceInUseException.
func (db *DB) UpdateTable(in *UpdateTableInput) (*UpdateTableOutput, error) {
	if err := checkUpdateTableShape(in); err != nil {
		return nil, err
	}
	if in.BillingMode == "" && in.ProvisionedThroughput == nil && in.GlobalSecondaryIndexUpdates == nil && in.OnDemandThroughput == nil &&
		in.DeletionProtectionEnabled == nil && in.StreamSpecification == nil {
		return nil, validationf(msgUpdateTableNothing)
	}
	if err := schema.CheckIndexUpdates(in.GlobalSecondaryIndexUpdates); err != nil {
		return nil, err
	}

	var d *TableDescription
	err := db.update(func(*txn) error {
		t, err := db.controlTable(in.TableName)
		if err != nil {
			return err
		}
		ns := db.clk.Now()
		if err := t.errInUse(ns); err != nil && !(t.statusAt(ns) == statusUpdating && t.indexOnly && gsiUpdatesOnly(in)) {
			return err
		}
		plan, err := t.planUpdate(in, ns)
		if err != nil {
			return err
		}
		if err := checkStreamChange(t, t.name, in.StreamSpecification); err != nil {
			return err
		}
		now := clockNow(db)
		if err := plan.checkLimits(t, now); err != nil {
			return err
		}
		updating := plan.created != nil || plan.deleted != "" || plan.billingChanged || plan.throughputChanged ||
			len(plan.throughputs) > 0 || in.StreamSpecification != nil
		if updating {
			if err := db.checkBusy(false); err != nil {
				return err
			}
		}
		plan.commit(t, now, db.restoring.Load())
		t.updateCapacity()
		db.applyStreamChange(t, in.StreamSpecification)
		if updating && !db.restoring.Load() {
			t.updatedAt = now.UnixNano() + int64(tableUpdateTime)
			t.indexOnly = !plan.billingChanged && !plan.throughputChanged && in.StreamSpecification == nil
		}
		d = db.describe(t)
		if updating {
			d.TableStatus = statusUpdating
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &UpdateTableOutput{TableDescription: d}, nil
}

// A new GSI backfills for gsiBackfillBase plus gsiBackfillPerItem per item
// of its table, on the engine clock: short and deterministic (DynamoDB's
// takes minutes to hours), long enough to be seen.
const (
	gsiBackfillBase    = 2 * time.Second
	gsiBackfillPerItem = 100 * time.Microsecond // 1 s per 10,000 items
)

// backfillTime is how long a new GSI on a table of items items backfills.
func backfillTime(items int) time.Duration {
	return gsiBackfillBase + time.Duration(items)*gsiBackfillPerItem
}

// A GSI deleted by UpdateTable is DELETING for gsiDeleteTime on the engine
// clock, as long as its table is UPDATING (DynamoDB's takes minutes).
const gsiDeleteTime = tableUpdateTime

// gsiUpdatesOnly reports whether an UpdateTable changes nothing but
// GSIs (GlobalSecondaryIndexUpdates, with the AttributeDefinitions a new
// one needs).
func gsiUpdatesOnly(in *UpdateTableInput) bool {
	return in.BillingMode == "" && in.ProvisionedThroughput == nil && in.OnDemandThroughput == nil &&
		in.DeletionProtectionEnabled == nil && in.StreamSpecification == nil && len(in.GlobalSecondaryIndexUpdates) > 0
}

// checkUpdateTableShape collects the request-level constraint violations.
func checkUpdateTableShape(in *UpdateTableInput) error {
	var v violations
	v.TableName("tableName", in.TableName)
	schema.CheckAttributeDefinitions(&v.Violations, in.AttributeDefinitions, false)
	schema.CheckBillingMode(&v.Violations, in.BillingMode)
	schema.CheckThroughput(&v.Violations, "provisionedThroughput", in.ProvisionedThroughput)
	schema.CheckStreamSpecification(&v.Violations, in.StreamSpecification)
	for i, u := range in.GlobalSecondaryIndexUpdates {
		schema.CheckIndexUpdate(&v.Violations, ddberr.Sprintf("globalSecondaryIndexUpdates.%d.member", i+1), u)
	}
	return v.Err()
}

// tablePlan is a checked UpdateTable, ready to commit.
type tablePlan struct {
	billing                           string
	billingChanged, throughputChanged bool
	read, write                       int64
	deletionProtection                *bool
	throughputs                       map[string][2]int64 // GSI name → read, write
	maxRead, maxWrite                 int64               // the table's OnDemandThroughput
	maxima                            map[string][2]int64 // GSI name → OnDemandThroughput
	created                           *index
	deleted                           string
	attrDefs                          []AttributeDefinition
}

// planUpdate checks an UpdateTable request against t at now (engine-clock
// Unix ns) and returns what to change. t is not modified.
func (t *table) planUpdate(in *UpdateTableInput, now int64) (*tablePlan, error) {
	p := &tablePlan{billing: t.billing, read: t.read, write: t.write,
		deletionProtection: in.DeletionProtectionEnabled, throughputs: map[string][2]int64{},
		maxRead: t.maxRead, maxWrite: t.maxWrite, maxima: map[string][2]int64{}}
	if in.BillingMode != "" && in.BillingMode != t.billing {
		p.billing, p.billingChanged = in.BillingMode, true
	}
	if p.billing != billingPayPerRequest {
		p.maxRead, p.maxWrite = 0, 0
	}
	if err := schema.SetMaxThroughput(p.billing, in.OnDemandThroughput, &p.maxRead, &p.maxWrite); err != nil {
		return nil, err
	}
	switch {
	case p.billing == billingPayPerRequest && in.ProvisionedThroughput != nil:
		return nil, validationf(msgOnDemandThroughput)
	case p.billing == billingPayPerRequest:
		p.read, p.write = 0, 0
	case p.billingChanged && in.ProvisionedThroughput == nil:
		return nil, validationf(msgSwitchNeedsThroughput)
	case in.ProvisionedThroughput != nil:
		r, w := *in.ProvisionedThroughput.ReadCapacityUnits, *in.ProvisionedThroughput.WriteCapacityUnits
		if !p.billingChanged && r == t.read && w == t.write && in.GlobalSecondaryIndexUpdates == nil {
			return nil, validationf(msgThroughputUnchangedFmt, t.read, r, t.write, w)
		}
		p.read, p.write, p.throughputChanged = r, w, r != t.read || w != t.write
	}

	defs := map[string]attr.Type{}
	for _, d := range t.attrDefs {
		defs[d.AttributeName], _ = attr.ParseType(d.AttributeType)
	}
	for _, d := range in.AttributeDefinitions {
		ty, _ := attr.ParseType(d.AttributeType)
		if old, ok := defs[d.AttributeName]; ok && old != ty {
			return nil, validationf(msgAttrDefConflictFmt, d.AttributeName)
		}
		defs[d.AttributeName] = ty
	}
	gsis := 0
	for _, ix := range t.indexes {
		if !ix.def.Local {
			gsis++
		}
	}
	for _, u := range in.GlobalSecondaryIndexUpdates {
		switch {
		case u.Create != nil:
			c := u.Create
			if t.index(c.IndexName) != nil {
				return nil, validationf(msgIndexExists)
			}
			if t.indexBusy(now) != nil {
				return nil, schema.ErrOneIndexAtATime()
			}
			if gsis+1 > maxGSIs {
				return nil, validationf(msgTooManyGSIsFmt, maxGSIs)
			}
			need := func(names ...string) error {
				var missing []string
				for _, n := range names {
					if _, ok := defs[n]; n != "" && !ok {
						missing = append(missing, n)
					}
				}
				if missing != nil {
					return validationf(msgUndefinedKeyAttrsFmt,
						joinNames(missing), joinNames(schema.DefNames(in.AttributeDefinitions)))
				}
				return nil
			}
			ix, err := newIndex(c.IndexName, c.KeySchema, c.Projection, false, map[string]bool{}, need, defs)
			if err != nil {
				return nil, err
			}
			if err := ix.setThroughput(p.billing, c.ProvisionedThroughput); err != nil {
				return nil, err
			}
			if err := schema.SetMaxThroughput(p.billing, c.OnDemandThroughput, &ix.maxRead, &ix.maxWrite); err != nil {
				return nil, err
			}
			if n := projectedCount(append(slices.Clone(t.indexes), ix)); n > maxProjectedAttrs {
				return nil, validationf(msgTooManyProjectedFmt, maxProjectedAttrs, n)
			}
			p.created = ix
		case u.Delete != nil:
			ix := t.index(u.Delete.IndexName)
			if ix == nil || ix.def.Local {
				return nil, ddberr.Newf(ddberr.TypeResourceNotFound, msgIndexNotFoundUpdateFmt, u.Delete.IndexName)
			}
			if busy := t.indexBusy(now); busy != nil && busy != ix {
				return nil, schema.ErrOneIndexAtATime()
			}
			p.deleted = ix.def.Name
		case u.Update != nil:
			ix := t.index(u.Update.IndexName)
			if ix == nil || ix.def.Local {
				return nil, ddberr.Newf(ddberr.TypeResourceNotFound, msgIndexNotFoundUpdateFmt, u.Update.IndexName)
			}
			if o := u.Update.OnDemandThroughput; o != nil {
				mr, mw := ix.maxRead, ix.maxWrite
				if err := schema.SetMaxThroughput(p.billing, o, &mr, &mw); err != nil {
					return nil, err
				}
				p.maxima[ix.def.Name] = [2]int64{mr, mw}
			}
			pt := u.Update.ProvisionedThroughput
			if pt == nil {
				continue
			}
			if p.billing == billingPayPerRequest {
				return nil, validationf(msgOnDemandIndexThroughputFmt, ix.def.Name)
			}
			p.throughputs[ix.def.Name] = [2]int64{*pt.ReadCapacityUnits, *pt.WriteCapacityUnits}
		}
	}
	if p.billing == billingProvisioned && p.billingChanged {
		for _, ix := range t.indexes {
			if _, ok := p.throughputs[ix.def.Name]; !ix.def.Local && !ok && ix.def.Name != p.deleted {
				return nil, validationf(msgIndexNeedsThroughputFmt, ix.def.Name)
			}
		}
	}

	// AttributeDefinitions: the key attributes still in use, in their
	// existing order, then those new index keys add.
	used := map[string]bool{t.key.Hash: true, t.key.Range: true}
	for _, ix := range t.indexes {
		if ix.def.Name != p.deleted {
			used[ix.def.Key.Hash], used[ix.def.Key.Range] = true, true
		}
	}
	for _, d := range t.attrDefs {
		if used[d.AttributeName] {
			p.attrDefs = append(p.attrDefs, d)
		}
	}
	if c := p.created; c != nil {
		for _, n := range []string{c.def.Key.Hash, c.def.Key.Range} {
			if n != "" && !slices.ContainsFunc(p.attrDefs, func(d AttributeDefinition) bool { return d.AttributeName == n }) {
				p.attrDefs = append(p.attrDefs, AttributeDefinition{AttributeName: n, AttributeType: defs[n].String()})
			}
		}
	}
	return p, nil
}

// checkLimits checks a plan against DynamoDB's limits on changing
// capacity at time now: decreases of the table's or a GSI's throughput
// (capacity.DecreaseAllowed) and switches to on-demand
// (capacity.SwitchAllowed), each a LimitExceededException.
func (p *tablePlan) checkLimits(t *table, now time.Time) error {
	ns := now.UnixNano()
	decrease := func(count int64, last stamp) error {
		today := decreasesToday(count, last, now)
		if !capacity.DecreaseAllowed(today, last.ms*1e6, ns) {
			return capacity.DecreaseLimitError(today, last.ms*1e6)
		}
		return nil
	}
	if p.read < t.read || p.write < t.write {
		if err := decrease(t.decreases, t.lastDecrease); err != nil {
			return err
		}
	}
	for name, rw := range p.throughputs {
		if ix := t.index(name); rw[0] < ix.read || rw[1] < ix.write {
			if err := decrease(ix.decreases, ix.lastDecrease); err != nil {
				return err
			}
		}
	}
	if p.billingChanged && p.billing == billingPayPerRequest && !capacity.SwitchAllowed(t.switches, ns) {
		return capacity.SwitchLimitError()
	}
	return nil
}

// commit applies a checked plan to t at time now. While restoring, a
// created GSI is ACTIVE at once and a deleted one gone at once.
func (p *tablePlan) commit(t *table, now time.Time, restoring bool) {
	at := stampOf(now)
	if p.billingChanged {
		t.billing, t.billingNamed = p.billing, true
		if p.billing == billingPayPerRequest {
			// Only the last capacity.OnDemandSwitches switches matter.
			t.switches = append(t.switches, now.UnixNano())
			if n := len(t.switches); n > capacity.OnDemandSwitches {
				t.switches = append(t.switches[:0], t.switches[n-capacity.OnDemandSwitches:]...)
			}
			t.billingUpdated = at
			for _, ix := range t.indexes {
				ix.read, ix.write = 0, 0
			}
		}
	}
	if p.read < t.read || p.write < t.write {
		t.decreases = decreasesToday(t.decreases, t.lastDecrease, now) + 1
		t.lastDecrease = at
	}
	if p.read > t.read || p.write > t.write {
		t.lastIncrease = at
	}
	t.read, t.write = p.read, p.write
	for name, rw := range p.throughputs {
		ix := t.index(name)
		if rw[0] < ix.read || rw[1] < ix.write {
			ix.decreases = decreasesToday(ix.decreases, ix.lastDecrease, now) + 1
			ix.lastDecrease = at
		}
		ix.read, ix.write = rw[0], rw[1]
	}
	t.maxRead, t.maxWrite = p.maxRead, p.maxWrite
	for _, ix := range t.indexes {
		if m, ok := p.maxima[ix.def.Name]; ok {
			ix.maxRead, ix.maxWrite = m[0], m[1]
		} else if p.billing != billingPayPerRequest {
			ix.maxRead, ix.maxWrite = 0, 0
		}
	}
	if p.deletionProtection != nil {
		t.deletionProtection = *p.deletionProtection
	}
	if p.deleted != "" {
		ix := t.index(p.deleted)
		t.data.DropIndex(p.deleted)
		t.indexes = slices.DeleteFunc(t.indexes, func(ix *index) bool { return ix.def.Name == p.deleted })
		if !restoring {
			ix.goneAt = now.UnixNano() + int64(gsiDeleteTime)
			t.dropping = ix
		}
	}
	if c := p.created; c != nil {
		c.arn = t.arn + "/index/" + c.def.Name
		c.readyAt = now.UnixNano() + int64(backfillTime(t.data.Len()))
		if restoring {
			c.readyAt = 1 // built at once, but still added by UpdateTable
		}
		t.data.AddIndex(storage.IndexDef{
			Name: c.def.Name, Key: c.def.Key, ProjectionType: c.def.ProjectionType, NonKey: c.def.NonKey,
		})
		t.indexes = append(t.indexes, c)
	}
	t.attrDefs = p.attrDefs
}

// joinNames joins attribute names with ", ".
func joinNames(names []string) string { return strings.Join(names, ", ") }
