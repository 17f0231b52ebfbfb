package engine

import (
	"strconv"
	"strings"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/storage"
)

// The rules of a table's schema that CreateTable and UpdateTable share:
// key schemas, attribute definitions, index projections, billing and
// throughput.

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
	v.tableTags(in.Tags)
	if err := v.err(); err != nil {
		return err
	}
	return checkTableTagRules(in.Tags)
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
