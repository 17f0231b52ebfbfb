package engine

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestPutItem_ReplacedItem checks what needs the item a PutItem replaces,
// which the engine decodes only then (write.noOld): ReturnValues ALL_OLD,
// ReturnConsumedCapacity (the larger of the two sizes), a stream's
// OldImage, and an index's entry (moved, not left behind).
func TestPutItem_ReplacedItem(t *testing.T) {
	for _, throttle := range []bool{false, true} {
		db := New(Options{})
		db.SetThrottle(throttle) // metered writes find the old item through storage.PutAdmit
		checkReplacedItems(t, db)
	}
}

func checkReplacedItems(t *testing.T, db *DB) {
	const gsi = `,"GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}]`
	const stream = `,"StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}`
	for _, c := range []struct {
		name, spec string
		units      string // of the put over a 5 KB item
	}{
		{"plain", "", "5"},
		{"index", gsi, "11"}, // table 5, index entry moved: 5 + 1
		{"streamIndex", gsi + stream, "11"},
	} {
		checkReplaced(t, db, c.name, c.spec, c.units)
	}
	checkStreamOldImages(t, db)
}

func checkReplaced(t *testing.T, db *DB, name, spec, units string) {
	t.Helper()
	defs := `{"AttributeName":"pk","AttributeType":"S"}`
	if spec != "" {
		defs += `,{"AttributeName":"g","AttributeType":"S"}`
	}
	mustHandle(t, db, "CreateTable", `{"TableName":"`+name+`","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[`+defs+`],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]`+spec+`}`)
	big := strings.Repeat("x", 5000)
	put := func(g, v, extra string) string {
		return string(mustHandle(t, db, "PutItem", `{"TableName":"`+name+`","Item":{"pk":{"S":"k"},"g":{"S":"`+g+`"},"v":{"S":"`+v+`"}}`+extra+`}`))
	}
	put("g1", big, "")
	if got := put("g2", "small", ""); got != `{}` {
		t.Errorf("%s: plain PutItem over an item = %s, want {}", name, got)
	}
	if got, want := put("g3", "again", `,"ReturnValues":"ALL_OLD"`), `{"Attributes":{"g":{"S":"g2"},"pk":{"S":"k"},"v":{"S":"small"}}}`; got != want {
		t.Errorf("%s: ALL_OLD = %s, want %s", name, got, want)
	}
	put("g4", big, "")
	want := `{"ConsumedCapacity":{"TableName":"` + name + `","CapacityUnits":` + units + `,"WriteCapacityUnits":` + units + `}}`
	if got := put("g5", "small", `,"ReturnConsumedCapacity":"TOTAL"`); got != want {
		t.Errorf("%s: capacity of a put over a 5 KB item = %s, want %s", name, got, want)
	}
	if spec == "" {
		return
	}
	for g, want := range map[string]int{"g1": 0, "g2": 0, "g4": 0, "g5": 1} {
		var q struct{ Count int }
		out := mustHandle(t, db, "Query", `{"TableName":"`+name+`","IndexName":"byG","KeyConditionExpression":"g = :g","ExpressionAttributeValues":{":g":{"S":"`+g+`"}}}`)
		if err := json.Unmarshal(out, &q); err != nil || q.Count != want {
			t.Errorf("%s: index byG, g = %s: %s, want Count %d", name, g, out, want)
		}
	}
}

// checkStreamOldImages checks that the stream of table streamIndex saw
// every old image.
func checkStreamOldImages(t *testing.T, db *DB) {
	t.Helper()
	var streams struct{ Streams []struct{ StreamArn string } }
	mustUnmarshal(t, mustHandle(t, db, StreamsTargetPrefix+"ListStreams", `{}`), &streams)
	var desc struct {
		StreamDescription struct{ Shards []struct{ ShardId string } }
	}
	if len(streams.Streams) != 1 {
		t.Fatalf("%d streams, want 1", len(streams.Streams))
	}
	arn := streams.Streams[0].StreamArn
	mustUnmarshal(t, mustHandle(t, db, StreamsTargetPrefix+"DescribeStream", `{"StreamArn":"`+arn+`"}`), &desc)
	var it struct{ ShardIterator string }
	mustUnmarshal(t, mustHandle(t, db, StreamsTargetPrefix+"GetShardIterator", `{"StreamArn":"`+arn+`","ShardId":"`+
		desc.StreamDescription.Shards[0].ShardId+`","ShardIteratorType":"TRIM_HORIZON"}`), &it)
	var recs struct {
		Records []struct {
			EventName string
			Dynamodb  struct {
				OldImage map[string]map[string]string
			}
		}
	}
	mustUnmarshal(t, mustHandle(t, db, StreamsTargetPrefix+"GetRecords", `{"ShardIterator":"`+it.ShardIterator+`"}`), &recs)
	var got []string
	for _, r := range recs.Records {
		got = append(got, r.EventName+" "+r.Dynamodb.OldImage["g"]["S"])
	}
	if want := "INSERT |MODIFY g1|MODIFY g2|MODIFY g3|MODIFY g4"; strings.Join(got, "|") != want {
		t.Errorf("stream records %q, want %q", strings.Join(got, "|"), want)
	}
}

func mustUnmarshal(t *testing.T, data []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", data, err)
	}
}
