package expr

import (
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
)

func TestSplitKeyCondition(t *testing.T) {
	values := map[string]attr.Value{":h": attr.S("h"), ":a": attr.S("a"), ":b": attr.S("b")}
	names := map[string]string{"#pk": "pk", "#sk": "sk"}
	tests := []struct {
		src, rangeName string
		want           string // HashName=Hash RangeName RangeOp RangeA RangeB
		wantErr        string
	}{
		{src: "pk = :h", rangeName: "sk", want: `pk={"S":"h"}`},
		{src: "pk = :h", want: `pk={"S":"h"}`},
		{src: "#pk = :h AND #sk = :a", rangeName: "sk", want: `pk={"S":"h"} sk = {"S":"a"} null`},
		{src: "sk < :a AND pk = :h", rangeName: "sk", want: `pk={"S":"h"} sk < {"S":"a"} null`},
		{src: "pk = :h AND sk <= :a", rangeName: "sk", want: `pk={"S":"h"} sk <= {"S":"a"} null`},
		{src: "pk = :h AND sk > :a", rangeName: "sk", want: `pk={"S":"h"} sk > {"S":"a"} null`},
		{src: "pk = :h AND sk >= :a", rangeName: "sk", want: `pk={"S":"h"} sk >= {"S":"a"} null`},
		{src: "pk = :h AND :a < sk", rangeName: "sk", want: `pk={"S":"h"} sk > {"S":"a"} null`},
		{src: ":h = pk", rangeName: "sk", want: `pk={"S":"h"}`},
		{src: "pk = :h AND sk BETWEEN :a AND :b", rangeName: "sk", want: `pk={"S":"h"} sk BETWEEN {"S":"a"} {"S":"b"}`},
		{src: "pk = :h AND begins_with(sk, :a)", rangeName: "sk", want: `pk={"S":"h"} sk BEGINS_WITH {"S":"a"} null`},
		{src: "(pk = :h) AND (sk = :a)", rangeName: "sk", want: `pk={"S":"h"} sk = {"S":"a"} null`},
		{src: "sk = :a", rangeName: "sk", wantErr: "Query condition missed key schema element: pk"},
		{src: "pk = :h OR sk = :a", rangeName: "sk", wantErr: "Invalid operator used in KeyConditionExpression: OR"},
		{src: "NOT pk = :h", rangeName: "sk", wantErr: "Invalid operator used in KeyConditionExpression: NOT"},
		{src: "pk IN (:h)", rangeName: "sk", wantErr: "Invalid operator used in KeyConditionExpression: IN"},
		{src: "pk = :h AND sk <> :a", rangeName: "sk", wantErr: "Invalid operator used in KeyConditionExpression: <>"},
		{src: "pk = :h AND attribute_exists(sk)", rangeName: "sk", wantErr: "Invalid operator used in KeyConditionExpression: attribute_exists"},
		{src: "pk = :h AND contains(sk, :a)", rangeName: "sk", wantErr: "Invalid operator used in KeyConditionExpression: contains"},
		{src: "pk = :h AND pk = :a", rangeName: "sk", wantErr: "KeyConditionExpressions must only contain one condition per key"},
		{src: "pk = :h AND sk > :a AND sk < :b", rangeName: "sk", wantErr: "KeyConditionExpressions must only contain one condition per key"},
		{src: "pk = :h AND price = :a", rangeName: "sk", wantErr: "Query key condition not supported"},
		{src: "pk = :h AND sk = :a", wantErr: "Query key condition not supported"},
		{src: "pk > :h", rangeName: "sk", wantErr: "Query key condition not supported"},
		{src: "pk = sk", rangeName: "sk", wantErr: "Query key condition not supported"},
		{src: "pk.x = :h", rangeName: "sk", wantErr: "Query key condition not supported"},
		{src: "pk = :h AND size(sk) > :a", rangeName: "sk", wantErr: "Query key condition not supported"},
		{src: "begins_with(pk, :h)", rangeName: "sk", wantErr: "Query key condition not supported"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			p, err := ParseCondition(KindKeyCondition, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			c, err := NewResolver(names, values).Condition(KindKeyCondition, p)
			if err != nil {
				t.Fatal(err)
			}
			kc, err := SplitKeyCondition(c, "pk", tt.rangeName)
			if got := errText(t, err); got != tt.wantErr {
				t.Fatalf("error\n got: %s\nwant: %s", got, tt.wantErr)
			}
			if err != nil {
				return
			}
			if got := keyCondString(kc); got != tt.want {
				t.Errorf("SplitKeyCondition = %s, want %s", got, tt.want)
			}
		})
	}
}

func keyCondString(kc *KeyCond) string {
	s := kc.HashName + "=" + kc.Hash.String()
	if kc.RangeName != "" {
		s += " " + kc.RangeName + " " + kc.RangeOp + " " + kc.RangeA.String() + " " + kc.RangeB.String()
	}
	return s
}

func TestSplitKeyCondition_Legacy(t *testing.T) {
	h, a, b := attr.S("h"), attr.S("a"), attr.S("b")
	tests := []struct {
		name    string
		m       map[string]ExpectedValue
		want    string
		wantErr string
	}{
		{"hash only", map[string]ExpectedValue{"pk": {ComparisonOperator: "EQ", AttributeValueList: []attr.Value{h}}}, `pk={"S":"h"}`, ""},
		{"hash and range", map[string]ExpectedValue{
			"pk": {ComparisonOperator: "EQ", AttributeValueList: []attr.Value{h}},
			"sk": {ComparisonOperator: "BETWEEN", AttributeValueList: []attr.Value{a, b}},
		}, `pk={"S":"h"} sk BETWEEN {"S":"a"} {"S":"b"}`, ""},
		{"begins_with", map[string]ExpectedValue{
			"pk": {ComparisonOperator: "EQ", AttributeValueList: []attr.Value{h}},
			"sk": {ComparisonOperator: "BEGINS_WITH", AttributeValueList: []attr.Value{a}},
		}, `pk={"S":"h"} sk BEGINS_WITH {"S":"a"} null`, ""},
		{"GT", map[string]ExpectedValue{
			"pk": {ComparisonOperator: "EQ", AttributeValueList: []attr.Value{h}},
			"sk": {ComparisonOperator: "GT", AttributeValueList: []attr.Value{a}},
		}, `pk={"S":"h"} sk > {"S":"a"} null`, ""},
		{"NE", map[string]ExpectedValue{
			"pk": {ComparisonOperator: "EQ", AttributeValueList: []attr.Value{h}},
			"sk": {ComparisonOperator: "NE", AttributeValueList: []attr.Value{a}},
		}, "", "Attempted conditional constraint is not an indexable operation"},
		{"CONTAINS", map[string]ExpectedValue{
			"pk": {ComparisonOperator: "EQ", AttributeValueList: []attr.Value{h}},
			"sk": {ComparisonOperator: "CONTAINS", AttributeValueList: []attr.Value{a}},
		}, "", "Attempted conditional constraint is not an indexable operation"},
		{"missing hash", map[string]ExpectedValue{"sk": {ComparisonOperator: "EQ", AttributeValueList: []attr.Value{a}}}, "", "Query condition missed key schema element: pk"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := FromExpected("KeyConditions", tt.m, "")
			if err != nil {
				t.Fatal(err)
			}
			kc, err := SplitKeyCondition(c, "pk", "sk")
			if got := errText(t, err); got != tt.wantErr {
				t.Fatalf("error\n got: %s\nwant: %s", got, tt.wantErr)
			}
			if err == nil {
				if got := keyCondString(kc); got != tt.want {
					t.Errorf("SplitKeyCondition = %s, want %s", got, tt.want)
				}
			}
		})
	}
}
