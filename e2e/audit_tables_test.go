package e2e

// Audit (R1) of issue 2's control plane over the AWS SDK for Go v2: table
// name rules, ListTables starting after a name that is not a table, and
// ResourceNotFoundException from every operation on a missing table.

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func TestAudit_TableNames(t *testing.T) {
	c := newClient(t)
	ctx := context.Background()
	long := strings.Repeat("n", 255)
	cases := []struct {
		name string
		msg  string // "" means accepted
	}{
		{"abc", ""},
		{"a_b.c-D9", ""},
		{long, ""},
		{"ab", "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"},
		{long + "n", "1 validation error detected: Value '" + long + "n' at 'tableName' failed to satisfy constraint: Member must have length less than or equal to 255"},
		{"with space", "1 validation error detected: Value 'with space' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},
		{"tab/le", "1 validation error detected: Value 'tab/le' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%.20s", tc.name), func(t *testing.T) {
			_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{TableName: aws.String(tc.name), AttributeDefinitions: coreDefs("id", "S"),
				KeySchema: coreKeys("id", ""), BillingMode: types.BillingModePayPerRequest})
			if tc.msg == "" {
				if err != nil {
					t.Errorf("CreateTable %q: %v", tc.name, err)
				}
				return
			}
			coreWant(t, err, "ValidationException", tc.msg)
		})
	}
	// ListTables after a name that is no table starts at the next name.
	out, err := c.ListTables(ctx, &dynamodb.ListTablesInput{ExclusiveStartTableName: aws.String("a_a"), Limit: aws.Int32(1)})
	if err != nil {
		t.Fatal(err)
	}
	if got := words(out.TableNames, aws.ToString(out.LastEvaluatedTableName)); got != "[a_b.c-D9] a_b.c-D9" {
		t.Errorf("ListTables after a_a: %s, want [a_b.c-D9] a_b.c-D9", got)
	}
	out, err = c.ListTables(ctx, &dynamodb.ListTablesInput{ExclusiveStartTableName: aws.String("abc")})
	if err != nil {
		t.Fatal(err)
	}
	if got := words(out.TableNames, out.LastEvaluatedTableName == nil); got != "["+long+"] true" {
		t.Errorf("ListTables after abc: %s, want the last table and no LastEvaluatedTableName", got)
	}
}

func TestAudit_MissingTable(t *testing.T) {
	c := newClient(t)
	ctx := context.Background()
	nope := aws.String("Nope")
	key := map[string]types.AttributeValue{"id": sv("x")}
	const data, control = "Requested resource not found", "Requested resource not found: Table: Nope not found"
	cases := []struct {
		op   string
		call func() error
		msg  string
	}{
		{"GetItem", func() error { _, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: nope, Key: key}); return err }, data},
		{"PutItem", func() error { _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: nope, Item: key}); return err }, data},
		{"UpdateItem", func() error {
			_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: nope, Key: key})
			return err
		}, data},
		{"DeleteItem", func() error {
			_, err := c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: nope, Key: key})
			return err
		}, data},
		{"Query", func() error {
			_, err := c.Query(ctx, &dynamodb.QueryInput{TableName: nope, KeyConditionExpression: aws.String("id = :v"), ExpressionAttributeValues: auVals(":v", "x")})
			return err
		}, data},
		{"Scan", func() error { _, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: nope}); return err }, data},
		{"BatchGetItem", func() error {
			_, err := c.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{"Nope": {Keys: []map[string]types.AttributeValue{key}}}})
			return err
		}, data},
		{"BatchWriteItem", func() error {
			_, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{"Nope": {{PutRequest: &types.PutRequest{Item: key}}}}})
			return err
		}, data},
		{"TransactGetItems", func() error {
			_, err := c.TransactGetItems(ctx, &dynamodb.TransactGetItemsInput{TransactItems: []types.TransactGetItem{{Get: &types.Get{TableName: nope, Key: key}}}})
			return err
		}, data},
		{"TransactWriteItems", func() error {
			_, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{{Put: &types.Put{TableName: nope, Item: key}}}})
			return err
		}, data},
		{"DescribeTable", func() error {
			_, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: nope})
			return err
		}, control},
		{"DeleteTable", func() error { _, err := c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: nope}); return err }, control},
		{"UpdateTable", func() error {
			_, err := c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: nope, BillingMode: types.BillingModePayPerRequest})
			return err
		}, control},
		{"DescribeTimeToLive", func() error {
			_, err := c.DescribeTimeToLive(ctx, &dynamodb.DescribeTimeToLiveInput{TableName: nope})
			return err
		}, control},
	}
	for _, tc := range cases {
		t.Run(tc.op, func(t *testing.T) {
			coreWant(t, tc.call(), "ResourceNotFoundException", tc.msg)
		})
	}
}
