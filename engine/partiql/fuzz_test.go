package partiql

import (
	"errors"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/expr"
)

// seeds are the statements of AWS's PartiQL reference for DynamoDB
// (SELECT, INSERT, UPDATE, DELETE, functions, operators), plus malformed ones.
var seeds = []string{
	`SELECT OrderID, Total FROM "Orders" WHERE OrderID = 1`,
	`SELECT OrderID, Total FROM "Orders" WHERE OrderID IN [1, 2, 3] ORDER BY OrderID DESC`,
	`SELECT Devices.FireStick.DateWatched[0] FROM WatchList WHERE CustomerID= 'C1' AND MovieID= 'M1'`,
	`SELECT * FROM "Orders" WHERE OrderID = 100 or OrderID = 200`,
	`SELECT * FROM "Orders" WHERE OrderID > 1`,
	`SELECT * FROM "Orders" WHERE Address='some address'`,
	`SELECT * FROM "Music"."BySong" WHERE SongTitle = ?`,
	`SELECT * FROM "Orders" WHERE "OrderID" = 1 AND size("Comments") > 10`,
	`SELECT * FROM "Orders" WHERE "Comment" IS MISSING`,
	`SELECT * FROM "Orders" WHERE attribute_type("Comment", 'S')`,
	`SELECT * FROM "Orders" WHERE begins_with("Address", '7834 24th')`,
	`SELECT * FROM "Orders" WHERE contains("Address", 'Kirkland')`,
	`SELECT * FROM "Orders" WHERE "OrderID" BETWEEN 1 AND 5 AND NOT "Total" <> 3`,
	`EXISTS(SELECT * FROM "Music" WHERE "Artist" = 'Acme Band' AND "SongTitle" = 'PartiQL Rocks')`,
	`INSERT INTO "Music" value {'Artist' : 'Acme Band','SongTitle' : 'PartiQL Rocks'}`,
	`INSERT INTO Music VALUE {'Artist': ?, 'SongTitle': ?, 'Tags': <<'a','b'>>, 'L': [1, -2.5e3, true, null]}`,
	"UPDATE \"Music\" \nSET AwardsWon=1 \nSET AwardDetail={'Grammys':[2020, 2018]}  \nWHERE Artist='Acme Band' AND SongTitle='PartiQL Rocks'\nRETURNING ALL OLD *",
	`UPDATE "Music" SET AwardDetail.Grammys =list_append(AwardDetail.Grammys,[2016]) WHERE Artist='Acme Band' AND SongTitle='PartiQL Rocks'`,
	`UPDATE "Music" REMOVE AwardDetail.Grammys[2] WHERE Artist='Acme Band' AND SongTitle='PartiQL Rocks'`,
	`UPDATE "Music" SET AwardDetail.BillBoard=[2020] WHERE Artist='Acme Band' AND SongTitle='PartiQL Rocks'`,
	`UPDATE "Music" SET BandMembers =<<'member1', 'member2'>> WHERE Artist='Acme Band' AND SongTitle='PartiQL Rocks'`,
	`UPDATE "Music" SET BandMembers =set_add(BandMembers, <<'newbandmember'>>) WHERE Artist='Acme Band' AND SongTitle='PartiQL Rocks'`,
	`UPDATE Music SET Plays = Plays + 1 WHERE Artist = 'a' AND SongTitle = 'b' RETURNING MODIFIED NEW *`,
	`DELETE FROM "Music" WHERE "Artist" = 'Acme Band' AND "SongTitle" = 'PartiQL Rocks'`,
	`DELETE FROM "Music" WHERE "Artist" = 'Acme Band' AND "SongTitle" = 'PartiQL Rocks' RETURNING ALL OLD *`,
	`SELECT * FROM Music WHERE Artist = 'a' AND SongTitle IN ('x', 'y') AND NOT Plays IN [1, 2]`,
	`SELECT * FROM`,
	`INSERT INTO t VALUE {'a': 'x`,
	`SELECT * FROM t WHERE ((((a = 1))))`,
	`select * from t where a != ? and b <= ? or c >= ?`,
}

// FuzzParse checks that no statement panics the parser or the planner,
// that every error is a DynamoDB error, and that every plan's expressions
// are accepted by package expr with the plan's names and values (so the
// engine never sees an expression it cannot run).
func FuzzParse(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	params := []attr.Value{attr.S("a"), attr.S("b"), attr.S("c"), attr.S("d"), attr.S("e"), attr.S("f")}
	f.Fuzz(func(t *testing.T, src string) {
		st, err := Parse(src)
		if err != nil {
			var de *ddberr.Error
			if !errors.As(err, &de) || de.Type != ddberr.TypeValidation {
				t.Fatalf("Parse(%q): %v is not a ValidationException", src, err)
			}
			return
		}
		if st.Params() > len(params) {
			return
		}
		anyTable := func(table, index string) (KeySchema, error) {
			if index != "" {
				return KeySchema{Hash: "SongTitle"}, nil
			}
			return KeySchema{Hash: "Artist", Range: "SongTitle"}, nil
		}
		p, err := st.Plan(params[:st.Params()], anyTable)
		if err != nil {
			var de *ddberr.Error
			if !errors.As(err, &de) || de.Type != ddberr.TypeValidation {
				t.Fatalf("Plan(%q): %v is not a ValidationException", src, err)
			}
			return
		}
		checkExpressions(t, src, p)
	})
}

// checkExpressions resolves every expression of p with expr. Expressions
// longer than DynamoDB's expression limit are let through: the engine
// reports those.
func checkExpressions(t *testing.T, src string, p *Plan) {
	t.Helper()
	values := map[string]attr.Value{}
	for k, v := range p.Values {
		values[k] = v
	}
	if p.Query {
		values[HashPlaceholder] = attr.S("h")
	}
	r := expr.NewResolver(p.Names, values)
	// Errors that would mean the plan's expression is malformed; others
	// (a BETWEEN with its bounds reversed, two actions on one path, an
	// expression over DynamoDB's size limit) are the statement's own,
	// reported to the user as the operations report them.
	ok := func(err error) {
		if err == nil {
			return
		}
		for _, bad := range []string{"Syntax error", "not defined", "unused", "reserved keyword", "redundant parentheses", "Invalid function name", "invalid key"} {
			if strings.Contains(err.Error(), bad) {
				t.Fatalf("%q: %v", src, err)
			}
		}
	}
	cond := func(kind expr.Kind, e string) {
		if e == "" {
			return
		}
		pc, err := expr.ParseCondition(kind, e)
		ok(err)
		if err == nil {
			_, err = r.Condition(kind, pc)
			ok(err)
		}
	}
	cond(expr.KindKeyCondition, p.KeyCondition)
	cond(expr.KindFilter, p.Filter)
	cond(expr.KindCondition, p.Condition)
	if p.Projection != "" {
		pp, err := expr.ParseProjection(p.Projection)
		ok(err)
		if err == nil {
			_, err = r.Projection(pp)
			ok(err)
		}
	}
	if p.Update != "" {
		pu, err := expr.ParseUpdate(p.Update)
		ok(err)
		if err == nil {
			_, err = r.Update(pu)
			ok(err)
		}
	}
}
