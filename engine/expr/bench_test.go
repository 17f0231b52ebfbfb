package expr

import (
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
)

func BenchmarkCondition(b *testing.B) {
	const src = "attribute_exists(#pk) AND Price BETWEEN :lo AND :hi AND (contains(Tags, :tag) OR size(Title) > :n)"
	names := map[string]string{"#pk": "pk"}
	values := map[string]attr.Value{":lo": num(b, "10"), ":hi": num(b, "100"), ":tag": attr.S("sale"), ":n": num(b, "3")}
	item := attr.Item{"pk": attr.S("p1"), "Price": num(b, "42"), "Tags": ss(b, "new", "sale"), "Title": attr.S("Bicycle")}
	b.Run("parse", func(b *testing.B) {
		for b.Loop() {
			if _, err := ParseCondition(KindCondition, src); err != nil {
				b.Fatal(err)
			}
		}
	})
	p, err := ParseCondition(KindCondition, src)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("resolve", func(b *testing.B) {
		for b.Loop() {
			if _, err := NewResolver(names, values).Condition(KindCondition, p); err != nil {
				b.Fatal(err)
			}
		}
	})
	c, err := NewResolver(names, values).Condition(KindCondition, p)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("eval", func(b *testing.B) {
		for b.Loop() {
			if !c.Eval(item) {
				b.Fatal("Eval = false")
			}
		}
	})
	b.Run("all", func(b *testing.B) {
		for b.Loop() {
			p, _ := ParseCondition(KindCondition, src)
			c, _ := NewResolver(names, values).Condition(KindCondition, p)
			c.Eval(item)
		}
	})
}

func BenchmarkUpdate(b *testing.B) {
	const src = "SET Price = Price + :d, Tags = list_append(Tags, :t), Info.Seen = if_not_exists(Info.Seen, :zero) REMOVE Stale ADD Hits :one"
	values := map[string]attr.Value{
		":d": num(b, "0.5"), ":t": list(attr.S("x")), ":zero": num(b, "0"), ":one": num(b, "1"),
	}
	item := attr.Item{
		"pk": attr.S("p1"), "Price": num(b, "42"), "Tags": list(attr.S("a"), attr.S("b")),
		"Info": attr.M(map[string]attr.Value{"Maker": attr.S("X")}), "Stale": attr.Bool(true), "Hits": num(b, "7"),
	}
	p, err := ParseUpdate(src)
	if err != nil {
		b.Fatal(err)
	}
	u, err := NewResolver(nil, values).Update(p)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("apply", func(b *testing.B) {
		for b.Loop() {
			if _, err := u.Apply(item); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("parse+resolve+apply", func(b *testing.B) {
		for b.Loop() {
			p, _ := ParseUpdate(src)
			u, _ := NewResolver(nil, values).Update(p)
			if _, err := u.Apply(item); err != nil {
				b.Fatal(err)
			}
		}
	})
}
