package engine

import "github.com/ddbplay/ddbplay/engine/ddberr"

// catalog is the DB as the operations of other packages see it: it
// implements the narrow interfaces they declare (tags.Catalog,
// ttl.Catalog, statement.Engine) over the catalog and the typed
// operations, so that those packages need nothing else of the engine.
type catalog DB

// run runs fn inside a write transaction (DB.update) when write is set,
// else under the read lock with a nil txn.
func (c *catalog) run(write bool, fn func(*txn) error) error {
	if write {
		return (*DB)(c).update(fn)
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	return fn(nil)
}

// TableTags implements tags.Catalog.
func (c *catalog) TableTags(arn string, write bool, fn func(set *map[string]string) error) error {
	return c.run(write, func(*txn) error {
		t, err := (*DB)(c).tableByArn(arn)
		if err != nil {
			return err
		}
		return fn(&t.tags)
	})
}

// TableTTL implements ttl.Catalog.
func (c *catalog) TableTTL(name string, write bool, fn func(attribute, status *string) error) error {
	return c.run(write, func(*txn) error {
		t, err := (*DB)(c).controlTable(name)
		if err != nil {
			return err
		}
		// UpdateTimeToLive finds no table that is CREATING or DELETING
		// (ResourceNotFoundException: "its status might not be ACTIVE").
		if s := t.statusAt(c.clk.Now()); write && (s == statusCreating || s == statusDeleting) {
			return ddberr.Newf(ddberr.TypeResourceNotFound, msgResourceNotFoundTableFmt, name)
		}
		return fn(&t.ttlAttribute, &t.ttlStatus)
	})
}
