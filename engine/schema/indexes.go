package schema

// GlobalSecondaryIndex is a GSI requested in CreateTable or UpdateTable.
type GlobalSecondaryIndex struct {
	IndexName             string                 `json:"IndexName"`
	KeySchema             []KeySchemaElement     `json:"KeySchema"`
	Projection            *Projection            `json:"Projection"`
	ProvisionedThroughput *ProvisionedThroughput `json:"ProvisionedThroughput,omitempty"`
	OnDemandThroughput    *OnDemandThroughput    `json:"OnDemandThroughput,omitempty"`
}

// LocalSecondaryIndex is an LSI requested in CreateTable.
type LocalSecondaryIndex struct {
	IndexName  string             `json:"IndexName"`
	KeySchema  []KeySchemaElement `json:"KeySchema"`
	Projection *Projection        `json:"Projection"`
}

// UpdateGlobalSecondaryIndexAction changes a GSI's provisioned throughput.
type UpdateGlobalSecondaryIndexAction struct {
	IndexName             string                 `json:"IndexName"`
	ProvisionedThroughput *ProvisionedThroughput `json:"ProvisionedThroughput,omitempty"`
	OnDemandThroughput    *OnDemandThroughput    `json:"OnDemandThroughput,omitempty"`
}

// DeleteGlobalSecondaryIndexAction removes a GSI.
type DeleteGlobalSecondaryIndexAction struct {
	IndexName string `json:"IndexName"`
}

// GlobalSecondaryIndexUpdate is one of Create, Update or Delete.
type GlobalSecondaryIndexUpdate struct {
	Create *GlobalSecondaryIndex             `json:"Create,omitempty"`
	Update *UpdateGlobalSecondaryIndexAction `json:"Update,omitempty"`
	Delete *DeleteGlobalSecondaryIndexAction `json:"Delete,omitempty"`
}

// UpdateIndexName returns the index name of a GSI update with one action.
func UpdateIndexName(u GlobalSecondaryIndexUpdate) string {
	switch {
	case u.Create != nil:
		return u.Create.IndexName
	case u.Update != nil:
		return u.Update.IndexName
	}
	return u.Delete.IndexName
}
