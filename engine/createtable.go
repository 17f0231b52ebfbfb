package engine

import (
	"github.com/ddbplay/ddbplay/engine/fieldtab"
	"strconv"
	"strings"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/storage"
)

// KeySchemaElement is one element of a KeySchema.
type KeySchemaElement struct {
	AttributeName string `json:"AttributeName"`
	KeyType       string `json:"KeyType"` // HASH or RANGE
}

var (
	cKeySchemaElement = codec[KeySchemaElement]{X: erased{Kind: kObj, Size: unsafe.Sizeof(KeySchemaElement{}), At: fieldtab.GrowAt[KeySchemaElement],
		Members: func(p unsafe.Pointer, f *fields) {
			k := (*KeySchemaElement)(p)
			member(f, "AttributeName", &k.AttributeName, &cString, 0)
			member(f, "KeyType", &k.KeyType, &cString, 0)
		}}}
	cKeySchemaElementList = codec[[]KeySchemaElement]{X: erased{Kind: kList, Elem: &cKeySchemaElement.X, Size: sliceSize, At: fieldtab.GrowAt[[]byte]}}
)

// AttributeDefinition declares the type of a key attribute.
type AttributeDefinition struct {
	AttributeName string `json:"AttributeName"`
	AttributeType string `json:"AttributeType"` // S, N or B
}

var (
	cAttributeDefinition = codec[AttributeDefinition]{X: erased{Kind: kObj, Size: unsafe.Sizeof(AttributeDefinition{}), At: fieldtab.GrowAt[AttributeDefinition],
		Members: func(p unsafe.Pointer, f *fields) {
			a := (*AttributeDefinition)(p)
			member(f, "AttributeName", &a.AttributeName, &cString, 0)
			member(f, "AttributeType", &a.AttributeType, &cString, 0)
		}}}
	cAttributeDefinitionList = codec[[]AttributeDefinition]{X: erased{Kind: kList, Elem: &cAttributeDefinition.X, Size: sliceSize, At: fieldtab.GrowAt[[]byte]}}
)

// Projection says which attributes an index holds.
type Projection struct {
	ProjectionType   string   `json:"ProjectionType,omitempty"`
	NonKeyAttributes []string `json:"NonKeyAttributes,omitempty"`
}

var (
	cProjection = codec[Projection]{X: erased{Kind: kObj, Size: unsafe.Sizeof(Projection{}), At: fieldtab.GrowAt[Projection],
		Members: func(ptr unsafe.Pointer, f *fields) {
			p := (*Projection)(ptr)
			member(f, "ProjectionType", &p.ProjectionType, &cString, omitEmpty)
			member(f, "NonKeyAttributes", &p.NonKeyAttributes, &cStrings, omitEmpty)
		}}}
	cProjectionPtr = codec[*Projection]{X: erased{Kind: kPtr, Elem: &cProjection.X, Size: ptrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

// ProvisionedThroughput is the throughput requested for a table or GSI.
type ProvisionedThroughput struct {
	ReadCapacityUnits  *int64 `json:"ReadCapacityUnits,omitempty"`
	WriteCapacityUnits *int64 `json:"WriteCapacityUnits,omitempty"`
}

var (
	cProvisionedThroughput = codec[ProvisionedThroughput]{X: erased{Kind: kObj, Size: unsafe.Sizeof(ProvisionedThroughput{}), At: fieldtab.GrowAt[ProvisionedThroughput],
		Members: func(ptr unsafe.Pointer, f *fields) {
			p := (*ProvisionedThroughput)(ptr)
			member(f, "ReadCapacityUnits", &p.ReadCapacityUnits, &cInt64Ptr, omitEmpty)
			member(f, "WriteCapacityUnits", &p.WriteCapacityUnits, &cInt64Ptr, omitEmpty)
		}}}
	cProvisionedThroughputPtr = codec[*ProvisionedThroughput]{X: erased{Kind: kPtr, Elem: &cProvisionedThroughput.X, Size: ptrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

// OnDemandThroughput is the maximum throughput of an on-demand table or
// GSI: each value at least 1, or -1 to remove the maximum.
type OnDemandThroughput struct {
	MaxReadRequestUnits  *int64 `json:"MaxReadRequestUnits,omitempty"`
	MaxWriteRequestUnits *int64 `json:"MaxWriteRequestUnits,omitempty"`
}

var (
	cOnDemandThroughput = codec[OnDemandThroughput]{X: erased{Kind: kObj, Size: unsafe.Sizeof(OnDemandThroughput{}), At: fieldtab.GrowAt[OnDemandThroughput],
		Members: func(ptr unsafe.Pointer, f *fields) {
			o := (*OnDemandThroughput)(ptr)
			member(f, "MaxReadRequestUnits", &o.MaxReadRequestUnits, &cInt64Ptr, omitEmpty)
			member(f, "MaxWriteRequestUnits", &o.MaxWriteRequestUnits, &cInt64Ptr, omitEmpty)
		}}}
	cOnDemandThroughputPtr = codec[*OnDemandThroughput]{X: erased{Kind: kPtr, Elem: &cOnDemandThroughput.X, Size: ptrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

// GlobalSecondaryIndex is a GSI requested in CreateTable or UpdateTable.
type GlobalSecondaryIndex struct {
	IndexName             string                 `json:"IndexName"`
	KeySchema             []KeySchemaElement     `json:"KeySchema"`
	Projection            *Projection            `json:"Projection"`
	ProvisionedThroughput *ProvisionedThroughput `json:"ProvisionedThroughput,omitempty"`
	OnDemandThroughput    *OnDemandThroughput    `json:"OnDemandThroughput,omitempty"`
}

var (
	cGlobalSecondaryIndex = codec[GlobalSecondaryIndex]{X: erased{Kind: kObj, Size: unsafe.Sizeof(GlobalSecondaryIndex{}), At: fieldtab.GrowAt[GlobalSecondaryIndex],
		Members: func(p unsafe.Pointer, f *fields) {
			g := (*GlobalSecondaryIndex)(p)
			member(f, "IndexName", &g.IndexName, &cString, 0)
			member(f, "KeySchema", &g.KeySchema, &cKeySchemaElementList, 0)
			member(f, "Projection", &g.Projection, &cProjectionPtr, 0)
			member(f, "ProvisionedThroughput", &g.ProvisionedThroughput, &cProvisionedThroughputPtr, omitEmpty)
			member(f, "OnDemandThroughput", &g.OnDemandThroughput, &cOnDemandThroughputPtr, omitEmpty)
		}}}
	cGlobalSecondaryIndexPtr  = codec[*GlobalSecondaryIndex]{X: erased{Kind: kPtr, Elem: &cGlobalSecondaryIndex.X, Size: ptrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
	cGlobalSecondaryIndexList = codec[[]GlobalSecondaryIndex]{X: erased{Kind: kList, Elem: &cGlobalSecondaryIndex.X, Size: sliceSize, At: fieldtab.GrowAt[[]byte]}}
)

// LocalSecondaryIndex is an LSI requested in CreateTable.
type LocalSecondaryIndex struct {
	IndexName  string             `json:"IndexName"`
	KeySchema  []KeySchemaElement `json:"KeySchema"`
	Projection *Projection        `json:"Projection"`
}

var (
	cLocalSecondaryIndex = codec[LocalSecondaryIndex]{X: erased{Kind: kObj, Size: unsafe.Sizeof(LocalSecondaryIndex{}), At: fieldtab.GrowAt[LocalSecondaryIndex],
		Members: func(p unsafe.Pointer, f *fields) {
			l := (*LocalSecondaryIndex)(p)
			member(f, "IndexName", &l.IndexName, &cString, 0)
			member(f, "KeySchema", &l.KeySchema, &cKeySchemaElementList, 0)
			member(f, "Projection", &l.Projection, &cProjectionPtr, 0)
		}}}
	cLocalSecondaryIndexList = codec[[]LocalSecondaryIndex]{X: erased{Kind: kList, Elem: &cLocalSecondaryIndex.X, Size: sliceSize, At: fieldtab.GrowAt[[]byte]}}
)

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
	member(f, "KeySchema", &in.KeySchema, &cKeySchemaElementList, 0)
	member(f, "AttributeDefinitions", &in.AttributeDefinitions, &cAttributeDefinitionList, 0)
	member(f, "BillingMode", &in.BillingMode, &cString, omitEmpty)
	member(f, "ProvisionedThroughput", &in.ProvisionedThroughput, &cProvisionedThroughputPtr, omitEmpty)
	member(f, "GlobalSecondaryIndexes", &in.GlobalSecondaryIndexes, &cGlobalSecondaryIndexList, omitEmpty)
	member(f, "LocalSecondaryIndexes", &in.LocalSecondaryIndexes, &cLocalSecondaryIndexList, omitEmpty)
	member(f, "Tags", &in.Tags, &cTableTagList, omitEmpty)
	member(f, "DeletionProtectionEnabled", &in.DeletionProtectionEnabled, &cBoolPtr, omitEmpty)
	member(f, "OnDemandThroughput", &in.OnDemandThroughput, &cOnDemandThroughputPtr, omitEmpty)
	member(f, "StreamSpecification", &in.StreamSpecification, &cStreamSpecificationPtr, omitEmpty)
}

// TableTag is one of CreateTable's Tags.
type TableTag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

var (
	cTableTag = codec[TableTag]{X: erased{Kind: kObj, Size: unsafe.Sizeof(TableTag{}), At: fieldtab.GrowAt[TableTag],
		Members: func(p unsafe.Pointer, f *fields) {
			t := (*TableTag)(p)
			member(f, "Key", &t.Key, &cString, 0)
			member(f, "Value", &t.Value, &cString, 0)
		}}}
	cTableTagList = codec[[]TableTag]{X: erased{Kind: kList, Elem: &cTableTag.X, Size: sliceSize, At: fieldtab.GrowAt[[]byte]}}
)

// CreateTableOutput is the CreateTable response.
type CreateTableOutput struct {
	TableDescription *TableDescription `json:"TableDescription"`
}

func (o *CreateTableOutput) members(f *fields) {
	member(f, "TableDescription", &o.TableDescription, &cTableDescriptionPtr, 0)
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
// (indexes CREATING too); the table is usable at once and DescribeTable
// reports it ACTIVE.
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
		if _, exists := db.tables[in.TableName]; exists {
			return ddberr.Newf(ddberr.TypeResourceInUse, msgTableExistsFmt, in.TableName)
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

// addTable stamps a new table, adds it to the catalog and returns its
// description as CreateTable reports it. The caller holds the write lock.
func (db *DB) addTable(t *table) *TableDescription {
	t.created = stampOf(clockNow(db))
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
	d.TableStatus = statusCreating
	for i := range d.GlobalSecondaryIndexes {
		d.GlobalSecondaryIndexes[i].IndexStatus = statusCreating
	}
	return d
}

// checkCreateTableShape collects the request-level constraint violations of
// a CreateTable request.
func checkCreateTableShape(in *CreateTableInput) error {
	var v violations
	v.tableName("tableName", in.TableName)
	v.keySchema("keySchema", in.KeySchema)
	if in.AttributeDefinitions == nil {
		v.add("null", "attributeDefinitions", cNotNull)
	}
	for i, d := range in.AttributeDefinitions {
		v.enum(ddberr.Sprintf("attributeDefinitions.%d.member.attributeType", i+1), d.AttributeType, "B", "N", "S")
		if d.AttributeName == "" {
			v.add("null", ddberr.Sprintf("attributeDefinitions.%d.member.attributeName", i+1), cNotNull)
		}
	}
	v.enum("billingMode", in.BillingMode, billingProvisioned, billingPayPerRequest)
	v.throughput("provisionedThroughput", in.ProvisionedThroughput)
	v.streamSpecification(in.StreamSpecification)
	for i, g := range in.GlobalSecondaryIndexes {
		p := ddberr.Sprintf("globalSecondaryIndexes.%d.member", i+1)
		v.name(p+".indexName", g.IndexName, 3, 255)
		v.keySchema(p+".keySchema", g.KeySchema)
		v.projection(p+".projection", g.Projection)
		v.throughput(p+".provisionedThroughput", g.ProvisionedThroughput)
	}
	for i, l := range in.LocalSecondaryIndexes {
		p := ddberr.Sprintf("localSecondaryIndexes.%d.member", i+1)
		v.name(p+".indexName", l.IndexName, 3, 255)
		v.keySchema(p+".keySchema", l.KeySchema)
		v.projection(p+".projection", l.Projection)
	}
	return v.err()
}

// keySchema checks a KeySchema's shape: 1–2 elements, names present,
// KeyType HASH or RANGE.
func (v *violations) keySchema(member string, ks []KeySchemaElement) {
	if ks == nil {
		v.add("null", member, cNotNull)
		return
	}
	if len(ks) < 1 {
		v.add(renderKeySchema(ks), member, ddberr.Sprintf(cMinLenFmt, 1))
	}
	if len(ks) > 2 {
		v.add(renderKeySchema(ks), member, ddberr.Sprintf(cMaxLenFmt, 2))
	}
	for i, e := range ks {
		p := ddberr.Sprintf("%s.%d.member", member, i+1)
		if e.AttributeName == "" {
			v.add("null", p+".attributeName", cNotNull)
		} else if len(e.AttributeName) > 255 {
			v.add(quote(e.AttributeName), p+".attributeName", ddberr.Sprintf(cMaxLenFmt, 255))
		}
		if e.KeyType == "" {
			v.add("null", p+".keyType", cNotNull)
		} else {
			v.enum(p+".keyType", e.KeyType, "HASH", "RANGE")
		}
	}
}

// renderKeySchema renders a KeySchema as DynamoDB's messages do.
func renderKeySchema(ks []KeySchemaElement) string {
	parts := make([]string, len(ks))
	for i, e := range ks {
		parts[i] = ddberr.Sprintf("KeySchemaElement(attributeName=%s, keyType=%s)", e.AttributeName, e.KeyType)
	}
	return "'[" + strings.Join(parts, ", ") + "]'"
}

// projection checks a Projection's shape.
func (v *violations) projection(member string, p *Projection) {
	if p == nil {
		v.add("null", member, cNotNull)
		return
	}
	v.enum(member+".projectionType", p.ProjectionType, storage.ProjectAll, storage.ProjectKeysOnly, storage.ProjectInclude)
	if len(p.NonKeyAttributes) > 20 && p.NonKeyAttributes != nil {
		v.add("'["+strings.Join(p.NonKeyAttributes, ", ")+"]'", member+".nonKeyAttributes", ddberr.Sprintf(cMaxLenFmt, 20))
	}
}

// throughput checks ProvisionedThroughput values: both present, each ≥ 1.
func (v *violations) throughput(member string, p *ProvisionedThroughput) {
	if p == nil {
		return
	}
	for _, f := range []struct {
		name string
		val  *int64
	}{{"readCapacityUnits", p.ReadCapacityUnits}, {"writeCapacityUnits", p.WriteCapacityUnits}} {
		switch {
		case f.val == nil:
			v.add("null", member+"."+f.name, cNotNull)
		case *f.val < 1:
			v.add(quote(strconv.FormatInt(*f.val, 10)), member+"."+f.name, ddberr.Sprintf(cMinValFmt, 1))
		}
	}
}

// keyPair splits a validated KeySchema into its HASH and RANGE attribute
// names, with DynamoDB's messages for misordered or duplicate elements.
func keyPair(ks []KeySchemaElement) (hash, rng string, err error) {
	if ks[0].KeyType != "HASH" {
		return "", "", validationf(msgFirstKeyNotHash)
	}
	hash = ks[0].AttributeName
	if len(ks) == 2 {
		if ks[1].KeyType != "RANGE" {
			return "", "", validationf(msgSecondKeyNotRange)
		}
		rng = ks[1].AttributeName
		if rng == hash {
			return "", "", validationf(msgHashRangeSameName)
		}
	}
	return hash, rng, nil
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
	hash, rng, err := keyPair(in.KeySchema)
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
				strings.Join(missing, ", "), strings.Join(defNames(in.AttributeDefinitions), ", "))
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
	if err := setMaxThroughput(t.billing, in.OnDemandThroughput, &t.maxRead, &t.maxWrite); err != nil {
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
		if err := setMaxThroughput(t.billing, g.OnDemandThroughput, &ix.maxRead, &ix.maxWrite); err != nil {
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

// defNames returns the attribute names of defs.
func defNames(defs []AttributeDefinition) []string {
	out := make([]string, len(defs))
	for i, d := range defs {
		out[i] = d.AttributeName
	}
	return out
}

// projectedCount counts the NonKeyAttributes of INCLUDE indexes, the
// number DynamoDB limits to 100 per table.
func projectedCount(ixs []*index) int {
	n := 0
	for _, ix := range ixs {
		n += len(ix.def.NonKey)
	}
	return n
}

// newIndex checks one index definition and returns it. names collects the
// index names seen so far (for the duplicate check); need marks key
// attributes used and fails on undefined ones.
func newIndex(name string, ks []KeySchemaElement, p *Projection, local bool, names map[string]bool,
	need func(...string) error, defs map[string]attr.Type) (*index, error) {
	if names[name] {
		return nil, validationf(msgDuplicateIndexFmt, name)
	}
	names[name] = true
	hash, rng, err := keyPair(ks)
	if err != nil {
		return nil, err
	}
	if err := need(hash, rng); err != nil {
		return nil, err
	}
	def := storage.IndexDef{Name: name, Key: storage.KeySchema{Hash: hash, Range: rng}, Local: local}
	if err := checkProjection(p); err != nil {
		return nil, err
	}
	def.ProjectionType = p.ProjectionType
	def.NonKey = append([]string(nil), p.NonKeyAttributes...)
	return &index{def: def, hashType: defs[hash], rangeType: defs[rng], status: statusActive}, nil
}

// checkProjection checks ProjectionType against NonKeyAttributes.
func checkProjection(p *Projection) error {
	switch p.ProjectionType {
	case "":
		return validationf(msgProjectionTypeNull)
	case storage.ProjectInclude:
		if len(p.NonKeyAttributes) == 0 {
			return validationf(msgIncludeNeedsAttrs)
		}
		seen := map[string]bool{}
		for _, n := range p.NonKeyAttributes {
			if seen[n] {
				return validationf(msgDuplicateNonKeyFmt, n)
			}
			seen[n] = true
		}
	default:
		if p.NonKeyAttributes != nil {
			return validationf(msgNonKeyNotAllowedFmt, p.ProjectionType)
		}
	}
	return nil
}

// setBilling applies the billing mode already in t.billing with the
// requested throughput p, checking the combination as DynamoDB does.
// creating selects CreateTable's wording for a missing throughput.
func (t *table) setBilling(p *ProvisionedThroughput, creating bool) error {
	switch t.billing {
	case billingPayPerRequest:
		if p != nil {
			return validationf(msgOnDemandThroughput)
		}
		t.read, t.write = 0, 0
	default:
		if p == nil {
			if creating {
				return validationf(msgProvisionedNeedsThroughput)
			}
			return nil
		}
		t.read, t.write = *p.ReadCapacityUnits, *p.WriteCapacityUnits
	}
	return nil
}

// setMaxThroughput applies an OnDemandThroughput (nil: no change) to the
// maximums *read and *write (0: none): a value of at least 1 sets one, -1
// removes it. It is a ValidationException on a provisioned table, or for
// another value.
func setMaxThroughput(billing string, o *OnDemandThroughput, read, write *int64) error {
	if o == nil {
		return nil
	}
	if billing != billingPayPerRequest {
		return validationf(msgOnDemandThroughputProvisioned)
	}
	for _, x := range []struct {
		v   *int64
		dst *int64
	}{{o.MaxReadRequestUnits, read}, {o.MaxWriteRequestUnits, write}} {
		switch {
		case x.v == nil:
		case *x.v == -1:
			*x.dst = 0
		case *x.v >= 1:
			*x.dst = *x.v
		default:
			return validationf(msgOnDemandThroughputValue)
		}
	}
	return nil
}

// setThroughput applies a GSI's ProvisionedThroughput under the table's
// billing mode.
func (ix *index) setThroughput(billing string, p *ProvisionedThroughput) error {
	if billing == billingPayPerRequest {
		if p != nil {
			return validationf(msgOnDemandIndexThroughputFmt, ix.def.Name)
		}
		ix.read, ix.write = 0, 0
		return nil
	}
	if p == nil {
		return validationf(msgIndexNeedsThroughputFmt, ix.def.Name)
	}
	ix.read, ix.write = *p.ReadCapacityUnits, *p.WriteCapacityUnits
	return nil
}
