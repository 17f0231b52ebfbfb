package engine

// Capacity is the capacity consumed on one table or index.
type Capacity struct {
	CapacityUnits      float64  `json:"CapacityUnits"`
	ReadCapacityUnits  *float64 `json:"ReadCapacityUnits,omitempty"`
	WriteCapacityUnits *float64 `json:"WriteCapacityUnits,omitempty"`
}

// ConsumedCapacity is DynamoDB's ConsumedCapacity member: the total for a
// table and, with ReturnConsumedCapacity INDEXES, its breakdown by table and
// index.
type ConsumedCapacity struct {
	TableName              string               `json:"TableName"`
	CapacityUnits          float64              `json:"CapacityUnits"`
	ReadCapacityUnits      *float64             `json:"ReadCapacityUnits,omitempty"`
	WriteCapacityUnits     *float64             `json:"WriteCapacityUnits,omitempty"`
	Table                  *Capacity            `json:"Table,omitempty"`
	GlobalSecondaryIndexes map[string]*Capacity `json:"GlobalSecondaryIndexes,omitempty"`
	LocalSecondaryIndexes  map[string]*Capacity `json:"LocalSecondaryIndexes,omitempty"`
}
