package storage_test

import (
	"fmt"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/storage"
)

func ExampleTable_Query() {
	tb := storage.NewTable(storage.KeySchema{Hash: "artist", Range: "song"}, []storage.IndexDef{
		{Name: "byYear", Key: storage.KeySchema{Hash: "year"}, ProjectionType: storage.ProjectKeysOnly},
	})
	year := func(s string) attr.Value { v, _ := attr.N(s); return v }
	for _, s := range []struct{ artist, song, year string }{
		{"Acme Band", "Happy Day", "2020"},
		{"Acme Band", "Call Me Today", "2019"},
		{"Acme Band", "Hello", "2020"},
		{"No One", "Call Me Today", "2020"},
	} {
		tb.Put(attr.Item{"artist": attr.S(s.artist), "song": attr.S(s.song), "year": year(s.year)})
	}

	// Songs of Acme Band starting with "H", last first.
	tb.Query("", attr.S("Acme Band"), storage.RangeCond{Op: storage.OpBeginsWith, A: attr.S("H")}, false, nil,
		func(it attr.Item) bool {
			fmt.Println(it["song"].Str())
			return true
		})
	fmt.Println(tb.Len(), "items,", tb.IndexLen("byYear"), "in byYear,", tb.SizeBytes(), "bytes")
	// Output:
	// Hello
	// Happy Day
	// 4 items, 4 in byYear, 141 bytes
}

func ExampleTable_Scan() {
	tb := storage.NewTable(storage.KeySchema{Hash: "id"}, nil)
	for _, id := range []string{"a", "b", "c", "d", "e", "f"} {
		tb.Put(attr.Item{"id": attr.S(id)})
	}
	// Two parallel-scan segments together hand out every item once.
	n := 0
	for segment := range 2 {
		tb.Scan("", segment, 2, nil, func(attr.Item) bool {
			n++
			return true
		})
	}
	fmt.Println(n)
	// Output: 6
}

func ExampleTable_Clone() {
	tb := storage.NewTable(storage.KeySchema{Hash: "id"}, nil)
	tb.Put(attr.Item{"id": attr.S("a"), "v": attr.S("before")})

	snap := tb.Clone() // O(1); later writes to tb are not seen by snap
	tb.Put(attr.Item{"id": attr.S("a"), "v": attr.S("after")})

	now, _ := tb.Get(attr.Item{"id": attr.S("a")})
	then, _ := snap.Get(attr.Item{"id": attr.S("a")})
	fmt.Println(now["v"].Str(), then["v"].Str())
	// Output: after before
}
