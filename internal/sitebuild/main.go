// Command sitebuild gives the built site (build/site, after `make site`
// has copied static/ and built ddbplay.wasm) content-named files, so a
// browser that has them never asks for them again: the playground's
// start-up on a cached page then makes no request but the page's own.
//
//	sitebuild -esbuild node_modules/.bin/esbuild build/site
//
// Into the folder sitepolicy.HashedDir of the site (emptied first) it
// writes:
//
//   - each page's module script (app/main.js for index.html,
//     app/lessons/embed.js for embed.html) and the engine's worker
//     (engine-worker.js), each bundled by esbuild with the modules it
//     imports into one file named by its content (main.<hash>.js): one
//     request instead of ~45. The bundles define DDBPLAY_BUNDLE (see
//     Bundle), by which the modules that find files relative to
//     themselves (import.meta.url) still find them;
//   - content-named copies of ddbplay.wasm (with its .br and .gz copies),
//     wasm_exec.js, engine-start.js, and the pages' style sheets and icon;
//
// and rewrites index.html and embed.html to use them: every src and href
// naming one of these files, and engine-start.js's script element, which
// gains data-site, data-worker and data-wasm (static/engine-start.js) and,
// before it, a preload hint for the module (its fetch starts as the head
// is read, before engine-start.js has loaded).
// The files keep their plain names too: the native server, tests and
// other pages (openPlayground's callers) use those, and they are served
// for revalidation as before. The server sends the folder's files as
// immutable (sitepolicy.CacheControl), and `make worker`'s _headers does.
//
// It fails, leaving the pages as they were, when a page does not name a
// file it should (a page renamed or restructured: change this command
// with it).
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      the standard library, web/sitepolicy
//	must not import: engine, syscall/js
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	esbuild := flag.String("esbuild", "esbuild", "the esbuild command")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: sitebuild [-esbuild path] sitedir")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	cmd := *esbuild
	if strings.ContainsRune(cmd, filepath.Separator) {
		// A path: esbuild runs in the site's folder.
		abs, err := filepath.Abs(cmd)
		if err != nil {
			fmt.Fprintln(os.Stderr, "sitebuild:", err)
			os.Exit(1)
		}
		cmd = abs
	}
	b := &build{site: flag.Arg(0), esbuild: cmd}
	if err := b.run(); err != nil {
		fmt.Fprintln(os.Stderr, "sitebuild:", err)
		os.Exit(1)
	}
	fmt.Println(b.summary())
}
