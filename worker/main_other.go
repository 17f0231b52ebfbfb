//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"

	"github.com/ddbplay/ddbplay/web/sitepolicy"
)

// Built natively, the worker prints the site's _headers file (`make
// worker` runs `go run ./worker headers`); the Worker itself needs the
// Workers runtime.
func main() {
	if len(os.Args) == 2 && os.Args[1] == "headers" {
		fmt.Print(sitepolicy.HeadersFile())
		return
	}
	fmt.Fprintln(os.Stderr, "usage: go run ./worker headers (prints the site's _headers file); the Worker itself is built with GOOS=js GOARCH=wasm by `make worker` and run with wrangler (see README.md)")
	os.Exit(2)
}
