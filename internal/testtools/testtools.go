// Package testtools finds the external programs that tests run against the
// native server. `make test` installs them from Debian (awscli,
// python3-boto3) into /usr/bin; a same-named program earlier on PATH (say a
// pyenv shim with another AWS CLI major version) must not change what the
// tests exercise, so /usr/bin wins when it has the program.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      the standard library only
//	must not import: engine, web
package testtools

import (
	"os"
	"os/exec"
	"strings"
)

// Path returns /usr/bin/<name> if it is an executable file, else the
// result of exec.LookPath(name).
func Path(name string) (string, error) {
	p := "/usr/bin/" + name
	if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() && st.Mode()&0o111 != 0 {
		return p, nil
	}
	return exec.LookPath(name)
}

// PrependPath returns env (as from os.Environ) with dir put first on its
// PATH, so that scripts run with env find the same programs Path found.
func PrependPath(env []string, dir string) []string {
	out := make([]string, 0, len(env)+1)
	path := dir
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "PATH="); ok {
			path = dir + string(os.PathListSeparator) + v
			continue
		}
		out = append(out, kv)
	}
	return append(out, "PATH="+path)
}

// WasmEnv returns env (as from os.Environ) for a go command that builds
// the browser module: GOOS=js GOARCH=wasm, and GOTOOLCHAIN set to
// DDBPLAY_WASM_TOOLCHAIN when that is set (the Makefile's WASM_TOOLCHAIN,
// the Go release the module is built with), so that a test builds the
// module as `make site` does. Without it the go command's own toolchain
// builds it.
func WasmEnv(env []string) []string {
	env = append(env, "GOOS=js", "GOARCH=wasm")
	if tc := os.Getenv("DDBPLAY_WASM_TOOLCHAIN"); tc != "" {
		env = append(env, "GOTOOLCHAIN="+tc)
	}
	return env
}
