package engine

import "github.com/ddbplay/ddbplay/engine/wire"

// The decoders of the table, tag and time-to-live requests (see
// decode_inputs.go).

func (in *KeySchemaElement) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "AttributeName":
			r.String(&in.AttributeName)
		case "KeyType":
			r.String(&in.KeyType)
		default:
			r.Skip()
		}
	}
}

func (in *AttributeDefinition) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "AttributeName":
			r.String(&in.AttributeName)
		case "AttributeType":
			r.String(&in.AttributeType)
		default:
			r.Skip()
		}
	}
}

func (in *Projection) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "ProjectionType":
			r.String(&in.ProjectionType)
		case "NonKeyAttributes":
			readStrings(r, &in.NonKeyAttributes)
		default:
			r.Skip()
		}
	}
}

func (in *ProvisionedThroughput) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "ReadCapacityUnits":
			r.Int64Ptr(&in.ReadCapacityUnits)
		case "WriteCapacityUnits":
			r.Int64Ptr(&in.WriteCapacityUnits)
		default:
			r.Skip()
		}
	}
}

func (in *OnDemandThroughput) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "MaxReadRequestUnits":
			r.Int64Ptr(&in.MaxReadRequestUnits)
		case "MaxWriteRequestUnits":
			r.Int64Ptr(&in.MaxWriteRequestUnits)
		default:
			r.Skip()
		}
	}
}

func (in *GlobalSecondaryIndex) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "IndexName":
			r.String(&in.IndexName)
		case "KeySchema":
			wire.Slice(r, &in.KeySchema, obj[KeySchemaElement])
		case "Projection":
			wire.Ptr(r, &in.Projection, obj[Projection])
		case "ProvisionedThroughput":
			wire.Ptr(r, &in.ProvisionedThroughput, obj[ProvisionedThroughput])
		case "OnDemandThroughput":
			wire.Ptr(r, &in.OnDemandThroughput, obj[OnDemandThroughput])
		default:
			r.Skip()
		}
	}
}

func (in *LocalSecondaryIndex) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "IndexName":
			r.String(&in.IndexName)
		case "KeySchema":
			wire.Slice(r, &in.KeySchema, obj[KeySchemaElement])
		case "Projection":
			wire.Ptr(r, &in.Projection, obj[Projection])
		default:
			r.Skip()
		}
	}
}

func (in *CreateTableInput) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "TableName":
			r.String(&in.TableName)
		case "KeySchema":
			wire.Slice(r, &in.KeySchema, obj[KeySchemaElement])
		case "AttributeDefinitions":
			wire.Slice(r, &in.AttributeDefinitions, obj[AttributeDefinition])
		case "BillingMode":
			r.String(&in.BillingMode)
		case "ProvisionedThroughput":
			wire.Ptr(r, &in.ProvisionedThroughput, obj[ProvisionedThroughput])
		case "OnDemandThroughput":
			wire.Ptr(r, &in.OnDemandThroughput, obj[OnDemandThroughput])
		case "GlobalSecondaryIndexes":
			wire.Slice(r, &in.GlobalSecondaryIndexes, obj[GlobalSecondaryIndex])
		case "LocalSecondaryIndexes":
			wire.Slice(r, &in.LocalSecondaryIndexes, obj[LocalSecondaryIndex])
		case "Tags":
			wire.Slice(r, &in.Tags, readKeyValue)
		case "StreamSpecification":
			wire.Ptr(r, &in.StreamSpecification, obj[StreamSpecification])
		case "DeletionProtectionEnabled":
			r.BoolPtr(&in.DeletionProtectionEnabled)
		default:
			r.Skip()
		}
	}
}

// readKeyValue reads one of CreateTable's Tags.
func readKeyValue(r *wire.Reader, t *struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "Key":
			r.String(&t.Key)
		case "Value":
			r.String(&t.Value)
		default:
			r.Skip()
		}
	}
}

func (in *UpdateTableInput) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "TableName":
			r.String(&in.TableName)
		case "AttributeDefinitions":
			wire.Slice(r, &in.AttributeDefinitions, obj[AttributeDefinition])
		case "BillingMode":
			r.String(&in.BillingMode)
		case "ProvisionedThroughput":
			wire.Ptr(r, &in.ProvisionedThroughput, obj[ProvisionedThroughput])
		case "OnDemandThroughput":
			wire.Ptr(r, &in.OnDemandThroughput, obj[OnDemandThroughput])
		case "GlobalSecondaryIndexUpdates":
			wire.Slice(r, &in.GlobalSecondaryIndexUpdates, obj[GlobalSecondaryIndexUpdate])
		case "StreamSpecification":
			wire.Ptr(r, &in.StreamSpecification, obj[StreamSpecification])
		case "DeletionProtectionEnabled":
			r.BoolPtr(&in.DeletionProtectionEnabled)
		default:
			r.Skip()
		}
	}
}

func (in *GlobalSecondaryIndexUpdate) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "Create":
			wire.Ptr(r, &in.Create, obj[GlobalSecondaryIndex])
		case "Update":
			wire.Ptr(r, &in.Update, obj[UpdateGlobalSecondaryIndexAction])
		case "Delete":
			wire.Ptr(r, &in.Delete, obj[DeleteGlobalSecondaryIndexAction])
		default:
			r.Skip()
		}
	}
}

func (in *UpdateGlobalSecondaryIndexAction) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "IndexName":
			r.String(&in.IndexName)
		case "ProvisionedThroughput":
			wire.Ptr(r, &in.ProvisionedThroughput, obj[ProvisionedThroughput])
		case "OnDemandThroughput":
			wire.Ptr(r, &in.OnDemandThroughput, obj[OnDemandThroughput])
		default:
			r.Skip()
		}
	}
}

func (in *DeleteGlobalSecondaryIndexAction) decodeJSON(r *wire.Reader) {
	readTableName(r, &in.IndexName, "IndexName")
}

func (in *DeleteTableInput) decodeJSON(r *wire.Reader) { readTableName(r, &in.TableName, "TableName") }
func (in *DescribeTableInput) decodeJSON(r *wire.Reader) {
	readTableName(r, &in.TableName, "TableName")
}
func (in *DescribeTimeToLiveInput) decodeJSON(r *wire.Reader) {
	readTableName(r, &in.TableName, "TableName")
}

// readTableName reads an object whose only member is the string name.
func readTableName(r *wire.Reader, s *string, name string) {
	if !r.Object() {
		return
	}
	for r.Member() {
		if string(r.Key()) == name {
			r.String(s)
		} else {
			r.Skip()
		}
	}
}

// skipObject reads an object of no known members.
func skipObject(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		r.Skip()
	}
}

func (in *DescribeLimitsInput) decodeJSON(r *wire.Reader)    { skipObject(r) }
func (in *DescribeEndpointsInput) decodeJSON(r *wire.Reader) { skipObject(r) }
func (in *unsupportedInput) decodeJSON(r *wire.Reader)       { skipObject(r) }

func (in *ListTablesInput) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "ExclusiveStartTableName":
			r.StringPtr(&in.ExclusiveStartTableName)
		case "Limit":
			r.Int64Ptr(&in.Limit)
		default:
			r.Skip()
		}
	}
}

func (in *Tag) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "Key":
			r.StringPtr(&in.Key)
		case "Value":
			r.StringPtr(&in.Value)
		default:
			r.Skip()
		}
	}
}

func (in *TagResourceInput) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "ResourceArn":
			r.String(&in.ResourceArn)
		case "Tags":
			wire.Slice(r, &in.Tags, obj[Tag])
		default:
			r.Skip()
		}
	}
}

func (in *UntagResourceInput) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "ResourceArn":
			r.String(&in.ResourceArn)
		case "TagKeys":
			readStrings(r, &in.TagKeys)
		default:
			r.Skip()
		}
	}
}

func (in *ListTagsOfResourceInput) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "ResourceArn":
			r.String(&in.ResourceArn)
		case "NextToken":
			r.StringPtr(&in.NextToken)
		default:
			r.Skip()
		}
	}
}

func (in *TimeToLiveSpecification) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "AttributeName":
			r.StringPtr(&in.AttributeName)
		case "Enabled":
			r.BoolPtr(&in.Enabled)
		default:
			r.Skip()
		}
	}
}

func (in *UpdateTimeToLiveInput) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "TableName":
			r.String(&in.TableName)
		case "TimeToLiveSpecification":
			wire.Ptr(r, &in.TimeToLiveSpecification, obj[TimeToLiveSpecification])
		default:
			r.Skip()
		}
	}
}

func (in *StreamSpecification) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "StreamEnabled":
			r.BoolPtr(&in.StreamEnabled)
		case "StreamViewType":
			r.String(&in.StreamViewType)
		default:
			r.Skip()
		}
	}
}
