// Package browsertest holds ddbplay's browser tests and benchmarks: Go tests
// that drive Debian's headless Chromium (/usr/bin/chromium, installed by
// `make chromium`) with github.com/chromedp/chromedp against the site served
// by web.NewServer: the engine compiled to WebAssembly behind the JS door
// static/ddbplay.js, persistence, snapshots, two tabs, the AWS SDK for
// JavaScript v3 through db.fetch, and the playground page.
//
// harness_test.go builds the site once per run (or uses DDBPLAY_SITE) and
// gives the helpers newBrowser, newPage, newTab, navigate, evalAsync and
// waitPlayground. Fixture pages live in testdata/fixture and are served
// under /test/; they are never part of the shipped site.
package browsertest
