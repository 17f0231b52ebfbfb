package streams

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

var t0 = time.Date(2026, 12, 3, 9, 30, 0, 123e6, time.UTC).UnixNano()

var music = KeySchema{Hash: "Artist", Range: "SongTitle"}

func item(artist, song string, plays int) attr.Item {
	n, _ := attr.N(strings.Repeat("1", plays))
	return attr.Item{"Artist": attr.S(artist), "SongTitle": attr.S(song), "Plays": n}
}

// call runs op with a JSON body and decodes the JSON answer.
func call(t *testing.T, l *Log, op, body string, now int64) map[string]any {
	t.Helper()
	out, err := l.Handle(op, []byte(body), now)
	if err != nil {
		t.Fatalf("%s %s: %v", op, body, err)
	}
	var m map[string]any
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("%s: answer %s is not JSON: %v", op, out, err)
	}
	return m
}

// callErr runs op and returns its DynamoDB error.
func callErr(t *testing.T, l *Log, op, body string, now int64) *ddberr.Error {
	t.Helper()
	out, err := l.Handle(op, []byte(body), now)
	if err == nil {
		t.Fatalf("%s %s: no error, answer %s", op, body, out)
	}
	var de *ddberr.Error
	if !errors.As(err, &de) {
		t.Fatalf("%s: %v is not a DynamoDB error", op, err)
	}
	return de
}

func wantErr(t *testing.T, de *ddberr.Error, typ, msg string) {
	t.Helper()
	if de.Type != typ || de.Message != msg {
		t.Fatalf("error = %s: %q\nwant    %s: %q", de.Type, de.Message, typ, msg)
	}
}

func js(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// firstShard returns the id of the stream's first shard.
func firstShard(t *testing.T, l *Log, arn string, now int64) string {
	t.Helper()
	d := call(t, l, "DescribeStream", `{"StreamArn":"`+arn+`"}`, now)["StreamDescription"].(map[string]any)
	return d["Shards"].([]any)[0].(map[string]any)["ShardId"].(string)
}

func iter(t *testing.T, l *Log, arn, shard, typ, seq string, now int64) string {
	t.Helper()
	body := `{"StreamArn":"` + arn + `","ShardId":"` + shard + `","ShardIteratorType":"` + typ + `"`
	if seq != "" {
		body += `,"SequenceNumber":"` + seq + `"`
	}
	return call(t, l, "GetShardIterator", body+"}", now)["ShardIterator"].(string)
}

func records(t *testing.T, l *Log, it string, now int64) ([]any, string) {
	t.Helper()
	out := call(t, l, "GetRecords", `{"ShardIterator":`+js(it)+`}`, now)
	next, _ := out["NextShardIterator"].(string)
	return out["Records"].([]any), next
}

func TestRecords_ViewTypes(t *testing.T) {
	tests := []struct {
		view     ViewType
		old, new bool
	}{
		{KeysOnly, false, false}, {NewImage, false, true}, {OldImage, true, false}, {NewAndOldImages, true, true},
	}
	for _, tt := range tests {
		t.Run(string(tt.view), func(t *testing.T) {
			l := NewLog("us-east-1", "000000000000")
			s := l.Enable("Music", music, tt.view, t0)
			a1, a2 := item("a", "x", 1), item("a", "x", 2)
			l.Append("Music", []Change{{New: a1}}, t0+second)
			l.Append("Music", []Change{{Old: a1, New: a2}}, t0+2*second)
			l.Append("Music", []Change{{Old: a2}}, t0+3*second)
			recs, next := records(t, l, iter(t, l, s.Arn(), firstShard(t, l, s.Arn(), t0), "TRIM_HORIZON", "", t0+4*second), t0+4*second)
			if len(recs) != 3 || next == "" {
				t.Fatalf("%d records, next %q; want 3 and an iterator (the shard is open)", len(recs), next)
			}
			for i, name := range []string{"INSERT", "MODIFY", "REMOVE"} {
				r := recs[i].(map[string]any)
				ddb := r["dynamodb"].(map[string]any)
				if r["eventName"] != name || r["eventSource"] != "aws:dynamodb" || r["eventVersion"] != "1.1" || r["awsRegion"] != "us-east-1" {
					t.Errorf("record %d = %s", i, js(r))
				}
				if js(ddb["Keys"]) != `{"Artist":{"S":"a"},"SongTitle":{"S":"x"}}` || ddb["StreamViewType"] != string(tt.view) {
					t.Errorf("record %d keys/view = %s", i, js(ddb))
				}
				_, hasOld := ddb["OldImage"]
				_, hasNew := ddb["NewImage"]
				if hasOld != (tt.old && name != "INSERT") || hasNew != (tt.new && name != "REMOVE") {
					t.Errorf("record %d (%s): old %v new %v", i, name, hasOld, hasNew)
				}
				if ddb["ApproximateCreationDateTime"].(float64) != float64((t0+int64(i+1)*second)/1e9) {
					t.Errorf("record %d time = %v", i, ddb["ApproximateCreationDateTime"])
				}
				if _, ok := r["userIdentity"]; ok {
					t.Errorf("record %d has a userIdentity", i)
				}
			}
			if tt.view == NewAndOldImages {
				ddb := recs[1].(map[string]any)["dynamodb"].(map[string]any)
				if js(ddb["OldImage"].(map[string]any)["Plays"]) != `{"N":"1"}` || js(ddb["NewImage"].(map[string]any)["Plays"]) != `{"N":"11"}` {
					t.Errorf("MODIFY images = %s", js(ddb))
				}
			}
		})
	}
}

func TestRecords_SequenceIteratorsAndNoops(t *testing.T) {
	l := NewLog("us-east-1", "000000000000")
	s := l.Enable("Music", music, NewAndOldImages, t0)
	sh := firstShard(t, l, s.Arn(), t0)
	latest := iter(t, l, s.Arn(), sh, "LATEST", "", t0)
	a := item("a", "x", 1)
	l.Append("Music", []Change{{New: a}, {New: item("b", "y", 1)}}, t0+second)
	l.Append("Music", []Change{{Old: a, New: item("a", "x", 1)}}, t0+2*second) // no change: no record
	l.Append("Other", []Change{{New: a}}, t0+2*second)                         // no stream: nothing
	recs, next := records(t, l, latest, t0+3*second)
	if len(recs) != 2 {
		t.Fatalf("LATEST then 2 writes: %d records", len(recs))
	}
	first := recs[0].(map[string]any)["dynamodb"].(map[string]any)["SequenceNumber"].(string)
	second2 := recs[1].(map[string]any)["dynamodb"].(map[string]any)["SequenceNumber"].(string)
	if !(first < second2) || len(first) != 21 {
		t.Fatalf("sequence numbers %q, %q: want increasing, 21 digits", first, second2)
	}
	if more, _ := records(t, l, next, t0+3*second); len(more) != 0 {
		t.Fatalf("next iterator read %d records, want 0", len(more))
	}
	if at, _ := records(t, l, iter(t, l, s.Arn(), sh, "AT_SEQUENCE_NUMBER", second2, t0+3*second), t0+3*second); len(at) != 1 {
		t.Fatalf("AT_SEQUENCE_NUMBER the last: %d records", len(at))
	}
	if after, _ := records(t, l, iter(t, l, s.Arn(), sh, "AFTER_SEQUENCE_NUMBER", first, t0+3*second), t0+3*second); len(after) != 1 {
		t.Fatalf("AFTER_SEQUENCE_NUMBER the first: %d records", len(after))
	}
	one := call(t, l, "GetRecords", `{"ShardIterator":`+js(iter(t, l, s.Arn(), sh, "TRIM_HORIZON", "", t0+3*second))+`,"Limit":1}`, t0+3*second)
	if len(one["Records"].([]any)) != 1 {
		t.Fatalf("Limit 1: %s", js(one))
	}
	rest, _ := records(t, l, one["NextShardIterator"].(string), t0+3*second)
	if len(rest) != 1 {
		t.Fatalf("after Limit 1: %d records, want 1", len(rest))
	}
}

func TestRecords_TTLDeletionIsTheService(t *testing.T) {
	l := NewLog("us-east-1", "000000000000")
	s := l.Enable("Music", music, KeysOnly, t0)
	l.Append("Music", []Change{{Old: item("a", "x", 1), TTL: true}}, t0+second)
	recs, _ := records(t, l, iter(t, l, s.Arn(), firstShard(t, l, s.Arn(), t0), "TRIM_HORIZON", "", t0+second), t0+second)
	if len(recs) != 1 || js(recs[0].(map[string]any)["userIdentity"]) != `{"PrincipalId":"dynamodb.amazonaws.com","Type":"Service"}` {
		t.Fatalf("records = %s", js(recs))
	}
}

func TestIterator_Expires(t *testing.T) {
	l := NewLog("us-east-1", "000000000000")
	s := l.Enable("Music", music, KeysOnly, t0)
	it := iter(t, l, s.Arn(), firstShard(t, l, s.Arn(), t0), "TRIM_HORIZON", "", t0)
	records(t, l, it, t0+IteratorLife) // still valid at exactly 15 minutes
	de := callErr(t, l, "GetRecords", `{"ShardIterator":`+js(it)+`}`, t0+IteratorLife+second)
	wantErr(t, de, TypeExpiredIterator, "Iterator expired. The iterator was created at time Thu Dec 03 09:30:00 UTC 2026 while right now it is Thu Dec 03 09:45:01 UTC 2026 which is further in the future than the tolerated delay of 900000 milliseconds.")
}

func TestRetention_TrimsAfter24Hours(t *testing.T) {
	l := NewLog("us-east-1", "000000000000")
	s := l.Enable("Music", music, KeysOnly, t0)
	sh := firstShard(t, l, s.Arn(), t0)
	l.Append("Music", []Change{{New: item("a", "x", 1)}}, t0)
	old := iter(t, l, s.Arn(), sh, "TRIM_HORIZON", "", t0)
	recs, _ := records(t, l, old, t0)
	seq := recs[0].(map[string]any)["dynamodb"].(map[string]any)["SequenceNumber"].(string)
	later := t0 + Retention + second
	// The old iterator has expired anyway; a new TRIM_HORIZON starts after the trimmed record.
	if recs, _ := records(t, l, iter(t, l, s.Arn(), sh, "TRIM_HORIZON", "", later), later); len(recs) != 0 {
		t.Fatalf("after 24 hours: %d records, want 0", len(recs))
	}
	de := callErr(t, l, "GetShardIterator", `{"StreamArn":"`+s.Arn()+`","ShardId":"`+sh+`","ShardIteratorType":"AT_SEQUENCE_NUMBER","SequenceNumber":"`+seq+`"}`, later)
	wantErr(t, de, TypeTrimmedDataAccess, msgTrimmed)
	// An iterator made just before the record expires, used just after.
	justBefore := t0 + Retention - second
	it := iter(t, l, s.Arn(), sh, "TRIM_HORIZON", "", justBefore)
	de = callErr(t, l, "GetRecords", `{"ShardIterator":`+js(it)+`}`, later)
	wantErr(t, de, TypeTrimmedDataAccess, msgTrimmed)
	// Append drops the record for good; the answer stays the same.
	l.Append("Music", []Change{{New: item("b", "x", 1)}}, later)
	de = callErr(t, l, "GetRecords", `{"ShardIterator":`+js(it)+`}`, later)
	wantErr(t, de, TypeTrimmedDataAccess, msgTrimmed)
}

func TestShards_RollOverAndClose(t *testing.T) {
	l := NewLog("us-east-1", "000000000000")
	s := l.Enable("Music", music, KeysOnly, t0)
	l.Append("Music", []Change{{New: item("a", "x", 1)}}, t0)
	l.Append("Music", []Change{{New: item("b", "x", 1)}}, t0+ShardLife)
	d := call(t, l, "DescribeStream", `{"StreamArn":"`+s.Arn()+`"}`, t0+ShardLife)["StreamDescription"].(map[string]any)
	shards := d["Shards"].([]any)
	if len(shards) != 2 {
		t.Fatalf("shards = %s, want 2", js(shards))
	}
	parent, child := shards[0].(map[string]any), shards[1].(map[string]any)
	if child["ParentShardId"] != parent["ShardId"] || parent["SequenceNumberRange"].(map[string]any)["EndingSequenceNumber"] == nil ||
		child["SequenceNumberRange"].(map[string]any)["EndingSequenceNumber"] != nil {
		t.Fatalf("shards = %s: want the child to name its closed parent", js(shards))
	}
	recs, next := records(t, l, iter(t, l, s.Arn(), parent["ShardId"].(string), "TRIM_HORIZON", "", t0+ShardLife), t0+ShardLife)
	if len(recs) != 1 || next != "" {
		t.Fatalf("closed shard: %d records, next %q; want 1 and no next iterator", len(recs), next)
	}
	page := call(t, l, "DescribeStream", `{"StreamArn":"`+s.Arn()+`","Limit":1}`, t0+ShardLife)["StreamDescription"].(map[string]any)
	if page["LastEvaluatedShardId"] != parent["ShardId"] || len(page["Shards"].([]any)) != 1 {
		t.Fatalf("Limit 1 = %s", js(page))
	}
	rest := call(t, l, "DescribeStream", `{"StreamArn":"`+s.Arn()+`","ExclusiveStartShardId":"`+parent["ShardId"].(string)+`"}`, t0+ShardLife)["StreamDescription"].(map[string]any)
	if got := rest["Shards"].([]any); len(got) != 1 || got[0].(map[string]any)["ShardId"] != child["ShardId"] {
		t.Fatalf("after the parent: %s", js(got))
	}
}

func TestStreams_DisableListAndExpire(t *testing.T) {
	l := NewLog("us-east-1", "000000000000")
	s1 := l.Enable("Music", music, KeysOnly, t0)
	l.Disable("Music", t0+second)
	s2 := l.Enable("Music", music, NewImage, t0+second)
	l.Enable("Books", KeySchema{Hash: "ISBN"}, NewImage, t0+second)
	if s1.Arn() == s2.Arn() || !strings.HasPrefix(s1.Arn(), "arn:aws:dynamodb:us-east-1:000000000000:table/Music/stream/2026-12-03T09:30:00.123") {
		t.Fatalf("ARNs %q, %q", s1.Arn(), s2.Arn())
	}
	if l.Latest("Music") != s2 || s1.Enabled() || !s2.Enabled() {
		t.Fatal("Latest/Enabled wrong after re-enabling")
	}
	d := call(t, l, "DescribeStream", `{"StreamArn":"`+s1.Arn()+`"}`, t0+2*second)["StreamDescription"].(map[string]any)
	if d["StreamStatus"] != "DISABLED" || d["TableName"] != "Music" || js(d["KeySchema"]) != `[{"AttributeName":"Artist","KeyType":"HASH"},{"AttributeName":"SongTitle","KeyType":"RANGE"}]` {
		t.Fatalf("disabled stream = %s", js(d))
	}
	all := call(t, l, "ListStreams", `{}`, t0+2*second)["Streams"].([]any)
	music := call(t, l, "ListStreams", `{"TableName":"Music"}`, t0+2*second)["Streams"].([]any)
	if len(all) != 3 || len(music) != 2 {
		t.Fatalf("ListStreams: all %s, Music %s", js(all), js(music))
	}
	page := call(t, l, "ListStreams", `{"Limit":2}`, t0+2*second)
	if page["LastEvaluatedStreamArn"] != s2.Arn() {
		t.Fatalf("Limit 2 = %s", js(page))
	}
	rest := call(t, l, "ListStreams", `{"ExclusiveStartStreamArn":"`+s2.Arn()+`"}`, t0+2*second)["Streams"].([]any)
	if len(rest) != 1 || rest[0].(map[string]any)["TableName"] != "Books" {
		t.Fatalf("after s2: %s", js(rest))
	}
	later := t0 + Retention + 2*second
	wantErr(t, callErr(t, l, "DescribeStream", `{"StreamArn":"`+s1.Arn()+`"}`, later), ddberr.TypeResourceNotFound,
		"Requested resource not found: Stream: "+s1.Arn()+" not found")
	if got := call(t, l, "ListStreams", `{"TableName":"Music"}`, later)["Streams"].([]any); len(got) != 1 {
		t.Fatalf("after 24 hours: %s", js(got))
	}
}

func TestHandle_Errors(t *testing.T) {
	l := NewLog("us-east-1", "000000000000")
	s := l.Enable("Music", music, KeysOnly, t0)
	arn := s.Arn()
	sh := firstShard(t, l, arn, t0)
	missing := "arn:aws:dynamodb:us-east-1:000000000000:table/Nope/stream/2026-12-03T09:30:00.123"
	tests := []struct{ op, body, typ, msg string }{
		{"GetShardIterator", `{}`, ddberr.TypeValidation, "1 validation error detected: Value null at 'streamArn' failed to satisfy constraint: Member must not be null"},
		{"GetShardIterator", `{"StreamArn":"` + arn + `"}`, ddberr.TypeValidation, "1 validation error detected: Value null at 'shardId' failed to satisfy constraint: Member must not be null"},
		{"GetShardIterator", `{"StreamArn":"` + arn + `","ShardId":"` + sh + `","ShardIteratorType":"OLDEST"}`, ddberr.TypeValidation, "1 validation error detected: Value 'OLDEST' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, AT_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST]"},
		{"GetShardIterator", `{"StreamArn":"` + arn + `","ShardId":"` + sh + `","ShardIteratorType":"AT_SEQUENCE_NUMBER"}`, ddberr.TypeValidation, msgSeqRequired},
		{"GetShardIterator", `{"StreamArn":"` + arn + `","ShardId":"` + sh + `","ShardIteratorType":"LATEST","SequenceNumber":"000000000000000000001"}`, ddberr.TypeValidation, msgSeqNotAllowed},
		{"GetShardIterator", `{"StreamArn":"` + arn + `","ShardId":"` + sh + `","ShardIteratorType":"AT_SEQUENCE_NUMBER","SequenceNumber":"xxxxxxxxxxxxxxxxxxxxx"}`, ddberr.TypeValidation, "Invalid SequenceNumber: xxxxxxxxxxxxxxxxxxxxx"},
		// SequenceNumber is 21 to 40 characters (API Reference), checked first.
		{"GetShardIterator", `{"StreamArn":"` + arn + `","ShardId":"` + sh + `","ShardIteratorType":"AT_SEQUENCE_NUMBER","SequenceNumber":"99"}`, ddberr.TypeValidation,
			"1 validation error detected: Value '99' at 'sequenceNumber' failed to satisfy constraint: Member must have length greater than or equal to 21"},
		{"GetShardIterator", `{"StreamArn":"` + arn + `","ShardId":"` + sh + `","ShardIteratorType":"AT_SEQUENCE_NUMBER","SequenceNumber":"` + strings.Repeat("9", 41) + `"}`, ddberr.TypeValidation,
			"1 validation error detected: Value '" + strings.Repeat("9", 41) + "' at 'sequenceNumber' failed to satisfy constraint: Member must have length less than or equal to 40"},
		{"DescribeStream", `{"StreamArn":"` + arn + `","ExclusiveStartShardId":"shardId-1"}`, ddberr.TypeValidation,
			"1 validation error detected: Value 'shardId-1' at 'exclusiveStartShardId' failed to satisfy constraint: Member must have length greater than or equal to 28"},
		{"ListStreams", `{"ExclusiveStartStreamArn":"arn:x"}`, ddberr.TypeValidation,
			"1 validation error detected: Value 'arn:x' at 'exclusiveStartStreamArn' failed to satisfy constraint: Member must have length greater than or equal to 37"},
		{"GetShardIterator", `{"StreamArn":"` + arn + `","ShardId":"` + sh + `","ShardIteratorType":"AT_SEQUENCE_NUMBER","SequenceNumber":"000000000000000000099"}`, ddberr.TypeValidation, "Invalid Request: Sequence number 000000000000000000099 is not in the range of shard " + sh},
		{"GetShardIterator", `{"StreamArn":"` + missing + `","ShardId":"` + sh + `","ShardIteratorType":"LATEST"}`, ddberr.TypeResourceNotFound, "Requested resource not found: Stream: " + missing + " not found"},
		{"GetShardIterator", `{"StreamArn":"` + arn + `","ShardId":"shardId-00000000000000000000-00000000","ShardIteratorType":"LATEST"}`, ddberr.TypeResourceNotFound, "Requested resource not found: Shard: shardId-00000000000000000000-00000000 in Stream: " + arn + " not found"},
		{"GetRecords", `{}`, ddberr.TypeValidation, "1 validation error detected: Value null at 'shardIterator' failed to satisfy constraint: Member must not be null"},
		{"GetRecords", `{"ShardIterator":""}`, ddberr.TypeValidation, "1 validation error detected: Value '' at 'shardIterator' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"GetRecords", `{"ShardIterator":"nonsense"}`, ddberr.TypeValidation, msgIteratorInvalid},
		{"GetRecords", `{"ShardIterator":"x","Limit":0}`, ddberr.TypeValidation, "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"GetRecords", `{"ShardIterator":"x","Limit":1001}`, ddberr.TypeValidation, "1 validation error detected: Value '1001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 1000"},
		{"DescribeStream", `{}`, ddberr.TypeValidation, "1 validation error detected: Value null at 'streamArn' failed to satisfy constraint: Member must not be null"},
		{"DescribeStream", `{"StreamArn":"short"}`, ddberr.TypeValidation, "1 validation error detected: Value 'short' at 'streamArn' failed to satisfy constraint: Member must have length greater than or equal to 37"},
		{"DescribeStream", `{"StreamArn":"` + arn + `","Limit":101}`, ddberr.TypeValidation, "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100"},
		{"ListStreams", `{"TableName":"ab"}`, ddberr.TypeValidation, "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"},
		{"ListStreams", `{"Limit":"x"}`, ddberr.TypeSerialization, "Unexpected value type in payload"},
		{"ListStreams", `[1]`, ddberr.TypeSerialization, "Unexpected value type in payload"},
		{"ListStreams", `{`, ddberr.TypeSerialization, msgMalformed},
		{"PutRecord", `{}`, ddberr.TypeUnknownOperation, msgUnknownOperation},
	}
	for _, tt := range tests {
		t.Run(tt.op+" "+tt.body, func(t *testing.T) {
			wantErr(t, callErr(t, l, tt.op, tt.body, t0), tt.typ, tt.msg)
		})
	}
}

func TestLabel(t *testing.T) {
	for _, tt := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2015, 5, 11, 21, 21, 33, 291e6, time.UTC), "2015-05-11T21:21:33.291"},
		{time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), "1970-01-01T00:00:00.000"},
		{time.Date(2000, 2, 29, 23, 59, 59, 999e6, time.UTC), "2000-02-29T23:59:59.999"},
		{time.Date(1969, 12, 31, 12, 0, 0, 0, time.UTC), "1969-12-31T12:00:00.000"},
	} {
		if got := label(tt.t.UnixNano()); got != tt.want {
			t.Errorf("label(%v) = %q, want %q", tt.t, got, tt.want)
		}
		if got, want := humanTime(tt.t.UnixNano()), tt.t.Format("Mon Jan 02 15:04:05 UTC 2006"); got != want {
			t.Errorf("humanTime(%v) = %q, want %q", tt.t, got, want)
		}
	}
}

// FuzzHandle checks that no request body panics the Streams API and that
// every error is a DynamoDB error.
func FuzzHandle(f *testing.F) {
	l := NewLog("us-east-1", "000000000000")
	s := l.Enable("Music", music, NewAndOldImages, t0)
	l.Append("Music", []Change{{New: item("a", "x", 1)}}, t0)
	sh := s.shards[0].id
	it, _ := l.GetShardIterator(&GetShardIteratorInput{StreamArn: s.Arn(), ShardId: sh, ShardIteratorType: "TRIM_HORIZON"}, t0)
	for _, seed := range []struct{ op, body string }{
		{"ListStreams", `{"TableName":"Music","Limit":1}`},
		{"DescribeStream", `{"StreamArn":"` + s.Arn() + `"}`},
		{"GetShardIterator", `{"StreamArn":"` + s.Arn() + `","ShardId":"` + sh + `","ShardIteratorType":"AT_SEQUENCE_NUMBER","SequenceNumber":"000000000000000000001"}`},
		{"GetRecords", `{"ShardIterator":` + js(it) + `,"Limit":5}`},
		{"GetRecords", `{"ShardIterator":"a|b|c|d"}`},
		{"ListStreams", `null`},
	} {
		f.Add(seed.op, seed.body)
	}
	f.Fuzz(func(t *testing.T, op, body string) {
		out, err := l.Handle(op, []byte(body), t0+minute)
		if err != nil {
			var de *ddberr.Error
			if !errors.As(err, &de) {
				t.Fatalf("%s %q: %v is not a DynamoDB error", op, body, err)
			}
			return
		}
		if !json.Valid(out) {
			t.Fatalf("%s %q: answer %q is not JSON", op, body, out)
		}
	})
}
