package browsertest

import (
	"os"
	"strings"
	"testing"
)

// TestREADME_SDKExampleIsTheTestedCode checks that the README's AWS SDK v3
// example is the very playgroundClient that TestSDK_V3ThroughFetch runs.
func TestREADME_SDKExampleIsTheTestedCode(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("testdata/sdk/playground-client.js")
	if err != nil {
		t.Fatal(err)
	}
	code := string(src)
	start := strings.Index(code, "export function playgroundClient")
	end := strings.Index(code, "\nexport * from")
	if start < 0 || end < start {
		t.Fatalf("playground-client.js no longer has playgroundClient followed by the re-export")
	}
	fn := strings.TrimSpace(code[start:end])
	if !strings.Contains(string(readme), fn) {
		t.Errorf("README's SDK v3 example differs from testdata/sdk/playground-client.js; copy this into it:\n%s", fn)
	}
}
