package schema

import "strconv"

// EpochSeconds is a point in time sent as DynamoDB sends timestamps: a JSON
// number of seconds since the Unix epoch, with millisecond precision.
type EpochSeconds float64

// MarshalJSON writes the seconds in plain decimal notation (no exponent).
func (e EpochSeconds) MarshalJSON() ([]byte, error) {
	return strconv.AppendFloat(nil, float64(e), 'f', -1, 64), nil
}

// ProvisionedThroughputDescription reports a table's or GSI's throughput.
type ProvisionedThroughputDescription struct {
	LastIncreaseDateTime   *EpochSeconds `json:"LastIncreaseDateTime,omitempty"`
	LastDecreaseDateTime   *EpochSeconds `json:"LastDecreaseDateTime,omitempty"`
	NumberOfDecreasesToday int64         `json:"NumberOfDecreasesToday"`
	ReadCapacityUnits      int64         `json:"ReadCapacityUnits"`
	WriteCapacityUnits     int64         `json:"WriteCapacityUnits"`
}

// BillingModeSummary reports the billing mode.
type BillingModeSummary struct {
	BillingMode                       string        `json:"BillingMode"`
	LastUpdateToPayPerRequestDateTime *EpochSeconds `json:"LastUpdateToPayPerRequestDateTime,omitempty"`
}

// GlobalSecondaryIndexDescription describes a GSI.
type GlobalSecondaryIndexDescription struct {
	IndexName             string                            `json:"IndexName"`
	KeySchema             []KeySchemaElement                `json:"KeySchema"`
	Projection            Projection                        `json:"Projection"`
	IndexStatus           string                            `json:"IndexStatus"`
	Backfilling           *bool                             `json:"Backfilling,omitempty"`
	ProvisionedThroughput *ProvisionedThroughputDescription `json:"ProvisionedThroughput,omitempty"`
	IndexSizeBytes        int64                             `json:"IndexSizeBytes"`
	ItemCount             int64                             `json:"ItemCount"`
	IndexArn              string                            `json:"IndexArn"`
	// OnDemandThroughput is reported when a maximum is set.
	OnDemandThroughput *OnDemandThroughput `json:"OnDemandThroughput,omitempty"`
}

// LocalSecondaryIndexDescription describes an LSI.
type LocalSecondaryIndexDescription struct {
	IndexName      string             `json:"IndexName"`
	KeySchema      []KeySchemaElement `json:"KeySchema"`
	Projection     Projection         `json:"Projection"`
	IndexSizeBytes int64              `json:"IndexSizeBytes"`
	ItemCount      int64              `json:"ItemCount"`
	IndexArn       string             `json:"IndexArn"`
}

// TableDescription is DynamoDB's description of a table.
type TableDescription struct {
	AttributeDefinitions  []AttributeDefinition             `json:"AttributeDefinitions"`
	TableName             string                            `json:"TableName"`
	KeySchema             []KeySchemaElement                `json:"KeySchema"`
	TableStatus           string                            `json:"TableStatus"`
	CreationDateTime      EpochSeconds                      `json:"CreationDateTime"`
	ProvisionedThroughput *ProvisionedThroughputDescription `json:"ProvisionedThroughput"`
	TableSizeBytes        int64                             `json:"TableSizeBytes"`
	ItemCount             int64                             `json:"ItemCount"`
	TableArn              string                            `json:"TableArn"`
	TableId               string                            `json:"TableId"`
	// BillingModeSummary is nil for a provisioned table created without
	// BillingMode, as in DynamoDB.
	BillingModeSummary        *BillingModeSummary               `json:"BillingModeSummary,omitempty"`
	LocalSecondaryIndexes     []LocalSecondaryIndexDescription  `json:"LocalSecondaryIndexes,omitempty"`
	GlobalSecondaryIndexes    []GlobalSecondaryIndexDescription `json:"GlobalSecondaryIndexes,omitempty"`
	StreamSpecification       *StreamSpecification              `json:"StreamSpecification,omitempty"`
	LatestStreamLabel         string                            `json:"LatestStreamLabel,omitempty"`
	LatestStreamArn           string                            `json:"LatestStreamArn,omitempty"`
	DeletionProtectionEnabled bool                              `json:"DeletionProtectionEnabled"`
	// OnDemandThroughput is reported when a maximum is set.
	OnDemandThroughput *OnDemandThroughput `json:"OnDemandThroughput,omitempty"`
}

// DeletedTableDescription is the TableDescription of a DeleteTable
// response: DynamoDB leaves out the key schema, attribute definitions,
// creation time, indexes and stream members there.
type DeletedTableDescription struct {
	TableName             string                            `json:"TableName"`
	TableStatus           string                            `json:"TableStatus"`
	ProvisionedThroughput *ProvisionedThroughputDescription `json:"ProvisionedThroughput"`
	TableSizeBytes        int64                             `json:"TableSizeBytes"`
	ItemCount             int64                             `json:"ItemCount"`
	TableArn              string                            `json:"TableArn"`
	TableId               string                            `json:"TableId"`
	BillingModeSummary    *BillingModeSummary               `json:"BillingModeSummary,omitempty"`
}

// Deleted returns d as DeleteTable reports it, with TableStatus status.
func (d *TableDescription) Deleted(status string) *DeletedTableDescription {
	return &DeletedTableDescription{TableName: d.TableName, TableStatus: status,
		ProvisionedThroughput: d.ProvisionedThroughput, TableSizeBytes: d.TableSizeBytes, ItemCount: d.ItemCount,
		TableArn: d.TableArn, TableId: d.TableId, BillingModeSummary: d.BillingModeSummary}
}

// StreamSpecification is the StreamSpecification member of CreateTable,
// UpdateTable and TableDescription.
type StreamSpecification struct {
	StreamEnabled  *bool  `json:"StreamEnabled"`
	StreamViewType string `json:"StreamViewType,omitempty"`
}

// KeySchemaOf renders a storage key schema as KeySchemaElements.
func KeySchemaOf(hash, rng string) []KeySchemaElement {
	ks := []KeySchemaElement{{AttributeName: hash, KeyType: "HASH"}}
	if rng != "" {
		ks = append(ks, KeySchemaElement{AttributeName: rng, KeyType: "RANGE"})
	}
	return ks
}

// MaxThroughputOf returns the OnDemandThroughput of maximums read and
// write (0: none, reported as -1 beside a set one), or nil when neither is set.
func MaxThroughputOf(read, write int64) *OnDemandThroughput {
	if read == 0 && write == 0 {
		return nil
	}
	r, w := read, write
	if r == 0 {
		r = -1
	}
	if w == 0 {
		w = -1
	}
	return &OnDemandThroughput{MaxReadRequestUnits: &r, MaxWriteRequestUnits: &w}
}
