package web

import (
	"io/fs"
	"net/http"
	"strconv"
	"strings"
)

// siteCodings are the precompressed copies a site file may have beside it
// (`make site` writes ddbplay.wasm.br and ddbplay.wasm.gz), in the server's
// order of preference: brotli, then gzip.
var siteCodings = []struct{ coding, ext string }{{"br", ".br"}, {"gzip", ".gz"}}

// chooseCopy picks what to send for the site file name (info): the best
// precompressed copy beside it that the request's Accept-Encoding admits,
// else the file itself. It sets Vary: Accept-Encoding when name has a copy
// (whichever is sent: caches must key on the header), and for a copy
// Content-Encoding and Content-Length (http.ServeContent leaves the length
// out of encoded answers). A Range request gets the file itself, so its
// byte ranges are of the file. It returns the name and info of what to
// send and its coding ("" for the file itself).
func chooseCopy(site fs.FS, h http.Header, r *http.Request, name string, info fs.FileInfo) (string, fs.FileInfo, string) {
	type copyOf struct {
		coding, name string
		info         fs.FileInfo
	}
	var copies []copyOf
	for _, c := range siteCodings {
		if ci, err := fs.Stat(site, name+c.ext); err == nil && !ci.IsDir() {
			copies = append(copies, copyOf{c.coding, name + c.ext, ci})
		}
	}
	if len(copies) == 0 {
		return name, info, ""
	}
	h.Add("Vary", "Accept-Encoding")
	if r.Header.Get("Range") != "" {
		return name, info, ""
	}
	accept := r.Header.Values("Accept-Encoding")
	best, bestQ := -1, 0.0
	for i, c := range copies {
		// Highest weight wins; on a tie, the earlier (preferred) coding.
		if q := codingWeight(accept, c.coding); q > bestQ {
			best, bestQ = i, q
		}
	}
	if best < 0 {
		return name, info, ""
	}
	c := copies[best]
	h.Set("Content-Encoding", c.coding)
	h.Set("Content-Length", strconv.FormatInt(c.info.Size(), 10))
	return c.name, c.info, c.coding
}

// codingWeight returns the weight (qvalue, 0 to 1) that Accept-Encoding
// header values give coding (RFC 9110 section 12.5.3): its own entry's
// (the highest, if listed twice), else the "*" entry's, else 0 (not
// acceptable). "x-gzip" counts as gzip. A malformed qvalue counts as 0.
func codingWeight(values []string, coding string) float64 {
	own, star := -1.0, -1.0
	for _, v := range values {
		for part := range strings.SplitSeq(v, ",") {
			name, params, _ := strings.Cut(part, ";")
			name = strings.ToLower(strings.TrimSpace(name))
			if name == "x-gzip" {
				name = "gzip"
			}
			if name != coding && name != "*" {
				continue
			}
			q := qvalue(params)
			if name == "*" {
				star = max(star, q)
			} else {
				own = max(own, q)
			}
		}
	}
	switch {
	case own >= 0:
		return own
	case star >= 0:
		return star
	}
	return 0
}

// qvalue returns the q parameter of an Accept-Encoding entry's parameters
// (";q=0.5"): 1 when absent, 0 when malformed or outside 0…1.
func qvalue(params string) float64 {
	for p := range strings.SplitSeq(params, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || !(q >= 0 && q <= 1) { // NaN too
			return 0
		}
		return q
	}
	return 1
}

// siteETag is the strong validator of a served site file: its modification
// time and size, and the coding of a precompressed copy (each copy is its
// own representation).
func siteETag(info fs.FileInfo, coding string) string {
	tag := `"` + strconv.FormatInt(info.ModTime().UnixNano(), 36) + "-" + strconv.FormatInt(info.Size(), 36)
	if coding != "" {
		tag += "-" + coding
	}
	return tag + `"`
}
