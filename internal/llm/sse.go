package llm

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// errEventTooLarge is returned by readEvents for an event whose data
// passes its limit; bufio.ErrTooLong for a line that does.
var errEventTooLarge = errors.New("event-stream event too large")

// readEvents reads a text/event-stream from r and calls fn with the data
// of each event: its "data:" lines, joined by newlines, when a blank line
// (or the end of r) ends it. Lines may end in LF, CRLF or CR; comments and
// other fields are skipped; an event without data is not passed on. fn
// must not keep data after it returns. A line longer than limit bytes (with
// its line ending), or an event with more than limit bytes of data, stops
// the reading with an error. readEvents returns fn's first error, or r's,
// or nil at the end of r.
func readEvents(r io.Reader, limit int, fn func(data []byte) error) error {
	limit = max(limit, 1)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, min(4096, limit)), limit)
	sc.Split(splitLines)
	var data []byte
	hasData, first := false, true
	for sc.Scan() {
		line := sc.Bytes()
		if first {
			line, first = bytes.TrimPrefix(line, []byte("\xEF\xBB\xBF")), false
		}
		if len(line) == 0 {
			if hasData {
				if err := fn(data); err != nil {
					return err
				}
			}
			data, hasData = data[:0], false
			continue
		}
		field, value, found := bytes.Cut(line, []byte(":"))
		if !found || string(field) != "data" {
			continue // a comment (empty field), another field, or no field at all
		}
		value = bytes.TrimPrefix(value, []byte(" "))
		if hasData {
			data = append(data, '\n')
		}
		if len(data)+len(value) > limit {
			return fmt.Errorf("%w: more than %d bytes", errEventTooLarge, limit)
		}
		data, hasData = append(data, value...), true
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if hasData {
		return fn(data) // the last event, though no blank line ended it
	}
	return nil
}

// splitLines is a bufio.SplitFunc for event-stream lines, which end in
// CRLF, LF or CR.
func splitLines(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if i := bytes.IndexAny(data, "\r\n"); i >= 0 {
		switch {
		case data[i] == '\n':
			return i + 1, data[:i], nil
		case i+1 < len(data) && data[i+1] == '\n':
			return i + 2, data[:i], nil
		case i+1 < len(data) || atEOF:
			return i + 1, data[:i], nil
		}
		return 0, nil, nil // a CR last: wait to see whether an LF follows
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}
