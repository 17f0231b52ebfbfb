package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Symbolize returns text with every short function name (ShortName(k),
// for k within names) replaced by names[k]: a traceback of a slimmed
// module as the module before would have written it, names-wise.
func Symbolize(text []byte, names []string) []byte {
	const mark = "ƒ"
	var out []byte
	from := 0
	for i := 0; ; {
		j := bytes.Index(text[i:], []byte(mark))
		if j < 0 {
			break
		}
		i += j + len(mark)
		end := i
		for end < len(text) && (text[end] >= '0' && text[end] <= '9' || text[end] >= 'a' && text[end] <= 'z') {
			end++
		}
		k, err := strconv.ParseInt(string(text[i:end]), 36, 64)
		if end == i || err != nil || k >= int64(len(names)) {
			continue
		}
		out = append(out, text[from:i-len(mark)]...)
		out = append(out, names[k]...)
		from, i = end, end
	}
	if out == nil {
		return text
	}
	return append(out, text[from:]...)
}

// writeNames writes names to file as "ƒ0\tgo:buildid" lines: each
// function's short name and its name, in the pclntab's order.
func writeNames(file string, names []string) error {
	var b bytes.Buffer
	for k, n := range names {
		fmt.Fprintf(&b, "%s\t%s\n", ShortName(k), n)
	}
	return os.WriteFile(file, b.Bytes(), 0o644)
}

// readNames reads a file writeNames wrote.
func readNames(file string) ([]string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var names []string
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		short, name, ok := strings.Cut(line, "\t")
		if !ok || short != ShortName(i) {
			return nil, fmt.Errorf("%s:%d: not a %q line", file, i+1, ShortName(i)+"\tname")
		}
		names = append(names, name)
	}
	return names, nil
}

// symbolizer is a Writer that passes what it is given on to w a line at
// a time, symbolized (a line longer than 64 KB in pieces, each cut after
// a whole UTF-8 character). Close writes what is left of the last line.
type symbolizer struct {
	w     io.Writer
	names []string
	buf   []byte
}

func (s *symbolizer) Write(p []byte) (int, error) {
	s.buf = append(s.buf, p...)
	n := bytes.LastIndexByte(s.buf, '\n') + 1
	if n == 0 && len(s.buf) > 64<<10 {
		n = len(s.buf)
		for n > 0 && !utf8.RuneStart(s.buf[n-1]) {
			n--
		}
		if n > 0 {
			n-- // the start of a character that may be cut
		}
	}
	if n > 0 {
		if _, err := s.w.Write(Symbolize(s.buf[:n], s.names)); err != nil {
			return 0, err
		}
		s.buf = append(s.buf[:0], s.buf[n:]...)
	}
	return len(p), nil
}

func (s *symbolizer) Close() error {
	_, err := s.w.Write(Symbolize(s.buf, s.names))
	s.buf = nil
	return err
}

// symbolizeStream copies r to w symbolized.
func symbolizeStream(w io.Writer, r io.Reader, names []string) error {
	s := &symbolizer{w: w, names: names}
	if _, err := io.Copy(s, r); err != nil {
		return err
	}
	return s.Close()
}
