package browsertest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestPaths_ParseAndPlaceholders runs static/app/paths.js (the document
// path parser of every form) under Node: typed paths become one #name
// placeholder per name segment, bad paths fail with a message for people,
// and random text never fails any other way.
func TestPaths_ParseAndPlaceholders(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node not found (%v)", err)
	}
	dir := t.TempDir()
	for _, f := range []string{"paths.js", "values.js"} {
		src, err := os.ReadFile(filepath.Join(repoRoot, "static", "app", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"type": "module"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	script := `import { Placeholders } from "./values.js";
const cases = JSON.parse(process.argv[2]);
const out = cases.map((c) => {
  const ph = new Placeholders();
  try {
    return { expr: ph.path(c), names: ph.names };
  } catch (e) {
    return { error: e.message };
  }
});
// Random text: only Errors with a message, and a parsed path renders to
// placeholders that name every segment.
let seed = 7;
const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
const alphabet = "ab.[]0 1\x60x#:";
let odd = "";
for (let i = 0; i < 20000 && !odd; i++) {
  let s = "";
  for (let j = rnd(12); j > 0; j--) s += alphabet[rnd(alphabet.length)];
  try {
    const ph = new Placeholders();
    const e = ph.path(s);
    if (!/^#n\d+(\[\d+\]|\.#n\d+)*$/.test(e)) odd = "bad expression " + JSON.stringify([s, e]);
  } catch (err) {
    if (!(err instanceof Error) || !err.message.includes("is not an attribute path") && !err.message.includes("is empty")) odd = "bad error " + JSON.stringify([s, String(err)]);
  }
}
process.stdout.write(JSON.stringify({ out, odd }));
`
	if err := os.WriteFile(filepath.Join(dir, "run.js"), []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []string{"Details.Label", "a.b[2].c", "tags[0][1]", "`odd.name`.x", " Year ", "a..b", "[1]", "a[x]", "a.b]", "`open", ""}
	arg, _ := json.Marshal(cases)
	raw, err := exec.Command(node, filepath.Join(dir, "run.js"), string(arg)).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, raw)
	}
	var got struct {
		Out []struct {
			Expr  string
			Names map[string]string
			Error string
		}
		Odd string
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	want := []struct {
		expr, names, err string
	}{
		{"#n0.#n1", `{"#n0":"Details","#n1":"Label"}`, ""},
		{"#n0.#n1[2].#n2", `{"#n0":"a","#n1":"b","#n2":"c"}`, ""},
		{"#n0[0][1]", `{"#n0":"tags"}`, ""},
		{"#n0.#n1", `{"#n0":"odd.name","#n1":"x"}`, ""},
		{"#n0", `{"#n0":"Year"}`, ""},
		{"", "", `"a..b" is not an attribute path: a name is empty.`},
		{"", "", `"[1]" is not an attribute path: it must start with an attribute name.`},
		{"", "", `"a[x]" is not an attribute path: a list index must be a number, as in items[2].`},
		{"", "", `"a.b]" is not an attribute path: unexpected "]".`},
		{"", "", "\"`open\" is not an attribute path: a backtick is not closed."},
		{"", "", "An attribute path is empty."},
	}
	for i, w := range want {
		g := got.Out[i]
		names, _ := json.Marshal(g.Names)
		if g.Error != w.err || g.Expr != w.expr || (w.err == "" && string(names) != w.names) {
			t.Errorf("path %q: got %q %s error %q; want %q %s error %q", cases[i], g.Expr, names, g.Error, w.expr, w.names, w.err)
		}
	}
	if got.Odd != "" {
		t.Errorf("random text: %s", got.Odd)
	}
}
