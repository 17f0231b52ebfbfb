package e2e

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// pqMusic creates the Developer Guide's Music table (Artist, SongTitle)
// and inserts three songs with ExecuteStatement.
func pqMusic(t *testing.T, c *dynamodb.Client) {
	t.Helper()
	ctx := context.Background()
	_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:   aws.String("Music"),
		BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: aws.String("Artist"), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String("SongTitle"), AttributeType: types.ScalarAttributeTypeS},
		},
		KeySchema: []types.KeySchemaElement{
			{AttributeName: aws.String("Artist"), KeyType: types.KeyTypeHash},
			{AttributeName: aws.String("SongTitle"), KeyType: types.KeyTypeRange},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	waitForTable(t, c, "Music")
	for _, song := range [][2]string{{"Acme Band", "PartiQL Rocks"}, {"Acme Band", "Happy Day"}, {"No One You Know", "Call Me Today"}} {
		_, err := c.ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{
			Statement:  aws.String(`INSERT INTO "Music" VALUE {'Artist': ?, 'SongTitle': ?, 'Plays': 1}`),
			Parameters: []types.AttributeValue{rdS(song[0]), rdS(song[1])},
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func pqTitles(items []map[string]types.AttributeValue) string {
	var s []string
	for _, it := range items {
		s = append(s, rdShow(it["SongTitle"]))
	}
	return strings.Join(s, ",")
}

func TestPartiQL_ExecuteStatement(t *testing.T) {
	c := newClient(t)
	pqMusic(t, c)
	ctx := context.Background()
	out, err := c.ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{
		Statement:              aws.String(`SELECT SongTitle FROM "Music" WHERE Artist = 'Acme Band' ORDER BY SongTitle DESC`),
		ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal,
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := pqTitles(out.Items); got != `PartiQL Rocks,Happy Day` || out.ConsumedCapacity == nil || aws.ToFloat64(out.ConsumedCapacity.CapacityUnits) != 0.5 {
		t.Fatalf("SELECT = %s, capacity %+v", got, out.ConsumedCapacity)
	}
	// Pages of one item with NextToken, over a Scan.
	var all []map[string]types.AttributeValue
	var token *string
	for range 10 {
		page, err := c.ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{
			Statement: aws.String(`SELECT * FROM Music WHERE Plays = 1`), Limit: aws.Int32(1), NextToken: token, ConsistentRead: aws.Bool(true),
		})
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, page.Items...)
		if token = page.NextToken; token == nil {
			break
		}
	}
	if len(all) != 3 {
		t.Fatalf("paged SELECT read %d items, want 3", len(all))
	}
	up, err := c.ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{
		Statement: aws.String(`UPDATE Music SET Plays = Plays + 1 SET Awards = {'Grammys': [2020]} WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day' RETURNING ALL NEW *`),
	})
	if err != nil || len(up.Items) != 1 || rdShow(up.Items[0]["Plays"]) != "2" {
		t.Fatalf("UPDATE RETURNING ALL NEW = %v, %v", up, err)
	}
	if _, err := c.ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{
		Statement: aws.String(`DELETE FROM Music WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day'`),
	}); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name, stmt string
		params     []types.AttributeValue
		code, msg  string
	}{
		{"duplicate insert", `INSERT INTO Music VALUE {'Artist':'Acme Band','SongTitle':'PartiQL Rocks'}`, nil, "DuplicateItemException", "Duplicate primary key exists in table"},
		{"update missing item", `UPDATE Music SET Plays = 1 WHERE Artist = 'x' AND SongTitle = 'y'`, nil, "ConditionalCheckFailedException", "The conditional request failed"},
		{"no key equality", `DELETE FROM Music WHERE Artist = 'x'`, nil, "ValidationException", "Where clause does not contain a mandatory equality on all key attributes"},
		{"parameter count", `SELECT * FROM Music WHERE Artist = ?`, []types.AttributeValue{rdS("a"), rdS("b")}, "ValidationException", "Number of parameters in request and statement doesn't match."},
		{"syntax", `SELECT * FROM`, nil, "ValidationException", "Statement wasn't well formed, can't be processed: Unexpected end of statement"},
		{"no table", `SELECT * FROM "Nope"`, nil, "ResourceNotFoundException", "Requested resource not found"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{Statement: aws.String(tc.stmt), Parameters: tc.params})
			if code, msg := apiErr(t, err); code != tc.code || msg != tc.msg {
				t.Fatalf("got %s %q, want %s %q", code, msg, tc.code, tc.msg)
			}
		})
	}
	var dup *types.DuplicateItemException
	_, err = c.ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{Statement: aws.String(`INSERT INTO Music VALUE {'Artist':'Acme Band','SongTitle':'PartiQL Rocks'}`)})
	if !errors.As(err, &dup) {
		t.Fatalf("the SDK did not see a *types.DuplicateItemException: %T", err)
	}
	var ccf *types.ConditionalCheckFailedException
	_, err = c.ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{
		Statement:                           aws.String(`UPDATE Music SET Plays = 5 WHERE Artist = 'Acme Band' AND SongTitle = 'PartiQL Rocks' AND Plays > 3`),
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld,
	})
	if !errors.As(err, &ccf) || rdShow(ccf.Item["Plays"]) != "1" {
		t.Fatalf("condition failure: %v (item %v)", err, ccf)
	}
}

func TestPartiQL_BatchExecuteStatement(t *testing.T) {
	c := newClient(t)
	pqMusic(t, c)
	ctx := context.Background()
	out, err := c.BatchExecuteStatement(ctx, &dynamodb.BatchExecuteStatementInput{Statements: []types.BatchStatementRequest{
		{Statement: aws.String(`UPDATE Music SET Plays = 7 WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day'`)},
		{Statement: aws.String(`INSERT INTO Music VALUE {'Artist':'Acme Band','SongTitle':'PartiQL Rocks'}`)},
		{Statement: aws.String(`INSERT INTO Music VALUE {'Artist':'New','SongTitle':'Song'}`)},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Responses) != 3 || out.Responses[0].Error != nil || out.Responses[1].Error == nil ||
		out.Responses[1].Error.Code != types.BatchStatementErrorCodeEnumDuplicateItem || out.Responses[2].Error != nil {
		t.Fatalf("write Responses = %+v", out.Responses)
	}
	out, err = c.BatchExecuteStatement(ctx, &dynamodb.BatchExecuteStatementInput{Statements: []types.BatchStatementRequest{
		{Statement: aws.String(`SELECT Plays FROM Music WHERE Artist = ? AND SongTitle = ?`), Parameters: []types.AttributeValue{rdS("Acme Band"), rdS("Happy Day")}},
		{Statement: aws.String(`SELECT * FROM Music WHERE Artist = 'New' AND SongTitle = 'Song'`), ConsistentRead: aws.Bool(true)},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if rdShow(out.Responses[0].Item["Plays"]) != "7" || rdShow(out.Responses[1].Item["Artist"]) != "New" || aws.ToString(out.Responses[0].TableName) != "Music" {
		t.Fatalf("read Responses = %+v", out.Responses)
	}
	many := make([]types.BatchStatementRequest, 26)
	for i := range many {
		many[i].Statement = aws.String(`SELECT * FROM Music WHERE Artist = 'a' AND SongTitle = 'b'`)
	}
	_, err = c.BatchExecuteStatement(ctx, &dynamodb.BatchExecuteStatementInput{Statements: many})
	if code, msg := apiErr(t, err); code != "ValidationException" || !strings.HasSuffix(msg, "at 'statements' failed to satisfy constraint: Member must have length less than or equal to 25") {
		t.Fatalf("26 statements: %s %q", code, msg)
	}
}

func TestPartiQL_ExecuteTransaction(t *testing.T) {
	c := newClient(t)
	pqMusic(t, c)
	ctx := context.Background()
	write := &dynamodb.ExecuteTransactionInput{
		ClientRequestToken: aws.String("pq-token-1"),
		TransactStatements: []types.ParameterizedStatement{
			{Statement: aws.String(`UPDATE Music SET Plays = Plays + 1 WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day'`)},
			{Statement: aws.String(`INSERT INTO Music VALUE {'Artist':'T','SongTitle':'1'}`)},
			{Statement: aws.String(`EXISTS(SELECT * FROM Music WHERE Artist = 'No One You Know' AND SongTitle = 'Call Me Today')`)},
		},
	}
	for range 2 { // the same token twice: written once
		if _, err := c.ExecuteTransaction(ctx, write); err != nil {
			t.Fatal(err)
		}
	}
	read, err := c.ExecuteTransaction(ctx, &dynamodb.ExecuteTransactionInput{TransactStatements: []types.ParameterizedStatement{
		{Statement: aws.String(`SELECT Plays FROM Music WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day'`)},
		{Statement: aws.String(`SELECT * FROM Music WHERE Artist = 'T' AND SongTitle = '1'`)},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(read.Responses) != 2 || rdShow(read.Responses[0].Item["Plays"]) != "2" || read.Responses[1].Item == nil {
		t.Fatalf("read Responses = %+v", read.Responses)
	}
	_, err = c.ExecuteTransaction(ctx, &dynamodb.ExecuteTransactionInput{TransactStatements: []types.ParameterizedStatement{
		{Statement: aws.String(`UPDATE Music SET Plays = 0 WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day'`)},
		{Statement: aws.String(`INSERT INTO Music VALUE {'Artist':'T','SongTitle':'1'}`)},
		{Statement: aws.String(`EXISTS(SELECT * FROM Music WHERE Artist = 'Nobody' AND SongTitle = 'x')`)},
	}})
	var tce *types.TransactionCanceledException
	if !errors.As(err, &tce) || len(tce.CancellationReasons) != 3 {
		t.Fatalf("cancelled transaction: %v", err)
	}
	var codes []string
	for _, r := range tce.CancellationReasons {
		codes = append(codes, aws.ToString(r.Code))
	}
	if strings.Join(codes, ",") != "None,DuplicateItem,ConditionalCheckFailed" ||
		tce.ErrorMessage() != "Transaction cancelled, please refer cancellation reasons for specific reasons [None, DuplicateItem, ConditionalCheckFailed]" {
		t.Fatalf("reasons %v, message %q", codes, tce.ErrorMessage())
	}
	// A different request with the same token is refused.
	write.TransactStatements = write.TransactStatements[:1]
	_, err = c.ExecuteTransaction(ctx, write)
	if code, _ := apiErr(t, err); code != "IdempotentParameterMismatchException" {
		t.Fatalf("token reused for another request: %s", code)
	}
	many := make([]types.ParameterizedStatement, 101)
	for i := range many {
		many[i].Statement = aws.String(`SELECT * FROM Music WHERE Artist = 'a' AND SongTitle = 'b'`)
	}
	_, err = c.ExecuteTransaction(ctx, &dynamodb.ExecuteTransactionInput{TransactStatements: many})
	if code, msg := apiErr(t, err); code != "ValidationException" || !strings.HasSuffix(msg, "at 'transactStatements' failed to satisfy constraint: Member must have length less than or equal to 100") {
		t.Fatalf("101 statements: %s %q", code, msg)
	}
}

// The PartiQL operations' parameter constraints (API Reference), each
// DynamoDB's constraint message: Statement at least 1 character,
// Parameters at least 1 item, Limit at least 1, 1-25 statements in a
// batch, 1-100 in a transaction, ClientRequestToken 1-36 characters; a
// token used again for other statements is IdempotentParameterMismatch.
func TestPartiQL_Constraints(t *testing.T) {
	c := newClient(t)
	pqMusic(t, c)
	ctx := context.Background()
	const v = "1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must have %s"
	sel := aws.String(`SELECT * FROM Music WHERE Artist = 'a' AND SongTitle = 'b'`)
	token := strings.Repeat("t", 37)
	for _, tt := range []struct {
		name string
		call func() error
		want string
	}{
		{"empty statement", func() error {
			_, err := c.ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{Statement: aws.String("")})
			return err
		}, fmt.Sprintf(v, "", "statement", "length greater than or equal to 1")},
		{"no parameters", func() error {
			_, err := c.ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{Statement: sel, Parameters: []types.AttributeValue{}})
			return err
		}, fmt.Sprintf(v, "[]", "parameters", "length greater than or equal to 1")},
		{"Limit 0", func() error {
			_, err := c.ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{Statement: sel, Limit: aws.Int32(0)})
			return err
		}, fmt.Sprintf(v, "0", "limit", "value greater than or equal to 1")},
		{"empty batch", func() error {
			_, err := c.BatchExecuteStatement(ctx, &dynamodb.BatchExecuteStatementInput{Statements: []types.BatchStatementRequest{}})
			return err
		}, fmt.Sprintf(v, "[]", "statements", "length greater than or equal to 1")},
		{"empty statement in a batch", func() error {
			_, err := c.BatchExecuteStatement(ctx, &dynamodb.BatchExecuteStatementInput{Statements: []types.BatchStatementRequest{{Statement: aws.String("")}}})
			return err
		}, fmt.Sprintf(v, "", "statements.1.member.statement", "length greater than or equal to 1")},
		{"empty transaction", func() error {
			_, err := c.ExecuteTransaction(ctx, &dynamodb.ExecuteTransactionInput{TransactStatements: []types.ParameterizedStatement{}})
			return err
		}, fmt.Sprintf(v, "[]", "transactStatements", "length greater than or equal to 1")},
		{"token of 37 characters", func() error {
			_, err := c.ExecuteTransaction(ctx, &dynamodb.ExecuteTransactionInput{ClientRequestToken: aws.String(token),
				TransactStatements: []types.ParameterizedStatement{{Statement: sel}}})
			return err
		}, fmt.Sprintf(v, token, "clientRequestToken", "length less than or equal to 36")},
	} {
		t.Run(tt.name, func(t *testing.T) { coreWant(t, tt.call(), "ValidationException", tt.want) })
	}
	insert := func(song string) error {
		_, err := c.ExecuteTransaction(ctx, &dynamodb.ExecuteTransactionInput{ClientRequestToken: aws.String("same-token"),
			TransactStatements: []types.ParameterizedStatement{{Statement: aws.String(`INSERT INTO Music VALUE {'Artist':'Tok','SongTitle':'` + song + `'}`)}}})
		return err
	}
	if err := insert("one"); err != nil {
		t.Fatal(err)
	}
	coreWant(t, insert("two"), "IdempotentParameterMismatchException", "Request parameters do not match the previous request with the same client token")
	out, err := c.ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{Statement: aws.String(`SELECT * FROM Music WHERE Artist = 'Tok'`)})
	if err != nil || len(out.Items) != 1 {
		t.Errorf("after the refused reuse of the token: %d items (%v), want 1", len(out.Items), err)
	}
}
