package engine

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
)

func BenchmarkBatchWriteItem(b *testing.B) {
	db := readDB(b)
	pad := attr.S(strings.Repeat("x", 1000))
	b.Run("25 puts of 1 KB", func(b *testing.B) {
		round := 0
		for b.Loop() {
			reqs := make([]WriteRequest, 25)
			for i := range reqs {
				reqs[i] = WriteRequest{PutRequest: &PutRequest{Item: attr.Item{
					"pk": attr.S(fmt.Sprintf("k%d-%d", round%1000, i)), "p": pad}}}
			}
			round++
			if _, err := db.BatchWriteItem(&BatchWriteItemInput{RequestItems: map[string][]WriteRequest{"hhh": reqs}}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkTransactWriteItems(b *testing.B) {
	db := readDB(b)
	one, _ := attr.N("1")
	str := func(s string) *string { return &s }
	for i := 0; i < 10; i++ {
		if _, err := db.PutItem(&PutItemInput{TableName: "hhh", Item: attr.Item{"pk": attr.S(fmt.Sprintf("acct%d", i)), "v": one}}); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("10 conditional updates", func(b *testing.B) {
		items := make([]TransactWriteItem, 10)
		for i := range items {
			items[i] = TransactWriteItem{Update: &TransactUpdate{TableName: "hhh",
				Key:                       attr.Item{"pk": attr.S(fmt.Sprintf("acct%d", i))},
				UpdateExpression:          str("SET v = v + :one"),
				ConditionExpression:       str("attribute_exists(pk)"),
				ExpressionAttributeValues: map[string]attr.Value{":one": one}}}
		}
		in := &TransactWriteItemsInput{TransactItems: items}
		for b.Loop() {
			if _, err := db.TransactWriteItems(in); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkTransactGetItems(b *testing.B) {
	db := readDB(b)
	one, _ := attr.N("1")
	for i := 0; i < 10; i++ {
		if _, err := db.PutItem(&PutItemInput{TableName: "hhh", Item: attr.Item{"pk": attr.S(fmt.Sprintf("acct%d", i)), "v": one}}); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("10 gets", func(b *testing.B) {
		gets := make([]TransactGetItem, 10)
		for i := range gets {
			gets[i] = TransactGetItem{Get: &TransactGet{TableName: "hhh", Key: attr.Item{"pk": attr.S(fmt.Sprintf("acct%d", i))}}}
		}
		in := &TransactGetItemsInput{TransactItems: gets}
		for b.Loop() {
			if _, err := db.TransactGetItems(in); err != nil {
				b.Fatal(err)
			}
		}
	})
}
