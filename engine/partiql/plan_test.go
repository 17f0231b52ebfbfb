package partiql

import (
	"regexp"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
)

// expand replaces the placeholders of an expression by the names and
// values they stand for, so that tests read like the statement.
func expand(p *Plan, e string) string {
	return regexp.MustCompile(`[#:][0-9a-z]+`).ReplaceAllStringFunc(e, func(ph string) string {
		if n, ok := p.Names[ph]; ok {
			return n
		}
		if v, ok := p.Values[ph]; ok {
			return string(attr.AppendJSON(nil, v))
		}
		return ph
	})
}

func TestPlan_SelectQueryOrScan(t *testing.T) {
	tests := []struct {
		src                string
		query              bool
		hashes             int
		key, filter, proj  string
		forward, hasGetKey bool
	}{
		// The Developer Guide's examples of statements that do not scan…
		{src: `SELECT * FROM "Orders" WHERE OrderID = 100`, query: true, hashes: 1, key: "OrderID = :pk", forward: true, hasGetKey: true},
		{src: `SELECT * FROM "Orders" WHERE OrderID = 100 and Address='some address'`, query: true, hashes: 1, key: "OrderID = :pk", filter: `Address = {"S":"some address"}`, forward: true},
		{src: `SELECT * FROM "Orders" WHERE OrderID = 100 or OrderID = 200`, query: true, hashes: 2, key: "OrderID = :pk", forward: true},
		{src: `SELECT * FROM "Orders" WHERE OrderID IN [100, 300, 234]`, query: true, hashes: 3, key: "OrderID = :pk", forward: true},
		// …and of statements that do.
		{src: `SELECT * FROM "Orders" WHERE OrderID > 1`, filter: `OrderID > {"N":"1"}`, forward: true},
		{src: `SELECT * FROM "Orders" WHERE Address='some address'`, filter: `Address = {"S":"some address"}`, forward: true},
		{src: `SELECT * FROM "Orders" WHERE OrderID = 100 OR Address='some address'`, filter: `(OrderID = {"N":"100"}) OR (Address = {"S":"some address"})`, forward: true},
		{src: `SELECT * FROM "Orders"`, forward: true},
		// Sort keys, projections, indexes, ORDER BY.
		{src: `SELECT OrderID, Total FROM "Orders" WHERE OrderID = 1`, query: true, hashes: 1, key: "OrderID = :pk", proj: "OrderID, Total", forward: true, hasGetKey: true},
		{src: `SELECT * FROM Music WHERE Artist = 'Acme Band' AND SongTitle = 'PartiQL Rocks'`, query: true, hashes: 1, key: `Artist = :pk AND SongTitle = {"S":"PartiQL Rocks"}`, forward: true, hasGetKey: true},
		{src: `SELECT * FROM Music WHERE Artist = 'A' AND begins_with(SongTitle, 'P') ORDER BY SongTitle DESC`, query: true, hashes: 1, key: `Artist = :pk AND begins_with(SongTitle, {"S":"P"})`},
		{src: `SELECT * FROM Music WHERE Artist = 'A' AND SongTitle BETWEEN 'a' AND 'm'`, query: true, hashes: 1, key: `Artist = :pk AND SongTitle BETWEEN {"S":"a"} AND {"S":"m"}`, forward: true},
		{src: `SELECT * FROM Music WHERE Artist = 'A' AND SongTitle > 'a' AND SongTitle < 'm'`, filter: `(Artist = {"S":"A"}) AND (SongTitle > {"S":"a"}) AND (SongTitle < {"S":"m"})`, forward: true},
		{src: `SELECT Artist, Awards.Grammys[0] FROM "Music"."BySong" WHERE SongTitle = 'x'`, query: true, hashes: 1, key: "SongTitle = :pk", proj: "Artist, Awards.Grammys[0]", forward: true},
		{src: `SELECT * FROM Music WHERE "Artist" = 'A' AND Year <> 3 AND NOT attribute_type(Tags, 'SS')`, query: true, hashes: 1, key: "Artist = :pk", filter: `(Year <> {"N":"3"}) AND (NOT (attribute_type(Tags, {"S":"SS"})))`, forward: true},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			p := mustPlan(t, tt.src)
			if p.Kind != KindSelect || p.Query != tt.query || len(p.HashValues) != tt.hashes {
				t.Fatalf("kind %d query %v hashes %d, want select query %v hashes %d", p.Kind, p.Query, len(p.HashValues), tt.query, tt.hashes)
			}
			if got := expand(p, p.KeyCondition); got != tt.key {
				t.Errorf("key condition = %q, want %q", got, tt.key)
			}
			if got := expand(p, p.Filter); got != tt.filter {
				t.Errorf("filter = %q, want %q", got, tt.filter)
			}
			if got := expand(p, p.Projection); got != tt.proj {
				t.Errorf("projection = %q, want %q", got, tt.proj)
			}
			if p.Forward != tt.forward {
				t.Errorf("forward = %v, want %v", p.Forward, tt.forward)
			}
			if (p.Key != nil) != tt.hasGetKey {
				t.Errorf("key = %v, want one: %v", p.Key, tt.hasGetKey)
			}
		})
	}
}

func TestPlan_Writes(t *testing.T) {
	tests := []struct {
		src                string
		params             []attr.Value
		kind               Kind
		update, condition  string
		returnValues, item string
	}{
		{src: `INSERT INTO "Music" value {'Artist' : 'Acme Band','SongTitle' : 'PartiQL Rocks'}`, kind: KindInsert,
			condition: "attribute_not_exists(Artist)", returnValues: "NONE", item: `{"Artist":{"S":"Acme Band"},"SongTitle":{"S":"PartiQL Rocks"}}`},
		{src: `INSERT INTO Music VALUE {'Artist': ?, 'SongTitle': ?, 'Tags': <<'a', 'b'>>, 'N': [1, {'x': null}]}`, kind: KindInsert,
			params: []attr.Value{attr.S("A"), attr.S("S")}, condition: "attribute_not_exists(Artist)", returnValues: "NONE",
			item: `{"Artist":{"S":"A"},"N":{"L":[{"N":"1"},{"M":{"x":{"NULL":true}}}]},"SongTitle":{"S":"S"},"Tags":{"SS":["a","b"]}}`},
		{src: "UPDATE \"Music\" \nSET AwardsWon=1 \nSET AwardDetail={'Grammys':[2020, 2018]}  \nWHERE Artist='Acme Band' AND SongTitle='PartiQL Rocks'\nRETURNING ALL OLD *",
			kind: KindUpdate, update: `SET AwardsWon = {"N":"1"}, AwardDetail = {"M":{"Grammys":{"L":[{"N":"2020"},{"N":"2018"}]}}}`,
			condition: "attribute_exists(Artist)", returnValues: "ALL_OLD"},
		{src: `UPDATE "Music" SET AwardDetail.Grammys =list_append(AwardDetail.Grammys,[2016]) WHERE Artist='Acme Band' AND SongTitle='PartiQL Rocks'`,
			kind: KindUpdate, update: `SET AwardDetail.Grammys = list_append(AwardDetail.Grammys, {"L":[{"N":"2016"}]})`, condition: "attribute_exists(Artist)", returnValues: "NONE"},
		{src: `UPDATE "Music" REMOVE AwardDetail.Grammys[2] WHERE Artist='Acme Band' AND SongTitle='PartiQL Rocks' RETURNING MODIFIED NEW *`,
			kind: KindUpdate, update: `REMOVE AwardDetail.Grammys[2]`, condition: "attribute_exists(Artist)", returnValues: "UPDATED_NEW"},
		{src: `UPDATE "Music" SET BandMembers =set_add(BandMembers, <<'newbandmember'>>) WHERE Artist='Acme Band' AND SongTitle='PartiQL Rocks' AND Plays > 3`,
			kind: KindUpdate, update: `ADD BandMembers {"SS":["newbandmember"]}`, condition: `attribute_exists(Artist) AND (Plays > {"N":"3"})`, returnValues: "NONE"},
		{src: `UPDATE Music SET Plays = Plays + ? SET Tags = set_delete(Tags, <<?>>) WHERE SongTitle = 'b' AND Artist = 'a' RETURNING ALL NEW *`,
			params: []attr.Value{attr.S("1"), attr.S("t")}, kind: KindUpdate, update: `SET Plays = Plays + {"S":"1"} DELETE Tags {"SS":["t"]}`,
			condition: "attribute_exists(Artist)", returnValues: "ALL_NEW"},
		{src: `DELETE FROM "Music" WHERE "Artist" = 'Acme Band' AND "SongTitle" = 'PartiQL Rocks' RETURNING ALL OLD *`, kind: KindDelete, returnValues: "ALL_OLD"},
		{src: `DELETE FROM Music WHERE Artist = 'a' AND SongTitle = 'b' AND Plays IS MISSING`, kind: KindDelete, returnValues: "NONE",
			condition: "attribute_not_exists(Artist) OR (attribute_not_exists(Plays))"},
		{src: `EXISTS(SELECT * FROM "Music" WHERE Artist = 'a' AND SongTitle = 'b' AND Rating IS NOT NULL)`, kind: KindExists, returnValues: "NONE",
			condition: `attribute_exists(Artist) AND (NOT (attribute_type(Rating, {"S":"NULL"})))`},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			p := mustPlan(t, tt.src, tt.params...)
			if p.Kind != tt.kind {
				t.Fatalf("kind = %d, want %d", p.Kind, tt.kind)
			}
			if got := expand(p, p.Update); got != tt.update {
				t.Errorf("update = %q\nwant     %q", got, tt.update)
			}
			if got := expand(p, p.Condition); got != tt.condition {
				t.Errorf("condition = %q\nwant        %q", got, tt.condition)
			}
			if p.ReturnValues != tt.returnValues {
				t.Errorf("return values = %q, want %q", p.ReturnValues, tt.returnValues)
			}
			if tt.item != "" {
				if got := string(attr.AppendItemJSON(nil, p.Item)); got != tt.item {
					t.Errorf("item = %s\nwant   %s", got, tt.item)
				}
			}
			if tt.kind != KindInsert && (len(p.Key) != 2 || p.Key["Artist"].IsZero() || p.Key["SongTitle"].IsZero()) {
				t.Errorf("key = %v, want Artist and SongTitle", p.Key)
			}
		})
	}
}

func TestPlan_Errors(t *testing.T) {
	tests := []struct {
		src    string
		params []attr.Value
		msg    string
	}{
		{`SELECT * FROM Music WHERE Artist = ?`, nil, msgParamCount},
		{`SELECT * FROM Music`, []attr.Value{attr.S("x")}, msgParamCount},
		{`UPDATE Music SET a = 1 WHERE Artist = 'x'`, nil, msgKeyEquality},
		{`DELETE FROM Music WHERE Artist = 'x' OR SongTitle = 'y'`, nil, msgKeyEquality},
		{`DELETE FROM Music WHERE Artist > 'x' AND SongTitle = 'y'`, nil, msgKeyEquality},
		{`EXISTS(SELECT * FROM Music WHERE SongTitle = 'y')`, nil, msgKeyEquality},
		{`SELECT * FROM Music WHERE Plays > 1 ORDER BY SongTitle`, nil, msgOrderByScan},
		{`SELECT * FROM Music WHERE Artist = 'a' ORDER BY Plays`, nil, "Variable reference [Plays] must be a key attribute in ORDER BY clause"},
		{`INSERT INTO Music VALUE ?`, []attr.Value{attr.S("x")}, msgInsertNotTuple},
		{`INSERT INTO Music VALUE {'a': b}`, nil, msgInsertLiteral},
		{`INSERT INTO Music VALUE {'a': <<1, 'x'>>}`, nil, msgSetLiteral},
		{`INSERT INTO Music VALUE {'a': <<'x', 'x'>>}`, nil, "One or more parameter values were invalid: Input collection [x, x] contains duplicates."},
		{`UPDATE Music SET Tags = set_add(Other, <<'a'>>) WHERE Artist = 'a' AND SongTitle = 'b'`, nil, "Unsupported operation: set_add must name the attribute being set as its first argument"},
		{`DELETE FROM Music WHERE Artist = 'a' AND SongTitle = 'b' RETURNING ALL NEW *`, nil, "RETURNING clause is not supported for DELETE statements with ALL_NEW"},
		{`SELECT * FROM Music WHERE 'a' IS MISSING`, nil, msgIsOperand},
		{`SELECT * FROM Music WHERE begins_with('a', 'b')`, nil, "Unsupported operation: the first argument of begins_with must be a document path"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			st, err := Parse(tt.src)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			_, err = st.Plan(tt.params, music)
			wantValidation(t, err, tt.msg)
		})
	}
}

func TestPlan_TableNotFound(t *testing.T) {
	st, err := Parse(`SELECT * FROM Nope`)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Plan(nil, music); err == nil || !strings.Contains(err.Error(), "ResourceNotFoundException") {
		t.Fatalf("err = %v, want ResourceNotFoundException", err)
	}
}

func TestPlan_InsertParameterTuple(t *testing.T) {
	item := attr.M(map[string]attr.Value{"Artist": attr.S("a"), "SongTitle": attr.S("b")})
	p := mustPlan(t, `INSERT INTO Music VALUE ?`, item)
	if got := string(attr.AppendItemJSON(nil, p.Item)); got != `{"Artist":{"S":"a"},"SongTitle":{"S":"b"}}` {
		t.Fatalf("item = %s", got)
	}
}

func TestPlan_DuplicateHashValues(t *testing.T) {
	p := mustPlan(t, `SELECT * FROM Orders WHERE OrderID IN [1, 2, 1, 1.0]`)
	if len(p.HashValues) != 2 {
		t.Fatalf("hash values = %v, want 1 and 2 once each", p.HashValues)
	}
	_ = num(t, "1")
}
