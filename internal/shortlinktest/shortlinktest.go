// Package shortlinktest is the one test table of the short-link API
// (web/shortlink), run against every host that serves it: the native server
// (web/shortlink's tests, cmd/ddbplay) and the Cloudflare Worker under
// workerd (worker/'s tests). It also checks that a host serves the site
// with web/sitepolicy's headers.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      web/shortlink, web/sitepolicy
//	must not import: engine
package shortlinktest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ddbplay/ddbplay/web/shortlink"
	"github.com/ddbplay/ddbplay/web/sitepolicy"
)

// Gzip compresses doc.
func Gzip(t testing.TB, doc string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := io.WriteString(zw, doc); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Answer is one HTTP answer, body read.
type Answer struct {
	Status int
	Header http.Header
	Body   []byte
}

// Do sends a request to base+path and reads the answer.
func Do(t testing.TB, method, url, contentType string, body []byte, header map[string]string) Answer {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return Answer{Status: res.StatusCode, Header: res.Header, Body: data}
}

// Create posts a link and returns its id, failing unless the answer is 201
// or 200 with the id of data.
func Create(t testing.TB, base string, data []byte) string {
	t.Helper()
	a := Do(t, http.MethodPost, base+"/s", shortlink.MediaType, data, nil)
	if a.Status != http.StatusCreated && a.Status != http.StatusOK {
		t.Fatalf("POST /s: %d %s", a.Status, a.Body)
	}
	var got struct{ ID, URL string }
	if err := json.Unmarshal(a.Body, &got); err != nil {
		t.Fatalf("POST /s answer %s: %v", a.Body, err)
	}
	if want := shortlink.ID(data); got.ID != want || got.URL != "/s/"+want {
		t.Fatalf("POST /s = %s, want id %s, url /s/%s", a.Body, want, want)
	}
	return got.ID
}

// wantError checks a JSON error answer.
func wantError(t *testing.T, a Answer, status int, code string) {
	t.Helper()
	if a.Status != status {
		t.Fatalf("status %d (%s), want %d", a.Status, a.Body, status)
	}
	if ct := a.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q, want application/json", ct)
	}
	if a.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("no X-Content-Type-Options: nosniff")
	}
	var e struct{ Error, Message string }
	if err := json.Unmarshal(a.Body, &e); err != nil {
		t.Fatalf("error body %s: %v", a.Body, err)
	}
	if e.Error != code || e.Message == "" {
		t.Errorf("error %s, want code %s and a message", a.Body, code)
	}
}

// Run runs the table against the host at base (no trailing slash), whose
// links are at most maxBytes and whose limiter allows at most rateLimit
// links per client in its window. The rate-limit case runs last: it uses
// up the client's allowance.
func Run(t *testing.T, base string, maxBytes, rateLimit int) {
	// unique makes each run's content its own, so a store kept between
	// runs never answers 200 where the table wants 201.
	unique := strconv.FormatInt(time.Now().UnixNano(), 36)
	doc := `{"format":"ddbplay-share","version":1,"run":"` + unique + `"}`
	data := Gzip(t, doc)
	id := shortlink.ID(data)

	t.Run("Create", func(t *testing.T) {
		a := Do(t, http.MethodPost, base+"/s", shortlink.MediaType, data, nil)
		if a.Status != http.StatusCreated {
			t.Fatalf("status %d (%s), want 201", a.Status, a.Body)
		}
		if want := `{"id":"` + id + `","url":"/s/` + id + `"}`; string(a.Body) != want {
			t.Errorf("body %s, want %s", a.Body, want)
		}
		if ct := a.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type %q", ct)
		}
	})
	t.Run("CreateAgain_SameID", func(t *testing.T) {
		a := Do(t, http.MethodPost, base+"/s", shortlink.MediaType+"; charset=binary", data, nil)
		if a.Status != http.StatusOK || !strings.Contains(string(a.Body), `"id":"`+id+`"`) {
			t.Fatalf("status %d (%s), want 200 with id %s", a.Status, a.Body, id)
		}
	})
	t.Run("Get", func(t *testing.T) {
		a := Do(t, http.MethodGet, base+"/s/"+id, "", nil, map[string]string{"Accept": shortlink.MediaType, "Sec-Fetch-Mode": "cors"})
		if a.Status != http.StatusOK || !bytes.Equal(a.Body, data) {
			t.Fatalf("status %d, %d bytes; want 200 with the %d stored bytes", a.Status, len(a.Body), len(data))
		}
		for k, want := range map[string]string{
			"Content-Type":            shortlink.MediaType,
			"X-Content-Type-Options":  "nosniff",
			"Content-Security-Policy": "default-src 'none'; sandbox",
		} {
			if got := a.Header.Get(k); got != want {
				t.Errorf("%s = %q, want %q", k, got, want)
			}
		}
	})
	t.Run("Get_Navigation_RedirectsToPage", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodGet, base+"/s/"+id, nil)
		req.Header.Set("Sec-Fetch-Mode", "navigate")
		req.Header.Set("Accept", "text/html")
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/?s="+id {
			t.Errorf("status %d Location %q, want 303 /?s=%s", res.StatusCode, res.Header.Get("Location"), id)
		}
	})
	t.Run("Get_Unknown", func(t *testing.T) {
		wantError(t, Do(t, http.MethodGet, base+"/s/AAAAAAAAAAAAAAAA", "", nil, nil), http.StatusNotFound, "NotFound")
	})
	t.Run("Get_BadID", func(t *testing.T) {
		wantError(t, Do(t, http.MethodGet, base+"/s/not-an-id", "", nil, nil), http.StatusNotFound, "NotFound")
	})
	t.Run("Create_WrongType", func(t *testing.T) {
		wantError(t, Do(t, http.MethodPost, base+"/s", "application/json", []byte(doc), nil), http.StatusUnsupportedMediaType, "UnsupportedMediaType")
	})
	t.Run("Create_NoType", func(t *testing.T) {
		wantError(t, Do(t, http.MethodPost, base+"/s", "", data, nil), http.StatusUnsupportedMediaType, "UnsupportedMediaType")
	})
	t.Run("Create_TooLarge", func(t *testing.T) {
		big := append(Gzip(t, doc), make([]byte, maxBytes)...)
		wantError(t, Do(t, http.MethodPost, base+"/s", shortlink.MediaType, big, nil), http.StatusRequestEntityTooLarge, "TooLarge")
	})
	t.Run("Create_NotGzip", func(t *testing.T) {
		wantError(t, Do(t, http.MethodPost, base+"/s", shortlink.MediaType, []byte(doc), nil), http.StatusBadRequest, "Malformed")
	})
	t.Run("Create_NotJSON", func(t *testing.T) {
		wantError(t, Do(t, http.MethodPost, base+"/s", shortlink.MediaType, Gzip(t, "<script>alert(1)</script>"), nil), http.StatusBadRequest, "Malformed")
	})
	t.Run("Create_Empty", func(t *testing.T) {
		wantError(t, Do(t, http.MethodPost, base+"/s", shortlink.MediaType, nil, nil), http.StatusBadRequest, "Malformed")
	})
	t.Run("MethodNotAllowed", func(t *testing.T) {
		wantError(t, Do(t, http.MethodDelete, base+"/s/"+id, "", nil, nil), http.StatusMethodNotAllowed, "MethodNotAllowed")
		wantError(t, Do(t, http.MethodGet, base+"/s", "", nil, nil), http.StatusMethodNotAllowed, "MethodNotAllowed")
	})
	t.Run("StillThere", func(t *testing.T) {
		a := Do(t, http.MethodGet, base+"/s/"+id, "", nil, nil)
		if a.Status != http.StatusOK || !bytes.Equal(a.Body, data) {
			t.Fatalf("status %d; the link changed or vanished", a.Status)
		}
	})
	t.Run("RateLimited", func(t *testing.T) {
		// Earlier creates count too, so the limit bites within rateLimit+1
		// creates in one window; a limiter of fixed windows (Cloudflare's
		// counts per clock minute) may start a new window once in the
		// middle, so allow two windows' worth.
		for i := 0; i <= 2*rateLimit; i++ {
			one := Gzip(t, `{"n":`+strconv.Itoa(i)+`,"run":"`+unique+`"}`)
			a := Do(t, http.MethodPost, base+"/s", shortlink.MediaType, one, nil)
			if a.Status == http.StatusTooManyRequests {
				wantError(t, a, http.StatusTooManyRequests, "RateLimited")
				if a.Header.Get("Retry-After") == "" {
					t.Error("no Retry-After")
				}
				if got := Do(t, http.MethodGet, base+"/s/"+shortlink.ID(one), "", nil, nil); got.Status != http.StatusNotFound {
					t.Errorf("a refused link was stored: GET answers %d", got.Status)
				}
				return
			}
			if a.Status != http.StatusCreated {
				t.Fatalf("create %d: status %d (%s)", i, a.Status, a.Body)
			}
		}
		t.Fatalf("%d creates in a row were all allowed; the limit is %d", 2*rateLimit+1, rateLimit)
	})
}

// CheckSite checks that the site at base serves each path with
// sitepolicy's headers and Content-Type, and a missing path as 404 with
// them too.
func CheckSite(t *testing.T, base string, paths []string) {
	for _, p := range append(paths, "/no-such-file.txt") {
		a := Do(t, http.MethodGet, base+p, "", nil, map[string]string{"Accept-Encoding": "gzip"})
		want := http.StatusOK
		if p == "/no-such-file.txt" {
			want = http.StatusNotFound
		}
		if a.Status != want {
			t.Errorf("GET %s: status %d, want %d", p, a.Status, want)
		}
		for _, kv := range sitepolicy.Headers {
			if got := strings.Join(a.Header.Values(kv[0]), ", "); got != kv[1] {
				t.Errorf("GET %s: %s = %q, want %q", p, kv[0], got, kv[1])
			}
		}
		name := p
		if strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		if want == http.StatusOK {
			if got, want := a.Header.Values("Content-Type"), sitepolicy.ContentType(name); len(got) != 1 || got[0] != want {
				t.Errorf("GET %s: Content-Type %q, want %q", p, got, want)
			}
		}
		if strings.HasSuffix(p, ".wasm") && a.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("GET %s: Content-Encoding %q, want gzip", p, a.Header.Get("Content-Encoding"))
		}
	}
}
