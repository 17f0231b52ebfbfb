package partiql

import (
	"strings"
	"testing"
)

func TestParse_Kinds(t *testing.T) {
	tests := []struct {
		src    string
		kind   Kind
		table  string
		index  string
		params int
	}{
		{`SELECT * FROM "Music"`, KindSelect, "Music", "", 0},
		{`select * from "Music"."BySong" where SongTitle = ?;`, KindSelect, "Music", "BySong", 1},
		{`INSERT INTO "Music" value {'Artist' : ?,'SongTitle' : ?}`, KindInsert, "Music", "", 2},
		{`UPDATE "Music" SET a = ? WHERE Artist = ? AND SongTitle = ?`, KindUpdate, "Music", "", 3},
		{`DELETE FROM Music WHERE Artist = 'a' -- a comment`, KindDelete, "Music", "", 0},
		{`EXISTS(SELECT * FROM "Music" WHERE Artist = 'a')`, KindExists, "Music", "", 0},
		{`SELECT "a""b" FROM "t""q" WHERE 'it''s' = x`, KindSelect, `t"q`, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			st, err := Parse(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if st.Kind() != tt.kind || st.Table() != tt.table || st.Index() != tt.index || st.Params() != tt.params {
				t.Fatalf("got kind %d table %q index %q params %d", st.Kind(), st.Table(), st.Index(), st.Params())
			}
			if st.Kind().IsRead() != (tt.kind == KindSelect || tt.kind == KindExists) {
				t.Fatal("IsRead wrong")
			}
		})
	}
}

func TestParse_Errors(t *testing.T) {
	tests := []struct{ src, msg string }{
		{``, msgEmpty},
		{strings.Repeat(" ", MaxStatementSize+1), msgTooLong},
		{`SELECT`, "Statement wasn't well formed, can't be processed: Unexpected end of statement"},
		{`SELECT * FROM`, "Statement wasn't well formed, can't be processed: Unexpected end of statement"},
		{`SELECT * FORM t`, "Statement wasn't well formed, can't be processed: Unexpected token: FORM"},
		{`SELECT * FROM t WHERE a = 'x`, "Statement wasn't well formed, can't be processed: Unterminated quoted text: 'x"},
		{`SELECT * FROM t WHERE a ~ 1`, "Statement wasn't well formed, can't be processed: Invalid character: ~"},
		{`SELECT * FROM t WHERE a = 1 b`, "Statement wasn't well formed, can't be processed: Unexpected token: b"},
		{`SELECT * FROM select`, "Statement wasn't well formed, can't be processed: Unexpected token: select"},
		{`SELECT * FROM t WHERE upper(a) = 'A'`, "Unsupported function: upper"},
		{`SELECT * FROM t WHERE begins_with(a)`, "Incorrect number of arguments for function: begins_with"},
		{`SELECT * FROM t WHERE a = 1e999`, "Number overflow. Attempting to store a number with magnitude larger than supported range"},
		{`INSERT INTO t VALUE {'a': 1}, {'a': 2}`, msgInsertMany},
		{`INSERT INTO t <<{'a': 1}, {'a': 2}>>`, msgInsertMany},
		{`INSERT INTO t VALUE {'a': 1, 'a': 2}`, "Duplicate attribute name in tuple: a"},
		{`UPDATE t WHERE a = 1`, "Statement wasn't well formed, can't be processed: Unexpected token: WHERE"},
		{`UPDATE t SET a = 1`, "Statement wasn't well formed, can't be processed: Unexpected end of statement"},
		{`DELETE FROM t WHERE a = 1 RETURNING ALL *`, "Statement wasn't well formed, can't be processed: Unexpected token: *"},
		{`SELECT * FROM t WHERE a IS 3`, "Statement wasn't well formed, can't be processed: Unexpected token: 3"},
		{`SELECT * FROM t WHERE a[x] = 1`, "Statement wasn't well formed, can't be processed: Unexpected token: x"},
		{`SELECT * FROM t WHERE a`, "Statement wasn't well formed, can't be processed: Unexpected end of statement"},
		{`SELECT * FROM t WHERE ` + strings.Repeat("(", 300) + "a = 1" + strings.Repeat(")", 300), "Statement wasn't well formed, can't be processed: Statement is nested too deeply; maximum nesting depth: 256"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, err := Parse(tt.src)
			wantValidation(t, err, tt.msg)
		})
	}
}
