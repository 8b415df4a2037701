// Command ferretdb-launcher runs an embedded FerretDB v1 with the SQLite backend.
//
// It is the local MongoDB stand-in of the Tabletap service stack (tooling/stack):
//
//	ferretdb-launcher -listen 127.0.0.1:27017 -dir .data/dev/ferretdb
//
// FerretDB stores each database as one SQLite file inside -dir. The process runs until
// SIGINT or SIGTERM, then closes its listener and the SQLite backend cleanly.
//
// Embedding FerretDB (instead of `go install`ing its own command) avoids the
// build/version/version.txt file that FerretDB's main package requires; no build tags
// are needed.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on (host:port)")
	dir := flag.String("dir", "data", "directory for the SQLite database files")
	logLevel := flag.String("log-level", "info", "log level: debug, info, warn or error")
	flag.Parse()

	if err := run(*listen, *dir, *logLevel); err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb-launcher:", err)
		os.Exit(1)
	}
}

func run(listen, dir, logLevel string) error {
	var level slog.Level
	if err := level.UnmarshalText([]byte(logLevel)); err != nil {
		return fmt.Errorf("bad -log-level: %w", err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if err = os.MkdirAll(abs, 0o755); err != nil {
		return err
	}

	// The SQLite URL must name a directory and end with a slash.
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + filepath.ToSlash(abs) + "/",
	})
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	logger.Info("ferretdb-launcher starting", "listen", listen, "dir", abs)
	err = f.Run(ctx)
	logger.Info("ferretdb-launcher stopped")
	return err
}
