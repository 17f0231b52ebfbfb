package expr_test

import (
	"fmt"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/expr"
)

func ExampleParseCondition() {
	p, err := expr.ParseCondition(expr.KindCondition, "attribute_exists(#pr.FiveStar) and Price between :lo and :hi")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p)

	_, err = expr.ParseCondition(expr.KindCondition, "status = :s")
	fmt.Println(err)
	// Output:
	// attribute_exists(#pr.FiveStar) AND Price BETWEEN :lo AND :hi
	// ValidationException: Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status
}

func ExampleCondition_Eval() {
	lo, _ := attr.N("10")
	hi, _ := attr.N("20")
	price, _ := attr.N("15")
	p, _ := expr.ParseCondition(expr.KindFilter, "#p BETWEEN :lo AND :hi AND NOT contains(Title, :word)")
	r := expr.NewResolver(map[string]string{"#p": "Price"}, map[string]attr.Value{":lo": lo, ":hi": hi, ":word": attr.S("Used")})
	c, err := r.Condition(expr.KindFilter, p)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.CheckUnused())
	fmt.Println(c.Eval(attr.Item{"Price": price, "Title": attr.S("New bicycle")}))
	fmt.Println(c.Eval(attr.Item{"Price": price, "Title": attr.S("Used bicycle")}))
	fmt.Println(c.Eval(nil))
	// Output:
	// <nil>
	// true
	// false
	// false
}

func ExampleUpdate_Apply() {
	one, _ := attr.N("1")
	p, _ := expr.ParseUpdate("SET Price = Price + :one, Tags = list_append(Tags, :t) REMOVE Discount")
	u, err := expr.NewResolver(nil, map[string]attr.Value{
		":one": one, ":t": attr.L([]attr.Value{attr.S("sale")}),
	}).Update(p)
	if err != nil {
		fmt.Println(err)
		return
	}
	price, _ := attr.N("9.5")
	item := attr.Item{"Price": price, "Tags": attr.L([]attr.Value{attr.S("new")}), "Discount": attr.Bool(true)}
	out, err := u.Apply(item)
	fmt.Println(string(attr.AppendItemJSON(nil, out)), err)

	_, err = u.Apply(attr.Item{})
	fmt.Println(err)
	// Output:
	// {"Price":{"N":"10.5"},"Tags":{"L":[{"S":"new"},{"S":"sale"}]}} <nil>
	// ValidationException: The provided expression refers to an attribute that does not exist in the item
}

func ExampleProjection_Apply() {
	pp, _ := expr.ParseProjection("Title, Reviews[1], Info.Made")
	p, _ := expr.NewResolver(nil, nil).Projection(pp)
	year, _ := attr.N("1999")
	item := attr.Item{
		"Title":   attr.S("Bike"),
		"Price":   attr.S("cheap"),
		"Reviews": attr.L([]attr.Value{attr.S("good"), attr.S("great"), attr.S("fine")}),
		"Info":    attr.M(map[string]attr.Value{"Made": year, "Maker": attr.S("X")}),
	}
	fmt.Println(string(attr.AppendItemJSON(nil, p.Apply(item))))
	// Output:
	// {"Info":{"M":{"Made":{"N":"1999"}}},"Reviews":{"L":[{"S":"great"}]},"Title":{"S":"Bike"}}
}

func ExampleSplitKeyCondition() {
	p, _ := expr.ParseCondition(expr.KindKeyCondition, "Artist = :a AND begins_with(SongTitle, :t)")
	c, _ := expr.NewResolver(nil, map[string]attr.Value{":a": attr.S("No One You Know"), ":t": attr.S("Call")}).Condition(expr.KindKeyCondition, p)
	kc, err := expr.SplitKeyCondition(c, "Artist", "SongTitle")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(kc.HashName, kc.Hash, kc.RangeName, kc.RangeOp, kc.RangeA)

	_, err = expr.SplitKeyCondition(c, "Year", "")
	fmt.Println(err)
	// Output:
	// Artist {"S":"No One You Know"} SongTitle BEGINS_WITH {"S":"Call"}
	// ValidationException: Query condition missed key schema element: Year
}
