package llm

import (
	"bufio"
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

// collect reads the events of in with readEvents, returning their data.
func collect(in []byte, limit int, oneByte bool) ([]string, error) {
	var got []string
	r := iotest.OneByteReader(bytes.NewReader(in))
	if !oneByte {
		r = bytes.NewReader(in)
	}
	err := readEvents(r, limit, func(data []byte) error {
		got = append(got, string(data))
		return nil
	})
	return got, err
}

func TestReadEvents(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		limit   int
		want    []string
		wantErr error
	}{
		{"empty", "", 64, nil, nil},
		{"one event", "data: hello\n\n", 64, []string{"hello"}, nil},
		{"two events", "data: a\n\ndata: b\n\n", 64, []string{"a", "b"}, nil},
		{"no space after the colon", "data:a\n\n", 64, []string{"a"}, nil},
		{"only one space taken", "data:  a \n\n", 64, []string{" a "}, nil},
		{"lines joined", "data: a\ndata: b\n\n", 64, []string{"a\nb"}, nil},
		{"CRLF", "data: a\r\n\r\ndata: b\r\n\r\n", 64, []string{"a", "b"}, nil},
		{"CR", "data: a\r\rdata: b\r\r", 64, []string{"a", "b"}, nil},
		{"mixed endings", "data: a\r\n\rdata: b\n\r\n", 64, []string{"a", "b"}, nil},
		{"last event unended", "data: a\n\ndata: b", 64, []string{"a", "b"}, nil},
		{"BOM", "\xEF\xBB\xBFdata: a\n\n", 64, []string{"a"}, nil},
		{"comments and other fields", ": hi\nevent: x\nid: 1\nretry: 5\ndata: a\n\n", 64, []string{"a"}, nil},
		{"garbage lines", "hello\n\n{not sse}\ndata: a\n\n", 64, []string{"a"}, nil},
		{"field named data only before the colon", "datum: x\ndata\n\n", 64, nil, nil},
		{"empty data", "data:\n\n", 64, []string{""}, nil},
		{"no data, no event", "event: ping\n\n\n\n", 64, nil, nil},
		{"line too long", "data: " + strings.Repeat("x", 64) + "\n\n", 64, nil, bufio.ErrTooLong},
		{"event too large", strings.Repeat("data: "+strings.Repeat("x", 20)+"\n", 4) + "\n", 64, nil, errEventTooLarge},
		{"events under the limit", strings.Repeat("data: "+strings.Repeat("x", 50)+"\n\n", 3), 64, []string{strings.Repeat("x", 50), strings.Repeat("x", 50), strings.Repeat("x", 50)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, oneByte := range []bool{false, true} {
				got, err := collect([]byte(tt.in), tt.limit, oneByte)
				if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
					t.Errorf("oneByte=%t: error = %v, want %v", oneByte, err, tt.wantErr)
				}
				if tt.wantErr == nil && !reflect.DeepEqual(got, tt.want) {
					t.Errorf("oneByte=%t: events = %q, want %q", oneByte, got, tt.want)
				}
			}
		})
	}
}

func TestReadEventsStops(t *testing.T) {
	stop := errors.New("stop")
	calls := 0
	err := readEvents(strings.NewReader("data: a\n\ndata: b\n\ndata: c\n\n"), 64, func([]byte) error {
		calls++
		if calls == 2 {
			return stop
		}
		return nil
	})
	if err != stop || calls != 2 {
		t.Errorf("readEvents = %v after %d events, want stop after 2", err, calls)
	}
}

// FuzzReadEvents checks that readEvents never panics, never passes on more
// data than its limit, and reads the same events however the input is cut
// into reads.
func FuzzReadEvents(f *testing.F) {
	for _, seed := range []string{
		"",
		"data: hello\n\n",
		"data: a\r\ndata: b\r\n\r\n: comment\rdata: [DONE]\r\r",
		"\xEF\xBB\xBFdata:{\"choices\":[]}\n\n",
		"data: " + strings.Repeat("x", 100) + "\n\n",
		"event: x\nid\n:\n\n\n\rdata\ndata:\r",
		"data: a\r",
	} {
		f.Add([]byte(seed), uint8(32))
	}
	f.Fuzz(func(t *testing.T, in []byte, limit uint8) {
		lim := int(limit)
		got, err := collect(in, lim, false)
		for _, d := range got {
			if len(d) > max(lim, 1) {
				t.Fatalf("event of %d bytes passed a limit of %d", len(d), lim)
			}
		}
		if err != nil && !errors.Is(err, bufio.ErrTooLong) && !errors.Is(err, errEventTooLarge) {
			t.Fatalf("unexpected error: %v", err)
		}
		got1, err1 := collect(in, lim, true)
		if !reflect.DeepEqual(got, got1) || (err == nil) != (err1 == nil) {
			t.Fatalf("whole reads: %q, %v; one-byte reads: %q, %v", got, err, got1, err1)
		}
	})
}
