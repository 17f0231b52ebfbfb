package schema

import (
	"strconv"
	"strings"

	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/storage"
	"github.com/ddbplay/ddbplay/engine/streams"
	"github.com/ddbplay/ddbplay/engine/validate"
)

// CheckKeySchema records the violations of a KeySchema's shape at member:
// 1–2 elements, names present, KeyType HASH or RANGE.
func CheckKeySchema(v *validate.Violations, member string, ks []KeySchemaElement) {
	if ks == nil {
		v.Add("null", member, validate.NotNull)
		return
	}
	if len(ks) < 1 {
		v.Add(renderKeySchema(ks), member, ddberr.Sprintf(validate.MinLenFmt, 1))
	}
	if len(ks) > 2 {
		v.Add(renderKeySchema(ks), member, ddberr.Sprintf(validate.MaxLenFmt, 2))
	}
	for i, e := range ks {
		p := ddberr.Sprintf("%s.%d.member", member, i+1)
		if e.AttributeName == "" {
			v.Add("null", p+".attributeName", validate.NotNull)
		} else if len(e.AttributeName) > 255 {
			v.Add(validate.Quote(e.AttributeName), p+".attributeName", ddberr.Sprintf(validate.MaxLenFmt, 255))
		}
		if e.KeyType == "" {
			v.Add("null", p+".keyType", validate.NotNull)
		} else {
			v.Enum(p+".keyType", e.KeyType, "HASH", "RANGE")
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

// CheckProjectionShape records the violations of a Projection's shape at
// member.
func CheckProjectionShape(v *validate.Violations, member string, p *Projection) {
	if p == nil {
		v.Add("null", member, validate.NotNull)
		return
	}
	v.Enum(member+".projectionType", p.ProjectionType, storage.ProjectAll, storage.ProjectKeysOnly, storage.ProjectInclude)
	if len(p.NonKeyAttributes) > 20 && p.NonKeyAttributes != nil {
		v.Add("'["+strings.Join(p.NonKeyAttributes, ", ")+"]'", member+".nonKeyAttributes", ddberr.Sprintf(validate.MaxLenFmt, 20))
	}
}

// CheckThroughput records the violations of ProvisionedThroughput values
// at member: both present, each ≥ 1.
func CheckThroughput(v *validate.Violations, member string, p *ProvisionedThroughput) {
	if p == nil {
		return
	}
	for _, f := range []struct {
		name string
		val  *int64
	}{{"readCapacityUnits", p.ReadCapacityUnits}, {"writeCapacityUnits", p.WriteCapacityUnits}} {
		switch {
		case f.val == nil:
			v.Add("null", member+"."+f.name, validate.NotNull)
		case *f.val < 1:
			v.Add(validate.Quote(strconv.FormatInt(*f.val, 10)), member+"."+f.name, ddberr.Sprintf(validate.MinValFmt, 1))
		}
	}
}

// KeyPair splits a validated KeySchema into its HASH and RANGE attribute
// names, with DynamoDB's messages for misordered or duplicate elements.
func KeyPair(ks []KeySchemaElement) (hash, rng string, err error) {
	if ks[0].KeyType != "HASH" {
		return "", "", ddberr.Validation(msgFirstKeyNotHash)
	}
	hash = ks[0].AttributeName
	if len(ks) == 2 {
		if ks[1].KeyType != "RANGE" {
			return "", "", ddberr.Validation(msgSecondKeyNotRange)
		}
		rng = ks[1].AttributeName
		if rng == hash {
			return "", "", ddberr.Validation(msgHashRangeSameName)
		}
	}
	return hash, rng, nil
}

// DefNames returns the attribute names of defs.
func DefNames(defs []AttributeDefinition) []string {
	out := make([]string, len(defs))
	for i, d := range defs {
		out[i] = d.AttributeName
	}
	return out
}

// CheckProjection checks ProjectionType against NonKeyAttributes.
func CheckProjection(p *Projection) error {
	switch p.ProjectionType {
	case "":
		return ddberr.Validation(msgProjectionTypeNull)
	case storage.ProjectInclude:
		if len(p.NonKeyAttributes) == 0 {
			return ddberr.Validation(msgIncludeNeedsAttrs)
		}
		seen := map[string]bool{}
		for _, n := range p.NonKeyAttributes {
			if seen[n] {
				return ddberr.Validation(msgDuplicateNonKeyFmt, n)
			}
			seen[n] = true
		}
	default:
		if p.NonKeyAttributes != nil {
			return ddberr.Validation(msgNonKeyNotAllowedFmt, p.ProjectionType)
		}
	}
	return nil
}

// SetMaxThroughput applies an OnDemandThroughput (nil: no change) to the
// maximums *read and *write (0: none): a value of at least 1 sets one, -1
// removes it. It is a ValidationException on a provisioned table, or for
// another value.
func SetMaxThroughput(billing string, o *OnDemandThroughput, read, write *int64) error {
	if o == nil {
		return nil
	}
	if billing != PayPerRequest {
		return ddberr.Validation(msgOnDemandThroughputProvisioned)
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
			return ddberr.Validation(msgOnDemandThroughputValue)
		}
	}
	return nil
}

// CheckAttributeDefinitions records the violations of AttributeDefinitions:
// each type S, N or B and, when named is set (CreateTable), each name
// present.
func CheckAttributeDefinitions(v *validate.Violations, defs []AttributeDefinition, named bool) {
	for i, d := range defs {
		v.Enum(ddberr.Sprintf("attributeDefinitions.%d.member.attributeType", i+1), d.AttributeType, "B", "N", "S")
		if named && d.AttributeName == "" {
			v.Add("null", ddberr.Sprintf("attributeDefinitions.%d.member.attributeName", i+1), validate.NotNull)
		}
	}
}

// CheckBillingMode records a BillingMode that is neither PROVISIONED nor
// PAY_PER_REQUEST.
func CheckBillingMode(v *validate.Violations, mode string) {
	v.Enum("billingMode", mode, Provisioned, PayPerRequest)
}

// CheckGSI records the violations of a GlobalSecondaryIndex at p (e.g.
// "globalSecondaryIndexes.1.member").
func CheckGSI(v *validate.Violations, p string, g *GlobalSecondaryIndex) {
	v.Name(p+".indexName", g.IndexName, 3, 255)
	CheckKeySchema(v, p+".keySchema", g.KeySchema)
	CheckProjectionShape(v, p+".projection", g.Projection)
	CheckThroughput(v, p+".provisionedThroughput", g.ProvisionedThroughput)
}

// CheckLSI records the violations of a LocalSecondaryIndex at p.
func CheckLSI(v *validate.Violations, p string, l *LocalSecondaryIndex) {
	v.Name(p+".indexName", l.IndexName, 3, 255)
	CheckKeySchema(v, p+".keySchema", l.KeySchema)
	CheckProjectionShape(v, p+".projection", l.Projection)
}

// CheckIndexUpdate records the violations of a GlobalSecondaryIndexUpdate
// at p (e.g. "globalSecondaryIndexUpdates.1.member").
func CheckIndexUpdate(v *validate.Violations, p string, u GlobalSecondaryIndexUpdate) {
	if c := u.Create; c != nil {
		CheckGSI(v, p+".create", c)
	}
	if x := u.Update; x != nil {
		v.Name(p+".update.indexName", x.IndexName, 3, 255)
		if x.ProvisionedThroughput == nil && x.OnDemandThroughput == nil {
			v.Add("null", p+".update.provisionedThroughput", validate.NotNull)
		}
		CheckThroughput(v, p+".update.provisionedThroughput", x.ProvisionedThroughput)
	}
	if x := u.Delete; x != nil {
		v.Name(p+".delete.indexName", x.IndexName, 3, 255)
	}
}

// CheckStreamSpecification records the violations of a StreamSpecification.
func CheckStreamSpecification(v *validate.Violations, s *StreamSpecification) {
	if s == nil {
		return
	}
	if s.StreamEnabled == nil {
		v.Add("null", "streamSpecification.streamEnabled", validate.NotNull)
	}
	v.Enum("streamSpecification.streamViewType", s.StreamViewType,
		string(streams.NewImage), string(streams.OldImage), string(streams.NewAndOldImages), string(streams.KeysOnly))
}
