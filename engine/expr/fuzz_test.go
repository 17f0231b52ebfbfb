package expr

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// Seeds: the Developer Guide's documented examples, plus a few malformed ones.
var (
	conditionSeeds = []string{
		"attribute_not_exists(Price)",
		"attribute_exists(#pr.FiveStar)",
		"attribute_not_exists(Id) AND attribute_not_exists(Price)",
		"Price > :limit",
		"Price <= :p",
		"#P between :lo and :hi",
		"ProductCategory IN (:cat1, :cat2)",
		"(ProductCategory IN (:cat1, :cat2)) and (Price between :lo and :hi)",
		"attribute_type(ProductReviews.FiveStar, :v_sub)",
		"begins_with(Pictures.FrontView, :v_sub)",
		"contains(Color, :v_sub)",
		"size(Brand) <= :v_sub",
		"size(VideoClip) > :v_sub",
		"size(ProductReviews.OneStar) > :v_sub",
		"#yr = :yyyy",
		"#yr between :start_yr and :end_yr",
		"Artist = :a and SongTitle BETWEEN :t1 AND :t2",
		"NOT (a = :a OR b <> :b) AND c[0].d >= :c",
		"((a = :a))",
		"a = ",
		"status = :s",
		strings.Repeat("NOT ", 400) + "a = :a",
	}
	updateSeeds = []string{
		"SET ProductCategory = :c, Price = :p",
		"SET RelatedItems[1] = :ri",
		"SET #pr.FiveStar[1] = :r5, #pr.ThreeStar = :r3",
		"SET Price = Price - :p",
		"SET Price = Price + :p",
		"SET #ri = list_append(#ri, :vals)",
		"SET #ri = list_append(:vals, #ri)",
		"SET Price = if_not_exists(Price, :p)",
		"REMOVE Brand, InStock, QuantityOnHand",
		"REMOVE RelatedItems[1], RelatedItems[2]",
		"ADD QuantityOnHand :q",
		"ADD Color :c",
		"DELETE Color :p",
		"SET info.rating = :r, info.plot=:p, info.actors=:a",
		"remove info.actors[0]",
		"set info.rating = info.rating + :val",
		"SET a = :v SET b = :v",
		"SET a = b + :v REMOVE c ADD d :n DELETE e :s",
	}
	projectionSeeds = []string{
		"Description, RelatedItems[0], ProductReviews.FiveStar",
		"#pr.FiveStar, #pr.ThreeStar",
		"Title, Price, Color",
		"#yr, title, info.genres, info.actors[0]",
		"a,,b",
	}
)

// fuzzValues gives every placeholder a value, rotating through the types.
func fuzzValues(t *testing.T) []attr.Value {
	return []attr.Value{
		attr.S("ab"), num(t, "3"), attr.B([]byte{1}), attr.Bool(true), attr.Null(),
		ss(t, "a"), ns(t, "1"), bs(t, "x"), list(attr.S("ab")), attr.M(map[string]attr.Value{"x": attr.S("y")}), attr.S("N"),
	}
}

// fuzzItem has attributes of every type under the names tests generate.
func fuzzItem(t *testing.T) attr.Item {
	vals := fuzzValues(t)
	it := attr.Item{}
	for i, v := range vals {
		it[string(rune('a'+i))] = v
	}
	it["n"] = attr.M(map[string]attr.Value{"a": list(num(t, "1"), attr.M(map[string]attr.Value{"b": attr.S("c")}))})
	return it
}

// placeholders collects the #names and :values in src and maps each to a
// name ("a", "b", …) or a value of some type.
func placeholders(t *testing.T, src string) (map[string]string, map[string]attr.Value) {
	names := map[string]string{}
	values := map[string]attr.Value{}
	vals := fuzzValues(t)
	for _, tok := range tokenize(src) {
		switch tok.Kind {
		case tokName:
			names[tok.Text] = string(rune('a' + len(names)%12))
		case tokValue:
			values[tok.Text] = vals[len(values)%len(vals)]
		}
	}
	return names, values
}

func checkValidation(t *testing.T, what string, err error) {
	t.Helper()
	var e *ddberr.Error
	if err != nil && (!errors.As(err, &e) || e.Type != ddberr.TypeValidation) {
		t.Fatalf("%s: error %v is not a ValidationException", what, err)
	}
}

func FuzzParseCondition(f *testing.F) {
	for _, s := range conditionSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, kind := range []Kind{KindCondition, KindKeyCondition} {
			p, err := ParseCondition(kind, src)
			checkValidation(t, "ParseCondition", err)
			if err != nil {
				continue
			}
			printed := p.String()
			if len(printed) > MaxExpressionSize {
				continue
			}
			again, err := ParseCondition(kind, printed)
			if err != nil {
				t.Fatalf("re-parse of %q (from %q): %v", printed, src, err)
			}
			if !reflect.DeepEqual(again, p) {
				t.Fatalf("re-parse of %q (from %q) gives a different tree", printed, src)
			}
			names, values := placeholders(t, src)
			c, err := NewResolver(names, values).Condition(kind, p)
			checkValidation(t, "Resolve", err)
			if err != nil {
				continue
			}
			c.Eval(fuzzItem(t))
			c.Eval(nil)
			_, err = SplitKeyCondition(c, "a", "b")
			checkValidation(t, "SplitKeyCondition", err)
		}
	})
}

func FuzzParseUpdate(f *testing.F) {
	for _, s := range updateSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		p, err := ParseUpdate(src)
		checkValidation(t, "ParseUpdate", err)
		if err != nil {
			return
		}
		printed := p.String()
		if len(printed) <= MaxExpressionSize {
			again, err := ParseUpdate(printed)
			if err != nil {
				t.Fatalf("re-parse of %q (from %q): %v", printed, src, err)
			}
			if !reflect.DeepEqual(again, p) {
				t.Fatalf("re-parse of %q (from %q) gives a different tree", printed, src)
			}
		}
		names, values := placeholders(t, src)
		u, err := NewResolver(names, values).Update(p)
		checkValidation(t, "Resolve", err)
		if err != nil {
			return
		}
		item := fuzzItem(t)
		_, err = u.Apply(item)
		checkValidation(t, "Apply", err)
		_, err = u.Apply(nil)
		checkValidation(t, "Apply(nil)", err)
		if !itemsEqual(item, fuzzItem(t)) {
			t.Fatalf("Apply modified its input")
		}
	})
}

func FuzzParseProjection(f *testing.F) {
	for _, s := range projectionSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		p, err := ParseProjection(src)
		checkValidation(t, "ParseProjection", err)
		if err != nil {
			return
		}
		printed := p.String()
		if len(printed) <= MaxExpressionSize {
			again, err := ParseProjection(printed)
			if err != nil {
				t.Fatalf("re-parse of %q (from %q): %v", printed, src, err)
			}
			if !reflect.DeepEqual(again, p) {
				t.Fatalf("re-parse of %q (from %q) gives a different tree", printed, src)
			}
		}
		names, _ := placeholders(t, src)
		r, err := NewResolver(names, nil).Projection(p)
		checkValidation(t, "Resolve", err)
		if err == nil {
			r.Apply(fuzzItem(t))
		}
	})
}
