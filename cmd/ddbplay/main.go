// Command ddbplay serves an in-memory DynamoDB on a local port: DynamoDB's
// JSON 1.0 endpoint for any AWS SDK or the AWS CLI, and, with --site, the
// playground's web page on the same port.
//
//	ddbplay [--addr 127.0.0.1:8000] [--site DIR] [--region us-east-1] [--throttle] [--replica-lag DURATION]
//
// --throttle enforces tables' throughput as DynamoDB does (off by default,
// like DynamoDB Local), for testing retry logic; --replica-lag makes
// eventually consistent reads and index queries lag behind writes. The
// admin API under /_ddbplay/ (web.NewAdmin) drives the virtual clock.
//
// Point a client at it with --endpoint-url http://127.0.0.1:8000 (any
// credentials work). Data lives in memory and is gone when the process
// stops; SIGINT or SIGTERM shut it down gracefully.
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
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fl.Arg(0))
	}
	if *lag < 0 || *lag > time.Hour {
		return fmt.Errorf("--replica-lag %v: must be between 0 and 1h", *lag)
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
	db := engine.New(engine.Options{Region: *region, Throttle: *throttle, ReplicaLag: *lag,
		OnPanic: func(op string, p any, stack []byte) {
			logger.Printf("panic in %s: %v\n%s", op, p, stack) // a bug: say where
		}})
	handler := web.NewServer(db, siteFS)

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
	logger.Printf("try: aws dynamodb list-tables --endpoint-url %s (any credentials work; data is in memory)", url)
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
