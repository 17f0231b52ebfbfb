package engine

import (
	"strings"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/schema"
	"github.com/ddbplay/ddbplay/engine/storage"
	"github.com/ddbplay/ddbplay/engine/tags"
)

// KeySchemaElement is schema.KeySchemaElement.
type KeySchemaElement = schema.KeySchemaElement

// AttributeDefinition is schema.AttributeDefinition.
type AttributeDefinition = schema.AttributeDefinition

// Projection is schema.Projection.
type Projection = schema.Projection

// ProvisionedThroughput is schema.ProvisionedThroughput.
type ProvisionedThroughput = schema.ProvisionedThroughput

// OnDemandThroughput is schema.OnDemandThroughput.
type OnDemandThroughput = schema.OnDemandThroughput

// GlobalSecondaryIndex is schema.GlobalSecondaryIndex.
type GlobalSecondaryIndex = schema.GlobalSecondaryIndex

// LocalSecondaryIndex is schema.LocalSecondaryIndex.
type LocalSecondaryIndex = schema.LocalSecondaryIndex

// CreateTableInput is the CreateTable request.
type CreateTableInput struct {
	TableName              string                 `json:"TableName"`
	KeySchema              []KeySchemaElement     `json:"KeySchema"`
	AttributeDefinitions   []AttributeDefinition  `json:"AttributeDefinitions"`
	BillingMode            string                 `json:"BillingMode,omitempty"`
	ProvisionedThroughput  *ProvisionedThroughput `json:"ProvisionedThroughput,omitempty"`
	GlobalSecondaryIndexes []GlobalSecondaryIndex `json:"GlobalSecondaryIndexes,omitempty"`
	LocalSecondaryIndexes  []LocalSecondaryIndex  `json:"LocalSecondaryIndexes,omitempty"`
	// Tags are kept for ListTagsOfResource.
	Tags                      []TableTag           `json:"Tags,omitempty"`
	DeletionProtectionEnabled *bool                `json:"DeletionProtectionEnabled,omitempty"`
	OnDemandThroughput        *OnDemandThroughput  `json:"OnDemandThroughput,omitempty"`
	StreamSpecification       *StreamSpecification `json:"StreamSpecification,omitempty"`
}

func (in *CreateTableInput) members(f *fields) {
	member(f, "TableName", &in.TableName, &cString, 0)
	member(f, "KeySchema", &in.KeySchema, &schema.CodecKeySchemaElementList, 0)
	member(f, "AttributeDefinitions", &in.AttributeDefinitions, &schema.CodecAttributeDefinitionList, 0)
	member(f, "BillingMode", &in.BillingMode, &cString, omitEmpty)
	member(f, "ProvisionedThroughput", &in.ProvisionedThroughput, &schema.CodecProvisionedThroughputPtr, omitEmpty)
	member(f, "GlobalSecondaryIndexes", &in.GlobalSecondaryIndexes, &schema.CodecGlobalSecondaryIndexList, omitEmpty)
	member(f, "LocalSecondaryIndexes", &in.LocalSecondaryIndexes, &schema.CodecLocalSecondaryIndexList, omitEmpty)
	member(f, "Tags", &in.Tags, &tags.CodecTableTagList, omitEmpty)
	member(f, "DeletionProtectionEnabled", &in.DeletionProtectionEnabled, &cBoolPtr, omitEmpty)
	member(f, "OnDemandThroughput", &in.OnDemandThroughput, &schema.CodecOnDemandThroughputPtr, omitEmpty)
	member(f, "StreamSpecification", &in.StreamSpecification, &schema.CodecStreamSpecificationPtr, omitEmpty)
}

// CreateTableOutput is the CreateTable response.
type CreateTableOutput struct {
	TableDescription *TableDescription `json:"TableDescription"`
}

func (o *CreateTableOutput) members(f *fields) {
	member(f, "TableDescription", &o.TableDescription, &schema.CodecTableDescriptionPtr, 0)
}

func (o *CreateTableOutput) appendJSON(dst []byte) ([]byte, error) {
	return encodeMembers(growTable(dst, o.TableDescription), o), nil
}

func init() { register("CreateTable", (*DB).CreateTable) }

// Index limits per table.
const (
	maxGSIs           = 20
	maxLSIs           = 5
	maxProjectedAttrs = 100
)

// CreateTable creates a table. The response reports TableStatus CREATING
// (indexes CREATING too), and so does DescribeTable for tableCreateTime
// on the engine clock; meanwhile data-plane calls on the table are
// ResourceNotFoundException and UpdateTable, DeleteTable and a second
// CreateTable of the name are ResourceInUseException, as on DynamoDB.
// Then it is ACTIVE. While the DB restores (SetRestoring) it is ACTIVE at
// once.
func (db *DB) CreateTable(in *CreateTableInput) (*CreateTableOutput, error) {
	if err := checkCreateTableShape(in); err != nil {
		return nil, err
	}
	t, err := db.buildTable(in)
	if err != nil {
		return nil, err
	}
	if err := checkStreamChange(nil, in.TableName, in.StreamSpecification); err != nil {
		return nil, err
	}
	var d *TableDescription
	err = db.update(func(*txn) error {
		if old, exists := db.tables[in.TableName]; exists && old.creating(db.clk.Now()) {
			return ddberr.Newf(ddberr.TypeResourceInUse, msgTableBeingCreatedFmt, in.TableName)
		}
		if _, exists := db.tables[in.TableName]; exists || db.beingDeleted(in.TableName) != nil {
			return ddberr.Newf(ddberr.TypeResourceInUse, msgTableExistsFmt, in.TableName)
		}
		db.purgeDeleted()
		if err := db.checkBusy(len(t.indexes) > 0); err != nil {
			return err
		}
		if s := in.StreamSpecification; s != nil && s.StreamEnabled != nil && *s.StreamEnabled {
			db.applyStreamChange(t, s)
		}
		d = db.addTable(t)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &CreateTableOutput{TableDescription: d}, nil
}

// SetRestoring turns restoring on or off. While it is on, CreateTable
// makes its table ACTIVE at once and UpdateTable's new global secondary
// indexes are ACTIVE at once: what a host restores (a snapshot, or writes
// replayed from a log) was ACTIVE when it was saved or first accepted, so
// the writes that follow it must find it ready. Safe for concurrent use.
func (db *DB) SetRestoring(on bool) { db.restoring.Store(on) }

// addTable stamps a new table, adds it to the catalog and returns its
// description as CreateTable reports it. The caller holds the write lock.
func (db *DB) addTable(t *table) *TableDescription {
	now := clockNow(db)
	t.created = stampOf(now)
	if !db.restoring.Load() {
		t.readyAt = now.UnixNano() + int64(tableCreateTime)
	}
	t.id = newUUID()
	t.arn = db.tableArn(t.name)
	for _, ix := range t.indexes {
		ix.arn = t.arn + "/index/" + ix.def.Name
	}
	if t.billing == billingPayPerRequest {
		t.billingUpdated = t.created
	}
	if t.hasLSI() {
		t.collectionLimit = db.collectionLimit
	}
	db.thr.attach(t)
	db.tables[t.name] = t
	d := db.describe(t)
	// The response says CREATING even when restoring, as DynamoDB's does.
	d.TableStatus = statusCreating
	for i := range d.GlobalSecondaryIndexes {
		d.GlobalSecondaryIndexes[i].IndexStatus = statusCreating
	}
	return d
}

// buildTable checks the semantics of a shape-valid CreateTable request and
// returns the new table (without id, ARN and creation time).
func (db *DB) buildTable(in *CreateTableInput) (*table, error) {
	defs := make(map[string]attr.Type, len(in.AttributeDefinitions))
	for _, d := range in.AttributeDefinitions {
		if _, dup := defs[d.AttributeName]; dup {
			return nil, validationf(msgDuplicateAttrDef)
		}
		ty, _ := attr.ParseType(d.AttributeType)
		defs[d.AttributeName] = ty
	}
	hash, rng, err := schema.KeyPair(in.KeySchema)
	if err != nil {
		return nil, err
	}
	used := map[string]bool{}
	need := func(names ...string) error {
		var missing []string
		for _, n := range names {
			if n == "" {
				continue
			}
			used[n] = true
			if _, ok := defs[n]; !ok {
				missing = append(missing, n)
			}
		}
		if missing != nil {
			return validationf(msgUndefinedKeyAttrsFmt,
				strings.Join(missing, ", "), strings.Join(schema.DefNames(in.AttributeDefinitions), ", "))
		}
		return nil
	}
	for _, n := range []string{hash, rng} {
		if n == "" {
			continue
		}
		if _, ok := defs[n]; !ok {
			return nil, validationf(msgTableKeyUndefined)
		}
		used[n] = true
	}
	t := &table{
		name:      in.TableName,
		status:    statusActive,
		key:       storage.KeySchema{Hash: hash, Range: rng},
		hashType:  defs[hash],
		rangeType: defs[rng],
		attrDefs:  append([]AttributeDefinition(nil), in.AttributeDefinitions...),
		billing:   in.BillingMode,
	}
	t.billingNamed = t.billing != ""
	if t.billing == "" {
		t.billing = billingProvisioned
	}
	if err := t.setBilling(in.ProvisionedThroughput, true); err != nil {
		return nil, err
	}
	if err := schema.SetMaxThroughput(t.billing, in.OnDemandThroughput, &t.maxRead, &t.maxWrite); err != nil {
		return nil, err
	}

	if len(in.LocalSecondaryIndexes) > 0 && rng == "" {
		return nil, validationf(msgLSINeedsTableRange)
	}
	if len(in.LocalSecondaryIndexes) > maxLSIs {
		return nil, validationf(msgTooManyLSIsFmt, maxLSIs)
	}
	if len(in.GlobalSecondaryIndexes) > maxGSIs {
		return nil, validationf(msgTooManyGSIsFmt, maxGSIs)
	}
	names := map[string]bool{}
	for _, l := range in.LocalSecondaryIndexes {
		ix, err := newIndex(l.IndexName, l.KeySchema, l.Projection, true, names, need, defs)
		if err != nil {
			return nil, err
		}
		if ix.def.Key.Hash != hash {
			return nil, validationf(msgLSIHashFmt, l.IndexName, ix.def.Key.Hash, hash)
		}
		if ix.def.Key.Range == "" {
			return nil, validationf(msgLSINeedsRangeFmt, l.IndexName)
		}
		t.indexes = append(t.indexes, ix)
	}
	for _, g := range in.GlobalSecondaryIndexes {
		ix, err := newIndex(g.IndexName, g.KeySchema, g.Projection, false, names, need, defs)
		if err != nil {
			return nil, err
		}
		if err := ix.setThroughput(t.billing, g.ProvisionedThroughput); err != nil {
			return nil, err
		}
		if err := schema.SetMaxThroughput(t.billing, g.OnDemandThroughput, &ix.maxRead, &ix.maxWrite); err != nil {
			return nil, err
		}
		t.indexes = append(t.indexes, ix)
	}
	if n := projectedCount(t.indexes); n > maxProjectedAttrs {
		return nil, validationf(msgTooManyProjectedFmt, maxProjectedAttrs, n)
	}
	if len(used) != len(defs) {
		return nil, validationf(msgUnusedAttrDefs)
	}
	defsOf := make([]storage.IndexDef, len(t.indexes))
	for i, ix := range t.indexes {
		defsOf[i] = ix.def
	}
	t.data = storage.NewTable(t.key, defsOf)
	if len(in.Tags) > 0 {
		t.tags = make(map[string]string, len(in.Tags))
		for _, tg := range in.Tags {
			t.tags[tg.Key] = tg.Value
		}
	}
	if in.DeletionProtectionEnabled != nil {
		t.deletionProtection = *in.DeletionProtectionEnabled
	}
	return t, nil
}
