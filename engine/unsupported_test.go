package engine_test

import (
	"slices"
	"testing"

	"github.com/ddbplay/ddbplay/engine"
)

func TestUnsupportedOperations(t *testing.T) {
	db := engine.New(engine.Options{})
	registered := engine.Operations()
	for _, op := range engine.UnsupportedOperations {
		t.Run(op, func(t *testing.T) {
			if !slices.Contains(registered, op) {
				t.Errorf("%s is not registered", op)
			}
			_, err := opResult(t, db, op, `{"TableName":"t"}`)
			if err == nil {
				t.Fatalf("%s succeeded, want UnknownOperationException", op)
			}
			want := "ddbplay does not support the DynamoDB operation " + op
			if err.Type != "UnknownOperationException" || err.Message != want {
				t.Errorf("got %s %q, want UnknownOperationException %q", err.Type, err.Message, want)
			}
		})
	}
}

// TestOperations_AllOfDynamoDB checks that every DynamoDB operation is
// either implemented or listed as unsupported, and that the two do not
// overlap (the list must shrink when an operation is implemented).
func TestOperations_AllOfDynamoDB(t *testing.T) {
	implemented := []string{
		"BatchExecuteStatement", "BatchGetItem", "BatchWriteItem", "CreateTable", "DeleteItem", "DeleteTable", "DescribeEndpoints",
		"DescribeLimits", "DescribeTable", "DescribeTimeToLive", "ExecuteStatement", "ExecuteTransaction", "GetItem", "ListTables", "ListTagsOfResource",
		"PutItem", "Query", "Scan", "TagResource", "TransactGetItems", "TransactWriteItems", "UntagResource",
		"UpdateItem", "UpdateTable", "UpdateTimeToLive",
	}
	for _, op := range implemented {
		if slices.Contains(engine.UnsupportedOperations, op) {
			t.Errorf("%s is implemented but listed as unsupported", op)
		}
	}
	want := slices.Concat(implemented, engine.UnsupportedOperations)
	slices.Sort(want)
	if got := engine.Operations(); !slices.Equal(got, want) {
		t.Errorf("registered operations:\n%v\nwant:\n%v", got, want)
	}
}
