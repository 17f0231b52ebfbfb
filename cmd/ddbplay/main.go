// Command ddbplay serves a DynamoDB on a local port: DynamoDB's JSON 1.0
// endpoint for any AWS SDK or the AWS CLI, and, with --site, the
// playground's web page on the same port.
//
//	ddbplay [--addr 127.0.0.1:8000] [--site DIR] [--region us-east-1] [--throttle] [--replica-lag DURATION]
//	        [--share-dir DIR] [--share-ttl 8760h] [--share-limit 10] [--share-max 1048576]
//	        [--data DIR [--sync always|none] [--snapshot-bytes N]]
//	ddbplay --data DIR --export FILE    write DIR's database as a snapshot file
//	ddbplay --data DIR --import FILE    replace DIR's database with a snapshot file
//
// --throttle enforces tables' throughput as DynamoDB does (off by default,
// like DynamoDB Local), for testing retry logic; --replica-lag makes
// eventually consistent reads and index queries lag behind writes. The
// admin API under /_ddbplay/ (web.NewAdmin) drives the virtual clock.
//
// Point a client at it with --endpoint-url http://127.0.0.1:8000 (any
// credentials work). Without --data, data lives in memory and is gone when
// the process stops; with --data it is kept in that directory (package
// datadir): every acknowledged write survives a restart, a kill -9 and,
// with --sync always (the default), a power loss. --data does not go with
// --throttle, and serves no admin API (neither is logged yet). SIGINT or
// SIGTERM shut it down gracefully. Short share links (POST /s, GET /s/<id>;
// see web/shortlink) live in memory, in --share-dir, or else in
// DIR/files/links with --data.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      datadir, engine, web, web/shortlink
//	must not import: syscall/js, github.com/syumai/workers
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/ddbplay/ddbplay/datadir"
	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/web"
)

// shutdownGrace is how long in-flight requests may take after a signal.
const shutdownGrace = 5 * time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stderr, nil); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "ddbplay:", err)
		}
		os.Exit(2)
	}
}

// run parses args, serves until ctx is done, then shuts the server down
// gracefully and returns nil. Log lines go to logw. ready, if not nil, is
// called with the base URL once the port is listening.
func run(ctx context.Context, args []string, logw io.Writer, ready func(url string)) error {
	fl := flag.NewFlagSet("ddbplay", flag.ContinueOnError)
	fl.SetOutput(logw)
	addr := fl.String("addr", "127.0.0.1:8000", "listen `address` (host:port; port 0 picks a free one)")
	site := fl.String("site", "", "`directory` of the playground site to serve beside the endpoint (optional)")
	region := fl.String("region", "us-east-1", "`region` used in ARNs")
	throttle := fl.Bool("throttle", false, "enforce provisioned and on-demand throughput: requests beyond capacity fail with\nProvisionedThroughputExceededException, as on DynamoDB (default off, like DynamoDB Local)")
	lag := fl.Duration("replica-lag", 0, "replication `lag` (e.g. 500ms): eventually consistent reads and index queries\nmay miss writes this recent (default 0: every read is current)")
	links := shortlinkFlags(fl)
	data := fl.String("data", "", "keep the database in `directory` (created if missing); default: in memory")
	syncName := fl.String("sync", "always", "with --data, when a write is acknowledged: `always` once on stable storage (survives power loss), none once handed to the OS (survives kill -9)")
	snapBytes := fl.Int64("snapshot-bytes", datadir.DefaultSnapshotBytes, "with --data, take a snapshot once the write-ahead log passes this many `bytes`")
	exportTo := fl.String("export", "", "with --data, write the database to `file` as a snapshot (the playground's export format) and exit")
	importFrom := fl.String("import", "", "with --data, replace the database with the snapshot `file` and exit")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fl.Arg(0))
	}
	if *lag < 0 || *lag > time.Hour {
		return fmt.Errorf("--replica-lag %v: must be between 0 and 1h", *lag)
	}
	policy, err := datadir.ParseSync(*syncName)
	if err != nil {
		return err
	}
	if *data == "" && (*exportTo != "" || *importFrom != "") {
		return errors.New("--export and --import need --data DIR")
	}
	if *data != "" && *throttle {
		// A throttled BatchWriteItem writes part of its items, which the
		// log (one record per request) cannot replay yet.
		return errors.New("--throttle does not work with --data yet")
	}
	var siteFS fs.FS // nil: endpoint only
	if *site != "" {
		info, err := os.Stat(*site)
		if err != nil {
			return err
		}
		if !info.IsDir() {
			return fmt.Errorf("--site %s: not a directory", *site)
		}
		siteFS = os.DirFS(*site)
	}

	logger := log.New(logw, "ddbplay: ", log.LstdFlags)
	engineOpts := engine.Options{Region: *region, Throttle: *throttle, ReplicaLag: *lag,
		OnPanic: func(op string, p any, stack []byte) {
			logger.Printf("panic in %s: %v\n%s", op, p, stack) // a bug: say where
		}}
	var handler http.Handler
	linksDir := ""
	if *data == "" {
		handler = web.NewServer(engine.New(engineOpts), siteFS)
	} else {
		store, err := datadir.Open(*data, datadir.Options{Engine: engineOpts, Sync: policy, SnapshotBytes: *snapBytes, Logf: logger.Printf})
		if err != nil {
			return err
		}
		defer func() {
			if cerr := store.Close(); cerr != nil {
				logger.Printf("closing %s: %v", *data, cerr)
			}
		}()
		switch {
		case *exportTo != "":
			return exportFile(store, *exportTo, logger)
		case *importFrom != "":
			return importFile(store, *importFrom, logger)
		}
		if linksDir, err = store.FilesDir("links"); err != nil {
			return err
		}
		handler = web.NewBackendServer(store, siteFS)
	}
	linkHandler, linksWhere, err := links(linksDir)
	if err != nil {
		return err
	}
	handler = linkHandler.Route(handler)

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          logger,
	}
	url := "http://" + ln.Addr().String()
	if siteFS != nil {
		logger.Printf("playground at %s/ (site %s); DynamoDB endpoint %s", url, *site, url)
	} else {
		logger.Printf("DynamoDB endpoint at %s (no site)", url)
	}
	if *throttle || *lag > 0 {
		logger.Printf("throughput enforced: %v; replica lag: %v; clock and capacity at %s%s", *throttle, *lag, url, web.AdminPrefix)
	}
	logger.Printf("short links (/s) kept %s", linksWhere)
	where := "data is in memory"
	if *data != "" {
		where = fmt.Sprintf("data in %s, sync %s", *data, *syncName)
	}
	logger.Printf("try: aws dynamodb list-tables --endpoint-url %s (any credentials work; %s)", url, where)
	if ready != nil {
		ready(url)
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	logger.Printf("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// exportFile writes the store's database to path as a snapshot.
func exportFile(store *datadir.Store, path string, logger *log.Logger) error {
	snap, err := store.Export()
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, snap, 0o644); err != nil {
		return err
	}
	logger.Printf("exported %s to %s (%d bytes)", store.Dir(), path, len(snap))
	return nil
}

// importFile replaces the store's database with the snapshot in path.
func importFile(store *datadir.Store, path string, logger *log.Logger) error {
	snap, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := store.Import(snap); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	logger.Printf("imported %s into %s", path, store.Dir())
	return nil
}
