// Package browsertest holds ddbplay's browser tests and benchmarks: Go tests
// that drive Debian's headless Chromium (/usr/bin/chromium, installed by
// `make chromium`) with github.com/chromedp/chromedp against the site served
// by web.NewServer: the engine compiled to WebAssembly behind the JS door
// static/ddbplay.js, persistence, snapshots, two tabs, the AWS SDK for
// JavaScript v3 through db.fetch, and the playground page.
//
// harness_test.go builds the site once per run (or copies the built one
// that DDBPLAY_SITE names) and gives the helpers newBrowser, newPage,
// newTab, navigate, evalAsync, evalErr and waitPlayground. Fixture pages
// live in testdata/fixture and are served under /test/; they are never part
// of the shipped site. sdk_test.go bundles testdata/sdk/playground-client.js
// (the README's AWS SDK v3 example) and testdata/sdk/streams-client.js (the
// SDK v3 DynamoDB Streams client) with esbuild from node_modules
// (`make npm`).
//
// bench_test.go holds the BenchmarkBrowser… benchmarks that `make bench`
// prints: the wasm size (raw and gzip), time from navigation to ready,
// GetItem latency (page↔worker round trip, calls sent together, the
// engine's own cost in the worker, and on the page's thread), loading
// 100,000 items of 1 KB (BatchWriteItem and importSnapshot), and saving and
// restoring such a space.
package browsertest
