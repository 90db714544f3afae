package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// loadJSONLines opens a JSON Lines data file and reads it with read; what
// names the data in errors ("dedup data", …).
func loadJSONLines[T any](path, what string, read func(io.Reader) ([]T, error)) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", what, err)
	}
	defer f.Close()
	items, err := read(f)
	if err != nil {
		return nil, fmt.Errorf("load %s %s: %w", what, path, err)
	}
	return items, nil
}

// eachJSONLine calls decode with the number and the bytes of every
// non-blank line of r, lines of at most maxLine bytes. A decode error is
// returned prefixed with its line number.
func eachJSONLine(r io.Reader, maxLine int, decode func(line int, b []byte) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	for line := 1; sc.Scan(); line++ {
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		if err := decode(line, b); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("a line is longer than %d bytes: %w", maxLine, err)
		}
		return err
	}
	return nil
}

// writeJSONFile writes v as JSON to path (indented when indent), with a
// final newline; what names the output in errors ("summaries", …).
func writeJSONFile(path, what string, v any, indent bool) error {
	var b []byte
	var err error
	if indent {
		b, err = json.MarshalIndent(v, "", "  ")
	} else {
		b, err = json.Marshal(v)
	}
	if err != nil {
		return fmt.Errorf("write %s %s: %w", what, path, err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", what, err)
	}
	return nil
}
