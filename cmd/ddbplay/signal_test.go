package main

import (
	"bufio"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// runMainEnv makes the test binary run main instead of the tests, so that
// TestMain_SignalShutdown can start the real command in a child process.
const runMainEnv = "DDBPLAY_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestMain_SignalShutdown runs the command as a child process, waits for
// it to log its URL, checks that it answers, sends SIGINT, and expects a
// clean exit.
func TestMain_SignalShutdown(t *testing.T) {
	cmd := exec.Command(os.Args[0], "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), runMainEnv+"=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := false
	t.Cleanup(func() {
		if !exited {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	lines := bufio.NewScanner(stderr)
	urlRe := regexp.MustCompile(`endpoint at (http://\S+)`)
	var url string
	var logged []string
	for url == "" && lines.Scan() {
		logged = append(logged, lines.Text())
		if m := urlRe.FindStringSubmatch(lines.Text()); m != nil {
			url = m[1]
		}
	}
	if url == "" {
		t.Fatalf("no URL logged; log:\n%s", strings.Join(logged, "\n"))
	}
	resp, err := http.Get(url + "/")
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("GET / = %d, want 200", resp.StatusCode)
	}
	// Drain the rest of the log so the child never blocks on a full pipe.
	go func() {
		for lines.Scan() {
		}
	}()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		exited = true
		if err != nil {
			t.Errorf("after SIGINT the command exited with %v, want success", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the command did not exit within 30s of SIGINT")
	}
}
