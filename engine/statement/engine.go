package statement

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/batch"
	"github.com/ddbplay/ddbplay/engine/consumed"
	"github.com/ddbplay/ddbplay/engine/partiql"
)

// Engine is what the PartiQL operations need of the engine: the tables'
// key schemas to plan a statement with, and the typed operations a plan
// runs as. Its errors are the operations' own.
type Engine interface {
	// Plan parses and plans the statement src with its parameters
	// (partiql.Parse, Statement.Plan), reading the key schemas of the
	// catalog as it stands.
	Plan(src string, params []attr.Value) (*partiql.Plan, error)
	// GetItem runs a SELECT of one item by its whole primary key as
	// GetItem and returns the item (nil for none).
	GetItem(p *partiql.Plan, consistent bool, capacity string) (attr.Item, *consumed.ConsumedCapacity, error)
	// Write runs an INSERT, UPDATE or DELETE as PutItem, UpdateItem or
	// DeleteItem and returns the item its RETURNING clause asks for (nil
	// for none).
	Write(p *partiql.Plan, onFailure, capacity string) (attr.Item, *consumed.ConsumedCapacity, error)
	// Read reads one page of a SELECT: a Scan when p.Query is false (hash
	// is then 0), else a Query for the partition key value
	// p.HashValues[hash].
	Read(p *partiql.Plan, hash int, r Read) (Page, error)
	// TransactGet runs SELECTs of one item each as TransactGetItems.
	TransactGet(plans []*partiql.Plan, capacity string) ([]batch.ItemResponse, []*consumed.ConsumedCapacity, error)
	// TransactWrite runs writes and EXISTS checks as TransactWriteItems,
	// plans[i] with the ReturnValuesOnConditionCheckFailure onFailure[i].
	TransactWrite(plans []*partiql.Plan, onFailure []string, token *string, capacity string) ([]*consumed.ConsumedCapacity, error)
}

// Read is how to read a page of a SELECT: from after Start (nil: from
// the beginning), at most Limit items (nil: no limit but 1 MB).
type Read struct {
	Start      attr.Item
	Limit      *int
	Consistent bool
	Capacity   string // ReturnConsumedCapacity
}

// Page is one page a SELECT read: its items, the key to go on from (nil:
// none), how many items it examined and the capacity it consumed.
type Page struct {
	Items    []attr.Item
	LastKey  attr.Item
	Scanned  int
	Capacity *consumed.ConsumedCapacity
}
