# ddbplay — see README.md. `make run` serves the playground and the DynamoDB
# endpoint on http://localhost:8000; `make test` runs every check and test,
# installing what it needs; `make bench` prints the benchmark report.

SHELL := /bin/bash
GO ?= go
BIN := $(CURDIR)/.bin
SITE := $(CURDIR)/build/site
STATICCHECK_VERSION := v0.8.2
ADDR ?= localhost:8000
export PATH := $(BIN):$(PATH)

.PHONY: run site wasmsize worker deploy wasm test check unit wasmtest browsertest bench fuzz tools chromium npm clean

run: site
	$(GO) run ./cmd/ddbplay --addr $(ADDR) --site $(SITE)

# The site as served: static/ (without static/protocol.go, which gives the
# Go side protocol.js) plus the engine compiled to WebAssembly and
# Go's wasm_exec.js, and ddbplay.wasm.br and ddbplay.wasm.gz, the copies the
# server sends to browsers that take brotli or gzip (README "Size on the
# wire"), as every text file (.js, .css, .html, .json, .svg) gets (brotli
# -q 11 and gzip -9, remade when the file is newer: static files keep
# their times). A build output: never committed.
# Inlining is turned off (-l) where it costs size and buys no measured
# speed: in time and strconv, in the engine package (GetItem in the worker
# and loading 100,000 items measured the same with and without), in
# engine/read and engine/fieldtab, which were part of it then, and in the
# packages off the per-item path (PartiQL, Streams, snapshots, errors, the
# clock, replicas: 23 KB gzip, 13 KB brotli). The per-item ones keep it
# (storage, attr, wire: decoding, storing and encoding items; expr:
# conditions and projections; capacity: every operation's admission); a
# new package of the module starts with -l. Off everywhere, the module is
# ~40 KB brotli smaller but loading 100,000 items takes 4.8 s instead of
# 2.7 s and the Go runtime starts 20 ms later.
# The module is built with Go's previous garbage collector
# (GOEXPERIMENT=nogreenteagc: mark-sweep as in Go 1.25, instead of 1.26's
# Green Tea, whose gains come from marking on many threads; the browser runs
# Go on one): 13 KB gzip, 9 KB brotli smaller, and the engine's batch and
# transaction benchmarks under Node measured the same with either.
# Inlining off in the runtime too (-gcflags=runtime=-l, another 21 KB gzip)
# made them up to twice as slow, so the runtime keeps it.
# internal/wasmslim then rewrites a copy of the linker's output (go build
# keeps build/ddbplay-linked.wasm as linked, so that it can tell it is up to
# date, and every wasmslim runs on a fresh copy): the data section as a few
# segments instead of ~60,000, and the runtime's tables that only tracebacks
# read dropped (files, lines, inlining): ~260 KB off gzip -9, ~200 KB off
# brotli; the function names made short (ƒ2bz; build/ddbplay.names maps them
# back: wasmslim -symbolize) and the functions ordered for gzip's window:
# ~62 KB off gzip -9, ~24 KB off brotli. The copies are made with brotli -q 11 and zopfli (a gzip encoder
# that compresses ~5% smaller than gzip -9; 15 iterations, its default:
# 3.5 KB smaller than one, ~10 s more on a module that changed) when they are
# installed (`make test` installs them; without zopfli, gzip -9; without
# brotli, no .br), and only when the module changed.
# internal/sitebuild then writes the content-named files of build/site/hashed/
# (served immutable: a cached page's start-up asks for nothing but the page):
# the page's modules and the engine's worker each bundled by esbuild (npm,
# pinned in package-lock.json) into one file, and copies of ddbplay.wasm,
# wasm_exec.js, engine-start.js, the style sheets and the icon; index.html
# and embed.html name them. The plain-named files stay for everything else.
# The module is built with Go 1.27.3 (WASM_TOOLCHAIN), the native server and
# tests with the Go installed (go.mod's go line): the go command fetches that
# toolchain from the module proxy into the module cache on first use
# (GOTOOLCHAIN). It makes the module 51 KB gzip, 34 KB brotli smaller than
# Go 1.26.8 and a cached page ready ~8% sooner (README "Size on the wire"). Every
# build of the module goes through WASM_GO (with GOOS, GOARCH and
# WASM_GOEXPERIMENT): the site, wasmsize, wasmtest,
# and the tests that build it themselves (TestWasmLinks, the browser tests
# without DDBPLAY_SITE) through DDBPLAY_WASM_TOOLCHAIN. wasm_exec.js must
# come from the same toolchain as the module (WASM_GOROOT).
WASM_TOOLCHAIN := go1.27.3
WASM_GO = GOOS=js GOARCH=wasm GOEXPERIMENT=$(WASM_GOEXPERIMENT) GOTOOLCHAIN=$(WASM_TOOLCHAIN) $(GO)
WASM_GOROOT = $(shell GOTOOLCHAIN=$(WASM_TOOLCHAIN) $(GO) env GOROOT)
export DDBPLAY_WASM_TOOLCHAIN := $(WASM_TOOLCHAIN)
ENGINE_PKG := github.com/ddbplay/ddbplay/engine
# nojsonv2: Go 1.27's encoding/json is the first implementation, as in the
# Go installed: the module does not link it, the engine's tests under Node
# (wasmtest) take it as their oracle. nosizespecializedmalloc: Go 1.27's
# malloc without its one function per size class (7.5 KB gzip smaller;
# the engine's benchmarks under Node measured alike).
WASM_GOEXPERIMENT := nogreenteagc,nojsonv2,nosizespecializedmalloc
WASM_GCFLAGS := -gcflags=time=-l -gcflags=strconv=-l -gcflags=github.com/ddbplay/ddbplay/...=-l \
  -gcflags=$(ENGINE_PKG)/storage= -gcflags=$(ENGINE_PKG)/attr= -gcflags=$(ENGINE_PKG)/wire= \
  -gcflags=$(ENGINE_PKG)/expr= -gcflags=$(ENGINE_PKG)/capacity=
site: npm
	@mkdir -p $(SITE)
	cp -r --preserve=timestamps static/. $(SITE)/ && rm -f $(SITE)/*.go
	cp --preserve=timestamps "$(WASM_GOROOT)/lib/wasm/wasm_exec.js" $(SITE)/wasm_exec.js
	$(WASM_GO) build -trimpath -ldflags='-s -w' $(WASM_GCFLAGS) -o build/ddbplay-linked.wasm ./wasm
	cp build/ddbplay-linked.wasm $(SITE)/ddbplay.wasm
	$(GO) run ./internal/wasmslim -names build/ddbplay.names $(SITE)/ddbplay.wasm
	@cd $(SITE) && if [ -f ddbplay.wasm.gz ] && [ -f ddbplay.wasm.br ] && sha256sum --status -c ../ddbplay.wasm.sum 2>/dev/null; then :; else \
	  rm -f ../ddbplay.wasm.sum ddbplay.wasm.gz ddbplay.wasm.br; \
	  if command -v zopfli >/dev/null; then echo "zopfli ddbplay.wasm"; zopfli --i15 -c ddbplay.wasm > ddbplay.wasm.gz; \
	  else echo "gzip -9 ddbplay.wasm (install zopfli for a smaller copy)"; gzip -9 -n -c ddbplay.wasm > ddbplay.wasm.gz; fi; \
	  if command -v brotli >/dev/null; then echo "brotli -q 11 ddbplay.wasm"; brotli -q 11 -c ddbplay.wasm > ddbplay.wasm.br; \
	  else echo "no brotli: no ddbplay.wasm.br (install brotli for a smaller copy)"; fi; \
	  if command -v zopfli >/dev/null && command -v brotli >/dev/null; then sha256sum ddbplay.wasm > ../ddbplay.wasm.sum; fi; fi
	$(GO) run ./internal/sitebuild -esbuild node_modules/.bin/esbuild $(SITE)
	@cd $(SITE) && for f in $$(find . -type f \( -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.json' -o -name '*.svg' \)); do \
	  if [ ! -f "$$f.br" ] || [ ! -f "$$f.gz" ] || [ "$$f" -nt "$$f.br" ] || [ "$$f" -nt "$$f.gz" ]; then \
	    rm -f "$$f.br" "$$f.gz"; gzip -9 -n -c "$$f" > "$$f.gz"; \
	    if command -v brotli >/dev/null; then brotli -q 11 -c "$$f" > "$$f.br"; fi; fi; done
	@cd $(SITE) && echo "site: ddbplay.wasm $$(stat -c %s ddbplay.wasm) bytes; on the wire $$(stat -c %s ddbplay.wasm.gz) gzip$$([ -f ddbplay.wasm.br ] && echo ", $$(stat -c %s ddbplay.wasm.br) brotli")"

# Where the module's bytes go (README "Size on the wire"): the module built
# and slimmed as `make site` does it but keeping its name section, listed by package
# and its largest functions by internal/wasmsize (raw and gzip -9 bytes).
wasmsize:
	@mkdir -p build
	$(WASM_GO) build -trimpath -ldflags='-w' $(WASM_GCFLAGS) -o build/ddbplay-named-linked.wasm ./wasm
	cp build/ddbplay-named-linked.wasm build/ddbplay-named.wasm
	$(GO) run ./internal/wasmslim build/ddbplay-named.wasm
	$(GO) run ./internal/wasmsize -funcs 40 build/ddbplay-named.wasm

# The hosted playground on Cloudflare Workers (worker/, wrangler.toml):
# build/worker/ holds the Go Worker (app.wasm) with the JavaScript shim of
# syumai/workers' workers-assets-gen, and site/, the static assets: the site
# without its .gz and .br copies (Cloudflare compresses on its own) plus a _headers
# file with web/sitepolicy's headers. `make deploy` uploads it with wrangler.
WORKER := $(CURDIR)/build/worker
worker: site
	$(GO) run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -o $(WORKER)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o build/worker-linked.wasm ./worker
	cp build/worker-linked.wasm $(WORKER)/app.wasm
	$(GO) run ./internal/wasmslim -names build/worker-app.names $(WORKER)/app.wasm
	mkdir -p $(WORKER)/site && cp -r $(SITE)/. $(WORKER)/site/ && find $(WORKER)/site \( -name '*.gz' -o -name '*.br' \) -delete
	$(GO) run ./worker headers > $(WORKER)/site/_headers
	@echo "worker: app.wasm $$(stat -c %s $(WORKER)/app.wasm) bytes, $$(gzip -9 -c $(WORKER)/app.wasm | wc -c) gzip (Workers' limit: 3 MB compressed on the free plan, 10 MB paid)"

deploy: npm worker
	PATH="$(CURDIR)/node_modules/.bin:$$PATH" wrangler deploy

# The browser tests restart Chromium pages hundreds of times (50 reloads
# and closed tabs alone in the durability test): on a busy two-core machine
# the package needs more than go test's default 10 minutes.
test: tools chromium npm check site worker
	DDBPLAY_SITE=$(SITE) DDBPLAY_WORKER=$(WORKER) $(GO) test -race -count=1 -timeout 30m ./...
	$(MAKE) wasmtest

# Static checks: formatting, tidy modules, vet, staticcheck, the import
# guard, and every package's import rules as its doc.go (or package comment) states them
# ("may import:" / "must not import:" lines; internal/importcheck).
check: tools
	@out=$$(gofmt -s -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt -s needed:"; echo "$$out"; exit 1; fi
	@cp go.mod /tmp/ddbplay-go.mod.bak; cp go.sum /tmp/ddbplay-go.sum.bak; $(GO) mod tidy; \
	  if ! git diff --quiet -- go.mod go.sum; then echo "go mod tidy changes go.mod/go.sum:"; git --no-pager diff -- go.mod go.sum; \
	  cp /tmp/ddbplay-go.mod.bak go.mod; cp /tmp/ddbplay-go.sum.bak go.sum; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm/... ./engine/... ./worker/...
	staticcheck ./...
	@bad=$$($(GO) list -deps ./engine/... | grep -E '^(net/http|syscall/js|github.com/syumai/workers)' || true); \
	  if [ -n "$$bad" ]; then echo "engine/ must not import: $$bad"; exit 1; fi
	$(GO) run ./internal/importcheck
	@bad=$$(GOOS=js GOARCH=wasm $(GO) list -deps ./worker | grep -E '^github.com/ddbplay/ddbplay/engine' || true); \
	  if [ -n "$$bad" ]; then echo "worker/ must not import the engine (it runs in the browser): $$bad"; exit 1; fi
	@echo "check: ok"

# The engine's tests compiled to WebAssembly and run under Node, each test
# binary slimmed by internal/wasmslim first as `make site` slims the module,
# and built with the module's garbage collector.
wasmtest:
	$(GO) build -o $(BIN)/wasmslim ./internal/wasmslim
	PATH="$(WASM_GOROOT)/lib/wasm:$$PATH" $(WASM_GO) test -count=1 -exec "$(BIN)/wasmslim -exec go_js_wasm_exec" ./engine/...

tools:
	@command -v staticcheck >/dev/null || GOBIN=$(BIN) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

# Debian's packages the tests use: Chromium for the browser tests (never a
# downloaded browser), the AWS CLI and boto3 to run generated code against
# the native server, and zopfli and brotli for the site's precompressed wasm.
chromium:
	@if ! command -v chromium >/dev/null || ! command -v zopfli >/dev/null || ! command -v brotli >/dev/null || ! [ -x /usr/bin/aws ] || ! /usr/bin/python3 -c 'import boto3' 2>/dev/null; then \
	  apt-get update && apt-get install -y --no-install-recommends chromium zopfli brotli awscli python3-boto3; fi

# Front-end packages used by tests and the build, pinned in package-lock.json.
npm:
	@if [ -f package.json ]; then [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; fi

# Go benchmarks of every package, and the browser benchmarks of browsertest
# in headless Chromium against the site just built: the full playground
# page's latency (GetItem, PutItem with and without the write log, Query of
# 100 items; quiet and right after writes) and time to ready (first visit,
# cached), the bytes a first visit transfers per encoding, loading 100,000
# items. One package at a time
# (-p 1): on two cores, packages benchmarked side by side disturb each
# other's figures.
bench: chromium site
	DDBPLAY_SITE=$(SITE) $(GO) test -p 1 -run '^$$' -bench . -benchmem ./...

# Long fuzzing: FUZZTIME per target (default 30s). Findings land in
# testdata/fuzz/ and become seeds that `make test` replays.
FUZZTIME ?= 30s
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

clean:
	rm -rf build .bin
