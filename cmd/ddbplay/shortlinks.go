package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/ddbplay/ddbplay/web/shortlink"
)

// memoryLinkBytes bounds the links kept in memory without --share-dir.
const memoryLinkBytes = 256 << 20

// shortlinkFlags declares the short-link flags on fl and returns the
// function that builds the handler from them once fl is parsed; without
// --share-dir, links go to defaultDir (the data directory's, with --data),
// or stay in memory when it is empty.
func shortlinkFlags(fl *flag.FlagSet) func(defaultDir string) (*shortlink.Handler, string, error) {
	dir := fl.String("share-dir", "", "`directory` to keep short links in (created if missing; default: in memory, at most 256 MB)")
	ttl := fl.Duration("share-ttl", shortlink.DefaultTTL, "how long a short link lives after it was created or last opened")
	limit := fl.Int("share-limit", 10, "short links one client may create per minute (0: no limit)")
	maxBytes := fl.Int64("share-max", shortlink.DefaultMaxBytes, "largest short link in `bytes` (compressed)")
	return func(defaultDir string) (*shortlink.Handler, string, error) {
		cfg := shortlink.Config{TTL: *ttl, MaxBytes: *maxBytes}
		where := "in memory"
		if *dir == "" {
			*dir = defaultDir // the data directory's, with --data
		}
		if *dir != "" {
			if err := os.MkdirAll(*dir, 0o755); err != nil {
				return nil, "", fmt.Errorf("--share-dir: %w", err)
			}
			cfg.Store = shortlink.DirStore{Dir: *dir}
			where = "in " + *dir
		} else {
			cfg.Store = shortlink.NewMemoryStore(memoryLinkBytes)
		}
		if *limit > 0 {
			cfg.Limiter = shortlink.NewMemoryLimiter(*limit, time.Minute)
		}
		if *ttl <= 0 || *maxBytes <= 0 {
			return nil, "", fmt.Errorf("--share-ttl and --share-max must be positive")
		}
		return shortlink.New(cfg), where, nil
	}
}
