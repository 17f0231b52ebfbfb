package attr_test

import (
	"encoding/json"
	"fmt"

	"github.com/ddbplay/ddbplay/engine/attr"
)

func ExampleValue_UnmarshalJSON() {
	for _, in := range []string{
		`{"NS":["1.50","2e1"]}`,
		`{"SS":["a","a"]}`,
		`{"S":5}`,
		`{}`,
	} {
		var v attr.Value
		if err := json.Unmarshal([]byte(in), &v); err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(v)
	}
	// Output:
	// {"NS":["1.5","20"]}
	// ValidationException: One or more parameter values were invalid: Input collection [a, a] contains duplicates.
	// SerializationException: NUMBER_VALUE cannot be converted to String
	// ValidationException: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes
}

func ExampleItemSize() {
	price, _ := attr.N("12.5")
	it := attr.Item{
		"id":    attr.S("abc"),                                  // 2 + 3
		"price": price,                                          // 5 + 3
		"tags":  attr.L([]attr.Value{attr.S("x"), attr.Null()}), // 4 + 3 + (1+1) + (1+1)
	}
	fmt.Println(attr.ItemSize(it), attr.ItemSize(it) <= attr.MaxItemSize)
	// Output:
	// 24 true
}

func ExampleAppendItemJSON() {
	it := attr.Item{"b": attr.Bool(true), "a": attr.S("x")}
	fmt.Println(string(attr.AppendItemJSON(nil, it)))
	fmt.Println(string(attr.AppendItemJSON(nil, nil)))
	// Output:
	// {"a":{"S":"x"},"b":{"BOOL":true}}
	// {}
}
