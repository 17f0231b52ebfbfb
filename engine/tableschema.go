package engine

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/schema"
	"github.com/ddbplay/ddbplay/engine/storage"
	"github.com/ddbplay/ddbplay/engine/tags"
	"github.com/ddbplay/ddbplay/engine/validate"
)

// The rules of a table's schema that CreateTable and UpdateTable share:
// key schemas, attribute definitions, index projections, billing and
// throughput.

// checkCreateTableShape collects the request-level constraint violations of
// a CreateTable request.
func checkCreateTableShape(in *CreateTableInput) error {
	var v violations
	v.TableName("tableName", in.TableName)
	schema.CheckKeySchema(&v.Violations, "keySchema", in.KeySchema)
	if in.AttributeDefinitions == nil {
		v.Add("null", "attributeDefinitions", validate.NotNull)
	}
	schema.CheckAttributeDefinitions(&v.Violations, in.AttributeDefinitions, true)
	schema.CheckBillingMode(&v.Violations, in.BillingMode)
	schema.CheckThroughput(&v.Violations, "provisionedThroughput", in.ProvisionedThroughput)
	schema.CheckStreamSpecification(&v.Violations, in.StreamSpecification)
	for i := range in.GlobalSecondaryIndexes {
		schema.CheckGSI(&v.Violations, ddberr.Sprintf("globalSecondaryIndexes.%d.member", i+1), &in.GlobalSecondaryIndexes[i])
	}
	for i := range in.LocalSecondaryIndexes {
		schema.CheckLSI(&v.Violations, ddberr.Sprintf("localSecondaryIndexes.%d.member", i+1), &in.LocalSecondaryIndexes[i])
	}
	tags.CheckTableTags(&v.Violations, in.Tags)
	if err := v.Err(); err != nil {
		return err
	}
	return tags.CheckTableTagRules(in.Tags)
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
	hash, rng, err := schema.KeyPair(ks)
	if err != nil {
		return nil, err
	}
	if err := need(hash, rng); err != nil {
		return nil, err
	}
	def := storage.IndexDef{Name: name, Key: storage.KeySchema{Hash: hash, Range: rng}, Local: local}
	if err := schema.CheckProjection(p); err != nil {
		return nil, err
	}
	def.ProjectionType = p.ProjectionType
	def.NonKey = append([]string(nil), p.NonKeyAttributes...)
	return &index{def: def, hashType: defs[hash], rangeType: defs[rng]}, nil
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
