package engine

import (
	"slices"
	"strconv"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/wire"
)

// The encoders of table descriptions and the outputs holding one; see
// encode_outputs.go for the rules they follow.

// appendJSON writes e as its MarshalJSON does: plain decimal seconds.
func (e EpochSeconds) appendJSON(dst []byte) []byte {
	return strconv.AppendFloat(dst, float64(e), 'f', -1, 64)
}

// appendEpochMember appends the omitempty member name: *e (left out when
// e is nil).
func appendEpochMember(dst []byte, name string, e *EpochSeconds) []byte {
	if e == nil {
		return dst
	}
	dst = wire.Name(dst, name)
	return e.appendJSON(dst)
}

// appendIntMember appends the member name: n.
func appendIntMember(dst []byte, name string, n int64) []byte {
	dst = wire.Name(dst, name)
	return strconv.AppendInt(dst, n, 10)
}

// appendStringMember appends the member name: s.
func appendStringMember(dst []byte, name, s string) []byte {
	dst = wire.Name(dst, name)
	return attr.AppendString(dst, s)
}

func (k KeySchemaElement) appendJSON(dst []byte) []byte {
	dst = append(dst, '{')
	dst = appendStringMember(dst, "AttributeName", k.AttributeName)
	dst = appendStringMember(dst, "KeyType", k.KeyType)
	return append(dst, '}')
}

func (a AttributeDefinition) appendJSON(dst []byte) []byte {
	dst = append(dst, '{')
	dst = appendStringMember(dst, "AttributeName", a.AttributeName)
	dst = appendStringMember(dst, "AttributeType", a.AttributeType)
	return append(dst, '}')
}

// appendKeySchema appends the member KeySchema (null when nil).
func appendKeySchema(dst []byte, ks []KeySchemaElement) []byte {
	dst = wire.Name(dst, "KeySchema")
	return appendArray(dst, ks, KeySchemaElement.appendJSON)
}

func (p *Projection) appendJSON(dst []byte) []byte {
	if p == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '{')
	if p.ProjectionType != "" {
		dst = appendStringMember(dst, "ProjectionType", p.ProjectionType)
	}
	if len(p.NonKeyAttributes) > 0 {
		dst = wire.Name(dst, "NonKeyAttributes")
		dst = stringsJSON(p.NonKeyAttributes, dst)
	}
	return append(dst, '}')
}

func (p *ProvisionedThroughputDescription) appendJSON(dst []byte) []byte {
	if p == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '{')
	dst = appendEpochMember(dst, "LastIncreaseDateTime", p.LastIncreaseDateTime)
	dst = appendEpochMember(dst, "LastDecreaseDateTime", p.LastDecreaseDateTime)
	dst = appendIntMember(dst, "NumberOfDecreasesToday", p.NumberOfDecreasesToday)
	dst = appendIntMember(dst, "ReadCapacityUnits", p.ReadCapacityUnits)
	dst = appendIntMember(dst, "WriteCapacityUnits", p.WriteCapacityUnits)
	return append(dst, '}')
}

func (b *BillingModeSummary) appendJSON(dst []byte) []byte {
	if b == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '{')
	dst = appendStringMember(dst, "BillingMode", b.BillingMode)
	dst = appendEpochMember(dst, "LastUpdateToPayPerRequestDateTime", b.LastUpdateToPayPerRequestDateTime)
	return append(dst, '}')
}

func (g GlobalSecondaryIndexDescription) appendJSON(dst []byte) []byte {
	dst = append(dst, '{')
	dst = appendStringMember(dst, "IndexName", g.IndexName)
	dst = appendKeySchema(dst, g.KeySchema)
	dst = wire.Name(dst, "Projection")
	dst = g.Projection.appendJSON(dst)
	dst = appendStringMember(dst, "IndexStatus", g.IndexStatus)
	if g.Backfilling != nil {
		dst = wire.Name(dst, "Backfilling")
		dst = strconv.AppendBool(dst, *g.Backfilling)
	}
	if g.ProvisionedThroughput != nil {
		dst = wire.Name(dst, "ProvisionedThroughput")
		dst = g.ProvisionedThroughput.appendJSON(dst)
	}
	dst = appendIntMember(dst, "IndexSizeBytes", g.IndexSizeBytes)
	dst = appendIntMember(dst, "ItemCount", g.ItemCount)
	dst = appendStringMember(dst, "IndexArn", g.IndexArn)
	dst = appendOnDemandThroughput(dst, g.OnDemandThroughput)
	return append(dst, '}')
}

// appendOnDemandThroughput appends the member OnDemandThroughput when o is
// not nil.
func appendOnDemandThroughput(dst []byte, o *OnDemandThroughput) []byte {
	if o == nil {
		return dst
	}
	dst = wire.Name(dst, "OnDemandThroughput")
	dst = append(dst, '{')
	if o.MaxReadRequestUnits != nil {
		dst = appendIntMember(dst, "MaxReadRequestUnits", *o.MaxReadRequestUnits)
	}
	if o.MaxWriteRequestUnits != nil {
		dst = appendIntMember(dst, "MaxWriteRequestUnits", *o.MaxWriteRequestUnits)
	}
	return append(dst, '}')
}

func (l LocalSecondaryIndexDescription) appendJSON(dst []byte) []byte {
	dst = append(dst, '{')
	dst = appendStringMember(dst, "IndexName", l.IndexName)
	dst = appendKeySchema(dst, l.KeySchema)
	dst = wire.Name(dst, "Projection")
	dst = l.Projection.appendJSON(dst)
	dst = appendIntMember(dst, "IndexSizeBytes", l.IndexSizeBytes)
	dst = appendIntMember(dst, "ItemCount", l.ItemCount)
	dst = appendStringMember(dst, "IndexArn", l.IndexArn)
	return append(dst, '}')
}

func (t *TableDescription) appendJSON(dst []byte) []byte {
	if t == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '{')
	dst = wire.Name(dst, "AttributeDefinitions")
	dst = appendArray(dst, t.AttributeDefinitions, AttributeDefinition.appendJSON)
	dst = appendStringMember(dst, "TableName", t.TableName)
	dst = appendKeySchema(dst, t.KeySchema)
	dst = appendStringMember(dst, "TableStatus", t.TableStatus)
	dst = wire.Name(dst, "CreationDateTime")
	dst = t.CreationDateTime.appendJSON(dst)
	dst = wire.Name(dst, "ProvisionedThroughput")
	dst = t.ProvisionedThroughput.appendJSON(dst)
	dst = appendIntMember(dst, "TableSizeBytes", t.TableSizeBytes)
	dst = appendIntMember(dst, "ItemCount", t.ItemCount)
	dst = appendStringMember(dst, "TableArn", t.TableArn)
	dst = appendStringMember(dst, "TableId", t.TableId)
	if t.BillingModeSummary != nil {
		dst = wire.Name(dst, "BillingModeSummary")
		dst = t.BillingModeSummary.appendJSON(dst)
	}
	if len(t.LocalSecondaryIndexes) > 0 {
		dst = wire.Name(dst, "LocalSecondaryIndexes")
		dst = appendArray(dst, t.LocalSecondaryIndexes, LocalSecondaryIndexDescription.appendJSON)
	}
	if len(t.GlobalSecondaryIndexes) > 0 {
		dst = wire.Name(dst, "GlobalSecondaryIndexes")
		dst = appendArray(dst, t.GlobalSecondaryIndexes, GlobalSecondaryIndexDescription.appendJSON)
	}
	if t.StreamSpecification != nil {
		dst = wire.Name(dst, "StreamSpecification")
		dst = t.StreamSpecification.appendJSON(dst)
	}
	if t.LatestStreamLabel != "" {
		dst = appendStringMember(dst, "LatestStreamLabel", t.LatestStreamLabel)
	}
	if t.LatestStreamArn != "" {
		dst = appendStringMember(dst, "LatestStreamArn", t.LatestStreamArn)
	}
	dst = wire.Name(dst, "DeletionProtectionEnabled")
	dst = strconv.AppendBool(dst, t.DeletionProtectionEnabled)
	dst = appendOnDemandThroughput(dst, t.OnDemandThroughput)
	return append(dst, '}')
}

// appendTableOutput appends {"<name>":<t>}.
func appendTableOutput(dst []byte, name string, t *TableDescription) []byte {
	if t != nil { // grow once: about 1 KB for a table, 400 bytes an index
		dst = slices.Grow(dst, 640+64*len(t.AttributeDefinitions)+400*(len(t.LocalSecondaryIndexes)+len(t.GlobalSecondaryIndexes)))
	}
	dst = append(dst, '{')
	dst = wire.Name(dst, name)
	dst = t.appendJSON(dst)
	return append(dst, '}')
}

func (o *CreateTableOutput) appendJSON(dst []byte) ([]byte, error) {
	return appendTableOutput(dst, "TableDescription", o.TableDescription), nil
}

func (o *DeleteTableOutput) appendJSON(dst []byte) ([]byte, error) {
	dst = append(dst, `{"TableDescription":`...)
	t := o.TableDescription
	if t == nil {
		return append(dst, "null}"...), nil
	}
	dst = append(dst, '{')
	dst = appendStringMember(dst, "TableName", t.TableName)
	dst = appendStringMember(dst, "TableStatus", t.TableStatus)
	dst = wire.Name(dst, "ProvisionedThroughput")
	dst = t.ProvisionedThroughput.appendJSON(dst)
	dst = appendIntMember(dst, "TableSizeBytes", t.TableSizeBytes)
	dst = appendIntMember(dst, "ItemCount", t.ItemCount)
	dst = appendStringMember(dst, "TableArn", t.TableArn)
	dst = appendStringMember(dst, "TableId", t.TableId)
	if t.BillingModeSummary != nil {
		dst = wire.Name(dst, "BillingModeSummary")
		dst = t.BillingModeSummary.appendJSON(dst)
	}
	return append(dst, '}', '}'), nil
}

func (o *UpdateTableOutput) appendJSON(dst []byte) ([]byte, error) {
	return appendTableOutput(dst, "TableDescription", o.TableDescription), nil
}

func (o *DescribeTableOutput) appendJSON(dst []byte) ([]byte, error) {
	return appendTableOutput(dst, "Table", o.Table), nil
}

func (s *StreamSpecification) appendJSON(dst []byte) []byte {
	if s == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '{')
	dst = wire.Name(dst, "StreamEnabled")
	if s.StreamEnabled == nil {
		dst = append(dst, "null"...)
	} else {
		dst = strconv.AppendBool(dst, *s.StreamEnabled)
	}
	if s.StreamViewType != "" {
		dst = appendStringMember(dst, "StreamViewType", s.StreamViewType)
	}
	return append(dst, '}')
}
