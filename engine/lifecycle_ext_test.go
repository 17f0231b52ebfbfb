package engine_test

import (
	"testing"
	"time"

	"github.com/ddbplay/ddbplay/engine"
)

// waitTable waits, as a DynamoDB user waits after CreateTable, until the
// table called name is ACTIVE: DescribeTable and, while it still says
// CREATING, the engine clock moved on by a second instead of a sleep (a
// new table is CREATING for 2 s of engine time).
func waitTable(t testing.TB, db *engine.DB, name string) {
	t.Helper()
	for range 60 {
		out, err := db.DescribeTable(&engine.DescribeTableInput{TableName: name})
		if err != nil {
			t.Fatalf("DescribeTable %s: %v", name, err)
		}
		if out.Table.TableStatus == "ACTIVE" {
			return
		}
		db.Advance(time.Second)
	}
	t.Fatalf("table %s still not ACTIVE after a minute of engine time", name)
}
