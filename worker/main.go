//go:build js && wasm

package main

import (
	"net/http"
	"strconv"
	"time"

	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"

	"github.com/ddbplay/ddbplay/web/shortlink"
	"github.com/ddbplay/ddbplay/web/sitepolicy"
)

func main() {
	cfg := shortlink.Config{
		Store:    kvStore{ns: cloudflare.GetBinding("LINKS")},
		MaxBytes: envInt("SHARE_MAX_BYTES", shortlink.DefaultMaxBytes),
		TTL:      time.Duration(envInt("SHARE_TTL_DAYS", 365)) * 24 * time.Hour,
	}
	if lim := cloudflare.GetBinding("SHARE_LIMITER"); !lim.IsUndefined() {
		cfg.Limiter = rateLimiter{binding: lim}
	}
	links := shortlink.New(cfg)
	// Cloudflare sends only /s and /s/… here first (run_worker_first), and
	// paths with no asset: those are the site's 404.
	workers.Serve(links.Route(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sitepolicy.Set(w.Header())
		http.NotFound(w, r)
	})))
}

// envInt is the integer in the Worker's variable name, or def.
func envInt(name string, def int64) int64 {
	if n, err := strconv.ParseInt(cloudflare.Getenv(name), 10, 64); err == nil && n > 0 {
		return n
	}
	return def
}
