package main

import (
	"bytes"
	"testing"
)

func u32(v uint32) []byte {
	var b []byte
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v == 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

func section(id byte, body []byte) []byte {
	return append(append([]byte{id}, u32(uint32(len(body)))...), body...)
}

func str(s string) []byte { return append(u32(uint32(len(s))), s...) }

// testModule is a module with one imported function and two of its own,
// named in its name section.
func testModule() []byte {
	mod := []byte("\x00asm\x01\x00\x00\x00")
	imp := append(u32(1), str("go")...)
	imp = append(append(imp, str("debug")...), 0, 0) // a function of type 0
	mod = append(mod, section(2, imp)...)
	code := u32(2)
	for _, body := range [][]byte{{0, 0x0b}, {0, 0x01, 0x01, 0x0b}} {
		code = append(append(code, u32(uint32(len(body)))...), body...)
	}
	mod = append(mod, section(10, code)...)
	names := u32(3)
	for i, n := range []string{"go.debug", "runtime.gcStart", "github.com_x_y.__T_.M"} {
		names = append(append(names, u32(uint32(i))...), str(n)...)
	}
	name := append(str("name"), section(1, names)...)
	return append(mod, section(0, name)...)
}

func TestFuncs(t *testing.T) {
	funcs, sections, err := Funcs(testModule())
	if err != nil {
		t.Fatal(err)
	}
	if len(funcs) != 2 || funcs[0].Name != "runtime.gcStart" || funcs[1].Name != "github.com_x_y.__T_.M" {
		t.Fatalf("funcs %+v: want runtime.gcStart and github.com_x_y.__T_.M (the import's name skipped)", funcs)
	}
	if !bytes.Equal(funcs[1].Body, []byte{0, 0x01, 0x01, 0x0b}) {
		t.Errorf("second body %x", funcs[1].Body)
	}
	var got []string
	for _, s := range sections {
		got = append(got, s.Name)
	}
	if len(got) != 3 || got[0] != "import" || got[1] != "code" || got[2] != "name" {
		t.Errorf("sections %v, want import code name", got)
	}
}

func TestFuncs_Rejects(t *testing.T) {
	mod := testModule()
	for _, bad := range [][]byte{nil, []byte("\x00asm\x02\x00\x00\x00"), mod[:len(mod)-3], append(mod[:8:8], 10, 5, 1)} {
		if _, _, err := Funcs(bad); err == nil {
			t.Errorf("Funcs(%x): no error", bad)
		}
	}
}

func TestPackage(t *testing.T) {
	for name, want := range map[string]string{
		"runtime.gcStart":                           "runtime",
		"runtime.__mheap_.alloc":                    "runtime",
		"slices.pdqsortOrdered_go.shape.string_":    "slices",
		"github.com_ddbplay_ddbplay_engine.__DB_.Q": "github.com_ddbplay_ddbplay_engine",
		"github.com_google_btree.__node_go.shape":   "github.com_google_btree",
		"internal_runtime_maps.__Map_.getWithKey":   "internal_runtime_maps",
		"ddbplay_handle":                            "ddbplay_handle",
	} {
		if got := Package(name); got != want {
			t.Errorf("Package(%q) = %q, want %q", name, got, want)
		}
	}
}

func FuzzFuncs(f *testing.F) {
	f.Add(testModule())
	f.Add([]byte("\x00asm\x01\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, mod []byte) {
		funcs, _, err := Funcs(mod)
		if err != nil {
			return
		}
		n := 0
		for _, fn := range funcs {
			n += len(fn.Body)
		}
		if n > len(mod) {
			t.Fatalf("bodies of %d bytes from a module of %d", n, len(mod))
		}
	})
}
