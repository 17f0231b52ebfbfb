package web

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"testing/fstest"
)

// A file with .br and .gz copies is served from the best copy the request
// admits: brotli, then gzip, by weight, q=0 refusing a coding.
func TestServer_Encodings(t *testing.T) {
	wasm := bytes.Repeat([]byte("\x00asm\x01\x00\x00\x00 some code "), 100)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(wasm)
	zw.Close()
	// The server never decodes a copy: any bytes stand for brotli here (the
	// site budget test decodes the real one).
	br := []byte("brotli bytes of ddbplay.wasm")
	site := testSite()
	site["ddbplay.wasm"] = &fstest.MapFile{Data: wasm}
	site["ddbplay.wasm.gz"] = &fstest.MapFile{Data: gz.Bytes()}
	site["ddbplay.wasm.br"] = &fstest.MapFile{Data: br}
	srv := newServer(fakeHandler(t), site)
	tests := []struct {
		accept []string // Accept-Encoding header values
		rng    string
		want   string // Content-Encoding
	}{
		{[]string{"gzip, deflate, br, zstd"}, "", "br"},  // Chromium over https
		{[]string{"gzip, deflate"}, "", "gzip"},          // Chromium over http
		{[]string{"br"}, "", "br"},                       //
		{[]string{"BR;Q=1"}, "", "br"},                   // case-insensitive
		{[]string{"gzip", "br"}, "", "br"},               // two header lines
		{[]string{"br;q=0.5, gzip"}, "", "gzip"},         // by weight
		{[]string{"br;q=0.8, gzip;q=0.8"}, "", "br"},     // a tie: the server's order
		{[]string{"br;q=0, gzip"}, "", "gzip"},           // q=0 refuses br
		{[]string{"br;q=0.000, gzip;q=0"}, "", ""},       // both refused
		{[]string{"x-gzip"}, "", "gzip"},                 //
		{[]string{"*"}, "", "br"},                        //
		{[]string{"*;q=0"}, "", ""},                      //
		{[]string{"*, br;q=0"}, "", "gzip"},              // own entry beats *
		{[]string{"br;q=2, gzip;q=0.1"}, "", "gzip"},     // malformed q counts as 0
		{[]string{"br;q=nan, gzip;q=0.1"}, "", "gzip"},   //
		{[]string{"identity"}, "", ""},                   //
		{nil, "", ""},                                    // no header: the file itself
		{[]string{"gzip, deflate, br"}, "bytes=0-3", ""}, // a range is of the file
	}
	etags := map[string]string{}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q %s", tt.accept, tt.rng), func(t *testing.T) {
			req := httptest.NewRequest("GET", "/ddbplay.wasm", nil)
			for _, v := range tt.accept {
				req.Header.Add("Accept-Encoding", v)
			}
			if tt.rng != "" {
				req.Header.Set("Range", tt.rng)
			}
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			res := rec.Result()
			if got := res.Header.Get("Content-Encoding"); got != tt.want {
				t.Fatalf("Content-Encoding = %q, want %q", got, tt.want)
			}
			if got := res.Header.Values("Vary"); len(got) != 1 || got[0] != "Accept-Encoding" {
				t.Errorf("Vary = %q, want [Accept-Encoding]", got)
			}
			if got := res.Header.Get("Content-Type"); got != "application/wasm" {
				t.Errorf("Content-Type = %q, want application/wasm", got)
			}
			if got := res.Header.Get("Cache-Control"); got != "no-cache" {
				t.Errorf("Cache-Control = %q, want no-cache", got)
			}
			body := rec.Body.Bytes()
			want := map[string][]byte{"br": br, "gzip": gz.Bytes(), "": wasm}[tt.want]
			if tt.rng != "" {
				if rec.Code != http.StatusPartialContent || !bytes.Equal(body, wasm[:4]) {
					t.Fatalf("range: status %d, body %q", rec.Code, body)
				}
				return
			}
			if rec.Code != http.StatusOK || !bytes.Equal(body, want) {
				t.Fatalf("status %d, body of %d bytes, want the %q copy (%d bytes)", rec.Code, len(body), tt.want, len(want))
			}
			if got := res.Header.Get("Content-Length"); got != strconv.Itoa(len(want)) {
				t.Errorf("Content-Length = %q, want %d", got, len(want))
			}
			if tt.want == "gzip" {
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				if got, err := io.ReadAll(zr); err != nil || !bytes.Equal(got, wasm) {
					t.Fatalf("the gzip copy does not decode to the file (%v)", err)
				}
			}
			etag := res.Header.Get("ETag")
			if prev, ok := etags[tt.want]; ok && prev != etag {
				t.Errorf("ETag %s, earlier %s for the same copy", etag, prev)
			}
			etags[tt.want] = etag
			// Revalidation: the same copy's ETag is answered 304 without a body.
			req.Header.Set("If-None-Match", etag)
			rec = httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 || rec.Header().Get("Content-Encoding") != "" {
				t.Errorf("If-None-Match %s: status %d, %d body bytes, Content-Encoding %q; want 304, none, none",
					etag, rec.Code, rec.Body.Len(), rec.Header().Get("Content-Encoding"))
			}
		})
	}
	// Each copy is its own representation, with its own validator.
	if etags["br"] == etags["gzip"] || etags["br"] == etags[""] || etags["gzip"] == etags[""] {
		t.Errorf("ETags by coding %v, want three different ones", etags)
	}
	// HEAD tells the copy's length without sending it.
	req := httptest.NewRequest("HEAD", "/ddbplay.wasm", nil)
	req.Header.Set("Accept-Encoding", "gzip, deflate, br")
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if rec.Header().Get("Content-Encoding") != "br" || rec.Header().Get("Content-Length") != strconv.Itoa(len(br)) || rec.Body.Len() != 0 {
		t.Errorf("HEAD: headers %v, %d body bytes", rec.Header(), rec.Body.Len())
	}
}
