package snapshot

import (
	"encoding/json"
	"fmt"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// Export returns the whole state of db as a version 1 snapshot (see the
// package documentation): every table in name order, with its definition,
// tags, TTL specification and items. It reads through db.Handle
// (ListTables, DescribeTable, DescribeTimeToLive, ListTagsOfResource) and
// the typed DB.Scan, writing items as attr.AppendItemJSON does, straight
// from their stored records (engine.ItemList.AppendItemJSON);
// an engine without the TTL or tagging operations exports none. Writes
// running concurrently may or may not be included. Errors are
// *ddberr.Error.
func Export(db *engine.DB) ([]byte, error) {
	names, err := listTables(db)
	if err != nil {
		return nil, err
	}
	heads := make([][]byte, len(names))
	var size int64
	for i, name := range names {
		t, bytes, err := exportTable(db, name)
		if err != nil {
			return nil, err
		}
		head, err := json.Marshal(t)
		if err != nil {
			return nil, ddberr.Internal(msgExportFailed, "encode", name, err.Error())
		}
		heads[i] = head
		size += bytes + int64(len(head))
	}
	// Item JSON is a little larger than DynamoDB's item size.
	out := make([]byte, 0, size+size/4+4096)
	out = fmt.Appendf(out, `{"format":%q,"version":%d,"tables":[`, Format, Version)
	for i, name := range names {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, '\n')
		out = append(out, heads[i][:len(heads[i])-1]...) // without the closing brace
		out = append(out, `,"items":[`...)
		if out, err = appendItems(out, db, name); err != nil {
			return nil, err
		}
		out = append(out, "]}"...)
	}
	return append(out, "\n]}\n"...), nil
}

// call runs op with the JSON encoding of in and decodes its answer into out.
func call(db *engine.DB, op string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return ddberr.Internal(msgExportFailed, op, "request", err.Error())
	}
	resp, err := db.Handle(op, body)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(resp, out); err != nil {
		return ddberr.Internal(msgExportFailed, op, "response", err.Error())
	}
	return nil
}

func listTables(db *engine.DB) ([]string, error) {
	var names []string
	in := map[string]any{"Limit": 100}
	for {
		var out struct {
			TableNames             []string
			LastEvaluatedTableName string
		}
		if err := call(db, "ListTables", in, &out); err != nil {
			return nil, err
		}
		names = append(names, out.TableNames...)
		if out.LastEvaluatedTableName == "" {
			return names, nil
		}
		in["ExclusiveStartTableName"] = out.LastEvaluatedTableName
	}
}

type throughput struct {
	ReadCapacityUnits  int64
	WriteCapacityUnits int64
}

type indexDescription struct {
	IndexName             string
	KeySchema             json.RawMessage
	Projection            json.RawMessage
	ProvisionedThroughput *throughput
}

type tableDescription struct {
	TableName              string
	TableArn               string
	TableSizeBytes         int64
	AttributeDefinitions   json.RawMessage
	KeySchema              json.RawMessage
	BillingModeSummary     *struct{ BillingMode string }
	ProvisionedThroughput  *throughput
	GlobalSecondaryIndexes []indexDescription
	LocalSecondaryIndexes  []indexDescription
	StreamSpecification    *struct {
		StreamEnabled  bool
		StreamViewType string
	}
	TableClassSummary         *struct{ TableClass string }
	DeletionProtectionEnabled bool
}

// exported is one table entry of a snapshot in the order it is written.
type exported struct {
	TableName                 string
	AttributeDefinitions      json.RawMessage
	KeySchema                 json.RawMessage
	BillingMode               string
	ProvisionedThroughput     *throughput       `json:",omitempty"`
	GlobalSecondaryIndexes    []exportedIndex   `json:",omitempty"`
	LocalSecondaryIndexes     []exportedIndex   `json:",omitempty"`
	StreamSpecification       *streamSpec       `json:",omitempty"`
	TableClass                string            `json:",omitempty"`
	DeletionProtectionEnabled bool              `json:",omitempty"`
	Tags                      []json.RawMessage `json:",omitempty"`
	TimeToLiveSpecification   *ttlSpecification `json:",omitempty"`
}

type exportedIndex struct {
	IndexName             string
	KeySchema             json.RawMessage
	Projection            json.RawMessage
	ProvisionedThroughput *throughput `json:",omitempty"`
}

type streamSpec struct {
	StreamEnabled  bool
	StreamViewType string `json:",omitempty"`
}

type ttlSpecification struct {
	AttributeName string
	Enabled       bool
}

// exportTable returns the definition of the table and its TableSizeBytes.
func exportTable(db *engine.DB, name string) (*exported, int64, error) {
	var desc struct{ Table tableDescription }
	if err := call(db, "DescribeTable", map[string]string{"TableName": name}, &desc); err != nil {
		return nil, 0, err
	}
	d := desc.Table
	t := &exported{
		TableName:                 name,
		AttributeDefinitions:      d.AttributeDefinitions,
		KeySchema:                 d.KeySchema,
		BillingMode:               "PROVISIONED",
		DeletionProtectionEnabled: d.DeletionProtectionEnabled,
	}
	if d.BillingModeSummary != nil && d.BillingModeSummary.BillingMode != "" {
		t.BillingMode = d.BillingModeSummary.BillingMode
	}
	provisioned := t.BillingMode == "PROVISIONED"
	if provisioned {
		t.ProvisionedThroughput = d.ProvisionedThroughput
	}
	for _, ix := range d.GlobalSecondaryIndexes {
		e := exportedIndex{IndexName: ix.IndexName, KeySchema: ix.KeySchema, Projection: ix.Projection}
		if provisioned {
			e.ProvisionedThroughput = ix.ProvisionedThroughput
		}
		t.GlobalSecondaryIndexes = append(t.GlobalSecondaryIndexes, e)
	}
	for _, ix := range d.LocalSecondaryIndexes {
		t.LocalSecondaryIndexes = append(t.LocalSecondaryIndexes,
			exportedIndex{IndexName: ix.IndexName, KeySchema: ix.KeySchema, Projection: ix.Projection})
	}
	if s := d.StreamSpecification; s != nil && s.StreamEnabled {
		t.StreamSpecification = &streamSpec{StreamEnabled: true, StreamViewType: s.StreamViewType}
	}
	if d.TableClassSummary != nil {
		t.TableClass = d.TableClassSummary.TableClass
	}
	var err error
	if t.TimeToLiveSpecification, err = exportTTL(db, name); err != nil {
		return nil, 0, err
	}
	if t.Tags, err = exportTags(db, d.TableArn); err != nil {
		return nil, 0, err
	}
	return t, d.TableSizeBytes, nil
}

func exportTTL(db *engine.DB, name string) (*ttlSpecification, error) {
	var out struct {
		TimeToLiveDescription struct {
			TimeToLiveStatus string
			AttributeName    string
		}
	}
	err := call(db, "DescribeTimeToLive", map[string]string{"TableName": name}, &out)
	if isUnknownOperation(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	switch d := out.TimeToLiveDescription; d.TimeToLiveStatus {
	case "ENABLED", "ENABLING":
		return &ttlSpecification{AttributeName: d.AttributeName, Enabled: true}, nil
	}
	return nil, nil
}

func exportTags(db *engine.DB, arn string) ([]json.RawMessage, error) {
	var tags []json.RawMessage
	in := map[string]string{"ResourceArn": arn}
	for {
		var out struct {
			Tags      []json.RawMessage
			NextToken string
		}
		err := call(db, "ListTagsOfResource", in, &out)
		if isUnknownOperation(err) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		tags = append(tags, out.Tags...)
		if out.NextToken == "" {
			return tags, nil
		}
		in["NextToken"] = out.NextToken
	}
}

// appendItems appends every item of the table to out, each on a line of
// its own, separated by commas.
func appendItems(out []byte, db *engine.DB, name string) ([]byte, error) {
	in := &engine.ScanInput{TableName: name, ConsistentRead: true}
	first := true
	for {
		page, err := db.Scan(in)
		if err != nil {
			return nil, err
		}
		for i := range page.Items.Len() {
			if !first {
				out = append(out, ',')
			}
			first = false
			out = append(out, '\n')
			out = page.Items.AppendItemJSON(out, i)
		}
		if len(page.LastEvaluatedKey) == 0 {
			return out, nil
		}
		in.ExclusiveStartKey = page.LastEvaluatedKey
	}
}
