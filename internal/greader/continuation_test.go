package greader

import (
	"encoding/base64"
	"math"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestContinuationRoundTrip(t *testing.T) {
	for _, c := range []Continuation{
		{Time: time.Date(2026, 3, 1, 12, 0, 0, 123456000, time.UTC), ID: 4242},
		{Time: time.Date(1969, 12, 31, 23, 59, 59, 999999000, time.UTC), ID: 1},
		{Time: time.Unix(0, 0).UTC(), ID: StoryItemID(MaxStoryID)},
		{Time: time.Time{}, ID: 7},
		{Time: time.UnixMicro(math.MaxInt64).UTC(), ID: math.MaxInt64},
		{Time: time.UnixMicro(math.MinInt64).UTC(), ID: 1},
	} {
		s := EncodeContinuation(c)
		if len(s) > 28 || url.QueryEscape(s) != s {
			t.Errorf("EncodeContinuation(%v) = %q: longer than 28 or not URL-safe", c, s)
		}
		got, err := DecodeContinuation(s)
		if err != nil {
			t.Errorf("DecodeContinuation(%q): %v", s, err)
		} else if !got.Time.Equal(c.Time) || got.ID != c.ID || got.Time.Location() != time.UTC {
			t.Errorf("DecodeContinuation(EncodeContinuation(%v)) = %v", c, got)
		}
	}
}

func TestContinuationKeepsMicroseconds(t *testing.T) {
	c := Continuation{Time: time.Date(2026, 3, 1, 12, 0, 0, 123456789, time.FixedZone("X", 3600)), ID: 9}
	got, err := DecodeContinuation(EncodeContinuation(c))
	if err != nil {
		t.Fatal(err)
	}
	if want := c.Time.Truncate(time.Microsecond); !got.Time.Equal(want) {
		t.Errorf("time %v came back as %v, want %v", c.Time, got.Time, want)
	}
}

func TestDecodeContinuationRejects(t *testing.T) {
	valid := EncodeContinuation(Continuation{Time: time.Unix(1772366400, 0), ID: 42})
	raw := func(b ...byte) string { return base64.RawURLEncoding.EncodeToString(b) }
	for _, tc := range []struct {
		name, in string
	}{
		{"empty", ""},
		{"FreshRSS item ID", "1700000000123456"},
		{"Miniflux offset", "2"},
		{"padded", valid + "="},
		{"standard base64", strings.NewReplacer("-", "+", "_", "/").Replace(raw(1, 0xfe, 0xff, 0xff, 0xff, 0x0f, 5))},
		{"trailing byte", raw(1, 2, 5, 0)},
		{"other version", raw(2, 2, 5)},
		{"ID zero", raw(1, 2, 0)},
		{"ID beyond int64", raw(1, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01)},
		{"overlong varint", raw(1, 0x82, 0x00, 5)},
		{"truncated", raw(1, 0x82)},
		{"too long", strings.Repeat("A", 29)},
		{"white space", " " + valid},
	} {
		c, err := DecodeContinuation(tc.in)
		if err == nil {
			t.Errorf("%s: DecodeContinuation(%q) = %v, want an error", tc.name, tc.in, c)
		} else if !strings.Contains(err.Error(), "continuation") {
			t.Errorf("%s: %v does not say what it read", tc.name, err)
		}
	}
}

func TestContinuationIsZero(t *testing.T) {
	for _, tc := range []struct {
		c    Continuation
		want bool
	}{
		{Continuation{}, true},
		{Continuation{ID: 1}, false},
		{Continuation{Time: time.Unix(1, 0)}, false},
	} {
		if got := tc.c.IsZero(); got != tc.want {
			t.Errorf("%v.IsZero() = %v, want %v", tc.c, got, tc.want)
		}
	}
}
