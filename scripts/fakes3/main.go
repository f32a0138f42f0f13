// Command fakes3 is a local S3-compatible server for the tests of Pulumi's s3:// state backend, built on
// github.com/johannesboyne/gofakes3 (objects in memory, path-style buckets, AWS signatures accepted as sent).
//
//	fakes3 -bucket pulumi-state [-addr 127.0.0.1:0]
//
// It prints one line, `fakes3 listening on http://127.0.0.1:PORT`, on stdout once it accepts connections, and
// one line per request on stderr (`fakes3: PUT /pulumi-state/.pulumi/locks/... 200`), so that a test can wait
// for an event it observed rather than for a guessed delay. It stops on SIGINT or SIGTERM, and when its standard
// input reaches end of file: a test that dies (and so closes the pipe) never leaves a server behind.
// Built by scripts/ensure-go-tool.sh fakes3 into .cache/; see README.md ("GitOps").
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// statusRecorder keeps the status code a handler answered, for the request log.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "address to listen on (port 0: a free port)")
	buckets := flag.String("bucket", "", "comma-separated buckets to create at start")
	flag.Parse()
	if err := run(*addr, *buckets); err != nil {
		fmt.Fprintf(os.Stderr, "fakes3: %v\n", err)
		os.Exit(1)
	}
}

func run(addr, buckets string) error {
	// In memory: each test starts its own server, and nothing of it outlives the test.
	backend := s3mem.New()
	for _, name := range strings.Split(buckets, ",") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		if err := backend.CreateBucket(name); err != nil && !gofakes3.IsAlreadyExists(err) {
			return fmt.Errorf("creating bucket %q: %w", name, err)
		}
	}
	faker := gofakes3.New(backend, gofakes3.WithAutoBucket(false))
	handler := faker.Server()
	logged := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		handler.ServeHTTP(rec, r)
		// One write per line, so that lines of concurrent requests never interleave.
		fmt.Fprintf(os.Stderr, "fakes3: %s %s %d\n", r.Method, r.URL.RequestURI(), rec.status)
	})

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	server := &http.Server{Handler: logged}
	served := make(chan error, 1)
	go func() { served <- server.Serve(ln) }()
	fmt.Printf("fakes3 listening on http://%s\n", ln.Addr())

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	stdinClosed := make(chan struct{})
	go func() {
		_, _ = io.Copy(io.Discard, bufio.NewReader(os.Stdin))
		close(stdinClosed)
	}()
	select {
	case <-stop:
	case <-stdinClosed:
	case err := <-served:
		return err
	}
	return server.Close()
}
