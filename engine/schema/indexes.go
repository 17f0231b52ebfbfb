package schema

import "github.com/ddbplay/ddbplay/engine/ddberr"

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

// ErrOneIndexAtATime returns DynamoDB's LimitExceededException for a
// second GSI created or deleted while one is (in one request, or while an
// earlier one backfills or is being deleted).
func ErrOneIndexAtATime() error { return ddberr.New(ddberr.TypeLimitExceeded, msgOneIndexAtATime) }

// CheckIndexUpdates checks an UpdateTable's GlobalSecondaryIndexUpdates
// as a whole, before any table is read: each sets exactly one of Create,
// Update and Delete; at most one index is created or deleted (a
// LimitExceededException); no index is named twice.
func CheckIndexUpdates(updates []GlobalSecondaryIndexUpdate) error {
	creates := 0
	touched := map[string]bool{}
	for _, u := range updates {
		n := 0
		for _, set := range []bool{u.Create != nil, u.Update != nil, u.Delete != nil} {
			if set {
				n++
			}
		}
		if n != 1 {
			return ddberr.Validation(msgGSIUpdateOneOf)
		}
		if u.Create != nil || u.Delete != nil {
			creates++
		}
	}
	if creates > 1 {
		return ErrOneIndexAtATime()
	}
	for _, u := range updates {
		name := UpdateIndexName(u)
		if touched[name] {
			return ddberr.Validation(msgOneUpdatePerIndexFmt, name)
		}
		touched[name] = true
	}
	return nil
}
