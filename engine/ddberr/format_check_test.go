//go:build !(js && wasm)

package ddberr

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/constant"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The static check of Sprintf's calls. Sprintf takes ...any and knows
// only some of fmt's verbs and operand types, so the calls are checked
// here, with go/types over the engine's own (non-test) code. A formatting
// function is one whose parameters end in (format string, args ...any):
// Sprintf, Newf, Validation, Internal and the packages' helpers (errorf,
// validationf, …), each of which passes its format and args on. Every call
// of one must either pass on, as format and args..., the calling
// formatting function's own parameters (its own calls being checked in
// turn), or give a constant format with only Sprintf's verbs and exactly
// one operand per verb, of a static type Sprintf formats with that verb
// (operandOK).

// TestSprintf_Calls checks every call of a formatting function in the
// engine's packages.
func TestSprintf_Calls(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the engine (about a second)")
	}
	fset := token.NewFileSet()
	pkgs := listEngine(t)
	exports := map[string]string{}
	for _, p := range pkgs {
		exports[p.ImportPath] = p.Export
	}
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		return os.Open(exports[path])
	})
	calls := 0
	for _, p := range pkgs {
		if p.DepOnly {
			continue
		}
		var files []*ast.File
		for _, name := range p.GoFiles {
			f, err := parser.ParseFile(fset, filepath.Join(p.Dir, name), nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
		info := &types.Info{
			Types: map[ast.Expr]types.TypeAndValue{},
			Defs:  map[*ast.Ident]types.Object{},
			Uses:  map[*ast.Ident]types.Object{},
		}
		conf := types.Config{Importer: imp}
		if _, err := conf.Check(p.ImportPath, fset, files, info); err != nil {
			t.Fatalf("type-check %s: %v", p.ImportPath, err)
		}
		n, problems := checkFormatCalls(fset, files, info)
		calls += n
		for _, p := range problems {
			t.Errorf("%s: %s", p.pos, p.msg)
		}
	}
	t.Logf("checked %d calls", calls)
	// The engine words ~250 messages this way; far fewer means the check
	// no longer finds them.
	if calls < 200 {
		t.Errorf("found only %d calls of formatting functions in the engine", calls)
	}
}

// TestSprintf_CallsCheck checks the static check on calls it must reject.
func TestSprintf_CallsCheck(t *testing.T) {
	const src = `package p

type named string
type strErr struct{}
func (strErr) Error() string { return "" }
type str int
func (str) String() string { return "" }

func Sprintf(format string, args ...any) string { return "" }
func wrap(format string, args ...any) string { return Sprintf(format, args...) }
func badWrap(f string, args ...any) string { return Sprintf(f+"!", args...) } // bad: not forwarding

const msg = "a %s b %d"

func good(s string, b []byte, e error, n int, n64 int64, r rune) {
	wrap(msg, s, n)
	Sprintf("%s %q %x %s %s %s %d %d %d %q %d %%", s, b, s, e, strErr{}, str(1), n, n64, r, r, 5)
	Sprintf("%q", 'x')
}

func bad(s string, n named, u uint, v any, fs string) {
	Sprintf("%s", n)      // bad: named string
	Sprintf("%d", u)      // bad: uint
	Sprintf("%s", v)      // bad: any
	Sprintf("%d", str(1)) // bad: %d of a Stringer
	Sprintf("%x", 'x')    // bad: %x of a rune
	Sprintf("%v", s)      // bad: verb
	Sprintf("%5s", s)     // bad: width
	Sprintf("%s %s", s)   // bad: count
	Sprintf(msg, s)       // bad: count
	Sprintf("%s", s, s)   // bad: count
	Sprintf(fs, s)        // bad: not a constant
	Sprintf(fs, []any{s}...) // bad: not forwarding
	Sprintf("%")          // bad: no verb
}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Types: map[ast.Expr]types.TypeAndValue{},
		Defs:  map[*ast.Ident]types.Object{},
		Uses:  map[*ast.Ident]types.Object{},
	}
	if _, err := new(types.Config).Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	n, problems := checkFormatCalls(fset, []*ast.File{f}, info)
	if n != 18 {
		t.Errorf("checked %d calls, want 18", n)
	}
	got := map[int]string{}
	for _, p := range problems {
		got[p.pos.Line] = p.msg
	}
	for i, line := range strings.Split(src, "\n") {
		msg, reported := got[i+1]
		if want := strings.Contains(line, "// bad"); reported != want {
			t.Errorf("line %d %q: reported %v (%q), want %v", i+1, line, reported, msg, want)
		}
	}
}

// problem is a bad call of a formatting function.
type problem struct {
	pos token.Position
	msg string
}

// listedPackage is the part of go list's output the check reads.
type listedPackage struct {
	ImportPath, Dir, Export string
	GoFiles                 []string
	DepOnly                 bool
}

// listEngine lists the engine's packages and all their dependencies, with
// the compiler's export data of each (built or taken from the build cache).
func listEngine(t *testing.T) []listedPackage {
	t.Helper()
	cmd := exec.Command("go", "list", "-export", "-deps",
		"-json=ImportPath,Dir,Export,GoFiles,DepOnly", "github.com/ddbplay/ddbplay/engine/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.Bytes())
	}
	var pkgs []listedPackage
	for dec := json.NewDecoder(bytes.NewReader(out)); dec.More(); {
		var p listedPackage
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

// checkFormatCalls checks the calls of formatting functions in files. It
// returns how many calls it checked and a message for each bad one.
func checkFormatCalls(fset *token.FileSet, files []*ast.File, info *types.Info) (calls int, problems []problem) {
	for _, f := range files {
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			encl := info.Defs[fd.Name].(*types.Func).Signature()
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sig, fi := formatCallee(call, info)
				if sig == nil {
					return true
				}
				calls++
				if msg := checkFormatCall(call, fi, encl, info); msg != "" {
					problems = append(problems, problem{fset.Position(call.Pos()), msg})
				}
				return true
			})
		}
	}
	return calls, problems
}

// formatCallee returns the signature of the function call calls and the
// index of its format parameter, or nil if it is not a formatting
// function.
func formatCallee(call *ast.CallExpr, info *types.Info) (*types.Signature, int) {
	var id *ast.Ident
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		id = fun
	case *ast.SelectorExpr:
		id = fun.Sel
	default:
		return nil, 0
	}
	fn, ok := info.Uses[id].(*types.Func)
	if !ok {
		return nil, 0
	}
	sig := fn.Signature()
	if fi := formatParam(sig); fi >= 0 {
		return sig, fi
	}
	return nil, 0
}

// formatParam returns the index of sig's format parameter if sig ends in
// (format string, args ...any), else -1.
func formatParam(sig *types.Signature) int {
	params := sig.Params()
	n := params.Len()
	if !sig.Variadic() || n < 2 {
		return -1
	}
	args, ok := params.At(n - 1).Type().(*types.Slice)
	if !ok || !types.Identical(args.Elem(), types.Universe.Lookup("any").Type()) {
		return -1
	}
	format := params.At(n - 2)
	if format.Name() != "format" || !types.Identical(format.Type(), types.Typ[types.String]) {
		return -1
	}
	return n - 2
}

// checkFormatCall checks one call of a formatting function whose format
// parameter is the fi-th, made in a function of signature encl.
func checkFormatCall(call *ast.CallExpr, fi int, encl *types.Signature, info *types.Info) string {
	if len(call.Args) <= fi {
		return "too few arguments"
	}
	if call.Ellipsis.IsValid() {
		efi := formatParam(encl)
		if efi < 0 || len(call.Args) != fi+2 ||
			!isParam(call.Args[fi], encl.Params().At(efi), info) ||
			!isParam(call.Args[fi+1], encl.Params().At(efi+1), info) {
			return "args... must pass on the calling function's own format and args"
		}
		return ""
	}
	tv := info.Types[call.Args[fi]]
	if tv.Value == nil || tv.Value.Kind() != constant.String {
		return "the format is not a constant string"
	}
	format := constant.StringVal(tv.Value)
	args := call.Args[fi+1:]
	next := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		if i == len(format) {
			return "format " + strconv.Quote(format) + " ends in %"
		}
		verb := format[i]
		switch verb {
		case '%':
			continue
		case 's', 'q', 'x', 'd':
		default:
			return "format " + strconv.Quote(format) + ": Sprintf has no verb %" + string(verb)
		}
		if next == len(args) {
			return "format " + strconv.Quote(format) + ": too few operands"
		}
		t := info.Types[args[next]].Type
		if !operandOK(verb, t) {
			return "format " + strconv.Quote(format) + ": Sprintf does not format a " + t.String() + " with %" + string(verb)
		}
		next++
	}
	if next != len(args) {
		return "format " + strconv.Quote(format) + ": too many operands"
	}
	return ""
}

// isParam reports whether e names the parameter p.
func isParam(e ast.Expr, p *types.Var, info *types.Info) bool {
	id, ok := e.(*ast.Ident)
	return ok && info.Uses[id] == p
}

var (
	errorType    = types.Universe.Lookup("error").Type().Underlying().(*types.Interface)
	stringerType = types.NewInterfaceType([]*types.Func{
		types.NewFunc(token.NoPos, nil, "String", types.NewSignatureType(nil, nil, nil, nil,
			types.NewTuple(types.NewParam(token.NoPos, nil, "", types.Typ[types.String])), false)),
	}, nil).Complete()
)

// operandOK reports whether Sprintf formats an operand of static type t
// (and so of that dynamic type) with verb: the rules of its type switch.
func operandOK(verb byte, t types.Type) bool {
	basic, _ := types.Unalias(t).(*types.Basic)
	kind := types.Invalid
	if basic != nil {
		kind = types.Default(basic).(*types.Basic).Kind()
	}
	if verb == 'd' {
		return kind == types.Int || kind == types.Int64 || kind == types.Int32
	}
	if verb == 'q' && kind == types.Int32 {
		return true
	}
	if types.Implements(t, errorType) || types.Implements(t, stringerType) || kind == types.String {
		return true
	}
	s, ok := types.Unalias(t).(*types.Slice)
	return ok && types.Identical(s.Elem(), types.Typ[types.Byte])
}
