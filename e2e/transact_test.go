package e2e

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/ddbplay/ddbplay/engine"
)

// rdAccounts creates table "Accounts" (id S) holding n accounts acct0…
// with balance each.
func rdAccounts(t *testing.T, c *dynamodb.Client, n, balance int) {
	t.Helper()
	rdKeysTable(t, c, "Accounts")
	for i := 0; i < n; i++ {
		rdPut(t, c, "Accounts", rdItem{"id": rdS(fmt.Sprintf("acct%d", i)), "balance": rdN(strconv.Itoa(balance))})
	}
}

// rdTransfer moves amount from one account to another in a transaction
// that fails when from's balance is too low.
func rdTransfer(c *dynamodb.Client, from, to, amount int, token *string) error {
	amt := map[string]types.AttributeValue{":a": rdN(strconv.Itoa(amount))}
	_, err := c.TransactWriteItems(context.Background(), &dynamodb.TransactWriteItemsInput{
		ClientRequestToken: token,
		TransactItems: []types.TransactWriteItem{
			{Update: &types.Update{TableName: aws.String("Accounts"), Key: rdItem{"id": rdS(fmt.Sprintf("acct%d", from))},
				UpdateExpression: aws.String("SET balance = balance - :a"), ConditionExpression: aws.String("balance >= :a"),
				ExpressionAttributeValues: amt, ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld}},
			{Update: &types.Update{TableName: aws.String("Accounts"), Key: rdItem{"id": rdS(fmt.Sprintf("acct%d", to))},
				UpdateExpression: aws.String("SET balance = balance + :a"), ExpressionAttributeValues: amt}},
		}})
	return err
}

// rdBalances reads every account in one TransactGetItems.
func rdBalances(c *dynamodb.Client, n int) ([]int, error) {
	var gets []types.TransactGetItem
	for i := 0; i < n; i++ {
		gets = append(gets, types.TransactGetItem{Get: &types.Get{TableName: aws.String("Accounts"), Key: rdItem{"id": rdS(fmt.Sprintf("acct%d", i))}}})
	}
	out, err := c.TransactGetItems(context.Background(), &dynamodb.TransactGetItemsInput{TransactItems: gets})
	if err != nil {
		return nil, err
	}
	b := make([]int, n)
	for i, r := range out.Responses {
		if b[i], err = strconv.Atoi(rdShow(r.Item["balance"])); err != nil {
			return nil, err
		}
	}
	return b, nil
}

func TestTransact_CancellationReasons(t *testing.T) {
	c := newClient(t)
	ctx := context.Background()
	rdAccounts(t, c, 3, 10)
	_, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Put: &types.Put{TableName: aws.String("Accounts"), Item: rdItem{"id": rdS("new"), "balance": rdN("1")}}},
		{ConditionCheck: &types.ConditionCheck{TableName: aws.String("Accounts"), Key: rdItem{"id": rdS("acct0")},
			ConditionExpression: aws.String("balance > :n"), ExpressionAttributeValues: map[string]types.AttributeValue{":n": rdN("50")},
			ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld}},
		{Delete: &types.Delete{TableName: aws.String("Accounts"), Key: rdItem{"id": rdS("acct1")}}},
		{Update: &types.Update{TableName: aws.String("Accounts"), Key: rdItem{"id": rdS("acct2")},
			UpdateExpression: aws.String("SET balance = :z"), ConditionExpression: aws.String("attribute_not_exists(id)"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":z": rdN("0")}}},
	}})
	var tce *types.TransactionCanceledException
	if !errors.As(err, &tce) {
		t.Fatalf("got %v, want TransactionCanceledException", err)
	}
	wantMsg := "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None, ConditionalCheckFailed]"
	if got := aws.ToString(tce.Message); got != wantMsg {
		t.Errorf("got message %q, want %q", got, wantMsg)
	}
	want := []struct{ code, msg, item string }{
		{"None", "", "-"},
		{"ConditionalCheckFailed", "The conditional request failed", "10"},
		{"None", "", "-"},
		{"ConditionalCheckFailed", "The conditional request failed", "-"},
	}
	if len(tce.CancellationReasons) != len(want) {
		t.Fatalf("got %d reasons, want %d", len(tce.CancellationReasons), len(want))
	}
	for i, r := range tce.CancellationReasons {
		got := struct{ code, msg, item string }{aws.ToString(r.Code), aws.ToString(r.Message), rdShow(r.Item["balance"])}
		if got != want[i] {
			t.Errorf("reason %d: got %+v, want %+v", i, got, want[i])
		}
	}
	b, err := rdBalances(c, 3)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(b) != "[10 10 10]" {
		t.Errorf("got balances %v after a cancelled transaction, want [10 10 10]", b)
	}
	out, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("Accounts"), Key: rdItem{"id": rdS("new")}})
	if err != nil || out.Item != nil {
		t.Errorf("got item %v (err %v) for the cancelled Put, want none", out.Item, err)
	}
}

func TestTransact_Errors(t *testing.T) {
	c := newClient(t)
	ctx := context.Background()
	rdAccounts(t, c, 2, 10)
	acct := func(i int) rdItem { return rdItem{"id": rdS(fmt.Sprintf("acct%d", i))} }
	_, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Delete: &types.Delete{TableName: aws.String("Accounts"), Key: acct(0)}},
		{ConditionCheck: &types.ConditionCheck{TableName: aws.String("Accounts"), Key: acct(0), ConditionExpression: aws.String("attribute_exists(id)")}},
	}})
	rdWant(t, err, "ValidationException", "Transaction request cannot include multiple operations on one item")
	_, err = c.TransactGetItems(ctx, &dynamodb.TransactGetItemsInput{TransactItems: []types.TransactGetItem{
		{Get: &types.Get{TableName: aws.String("Accounts"), Key: acct(1)}},
		{Get: &types.Get{TableName: aws.String("Accounts"), Key: acct(1)}},
	}})
	rdWant(t, err, "ValidationException", "Transaction request cannot include multiple operations on one item")
	_, err = c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Delete: &types.Delete{TableName: aws.String("Nope"), Key: acct(0)}},
	}})
	rdWant(t, err, "ResourceNotFoundException", "Requested resource not found")
	b, err := rdBalances(c, 2)
	if err != nil || fmt.Sprint(b) != "[10 10]" {
		t.Errorf("got balances %v (err %v), want [10 10]", b, err)
	}
}

func TestTransact_IdempotentRetries(t *testing.T) {
	now := time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)
	var mu sync.Mutex
	c, _ := newClientWithDB(t, engine.Options{Now: func() time.Time { mu.Lock(); defer mu.Unlock(); return now }})
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	rdAccounts(t, c, 2, 100)
	token := aws.String("transfer-0001")
	steps := []struct {
		name     string
		amount   int
		advance  time.Duration
		wantErr  string
		balances string
	}{
		{"first", 10, 0, "", "[90 110]"},
		{"retry", 10, 0, "", "[90 110]"},
		{"retry after 9 minutes", 10, 9 * time.Minute, "", "[90 110]"},
		{"same token, other amount", 20, 0, "IdempotentParameterMismatchException", "[90 110]"},
		{"after the window", 10, 2 * time.Minute, "", "[80 120]"},
	}
	for _, s := range steps {
		advance(s.advance)
		err := rdTransfer(c, 0, 1, s.amount, token)
		switch {
		case s.wantErr == "" && err != nil:
			t.Errorf("%s: unexpected error %v", s.name, err)
		case s.wantErr != "":
			if code, _ := apiErr(t, err); code != s.wantErr {
				t.Errorf("%s: got %s, want %s", s.name, code, s.wantErr)
			}
		}
		b, err := rdBalances(c, 2)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(b) != s.balances {
			t.Errorf("%s: got balances %v, want %s", s.name, b, s.balances)
		}
	}
}

// TestTransact_ConcurrentTransfersConserveTotal runs conflicting transfers
// from many goroutines while others read every balance in one
// TransactGetItems: no reader may ever see a half-applied transfer, and the
// total is conserved. Run it with -race.
func TestTransact_ConcurrentTransfersConserveTotal(t *testing.T) {
	const accounts, balance, workers, transfers = 6, 50, 8, 40
	c := newClient(t)
	rdAccounts(t, c, accounts, balance)
	var wg sync.WaitGroup
	errs := make(chan error, workers*transfers+64)
	var cancelled atomic.Int64
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), 7))
			for i := 0; i < transfers; i++ {
				from := r.IntN(accounts)
				to := (from + 1 + r.IntN(accounts-1)) % accounts
				err := rdTransfer(c, from, to, 1+r.IntN(30), nil)
				var tce *types.TransactionCanceledException
				switch {
				case errors.As(err, &tce):
					cancelled.Add(1)
				case err != nil:
					errs <- err
				}
			}
		}()
	}
	stop := make(chan struct{})
	var readers sync.WaitGroup
	for r := 0; r < 2; r++ {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				b, err := rdBalances(c, accounts)
				if err != nil {
					errs <- err
					return
				}
				sum := 0
				for _, x := range b {
					if x < 0 {
						errs <- fmt.Errorf("negative balance in %v", b)
					}
					sum += x
				}
				if sum != accounts*balance {
					errs <- fmt.Errorf("reader saw total %d in %v, want %d", sum, b, accounts*balance)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(stop)
	readers.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	b, err := rdBalances(c, accounts)
	if err != nil {
		t.Fatal(err)
	}
	sum := 0
	for _, x := range b {
		sum += x
	}
	if sum != accounts*balance {
		t.Errorf("final total %d (%v), want %d", sum, b, accounts*balance)
	}
	t.Logf("%d of %d transfers cancelled for want of funds", cancelled.Load(), workers*transfers)
}
