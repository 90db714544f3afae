package greader

import (
	"errors"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/fuzztest"
)

// FuzzParseItemID checks that any string parses to a nonzero ID or fails
// with an error naming it, and that every ID reads back from its long
// and short forms, and a Storyline ID from its bare hex too.
func FuzzParseItemID(f *testing.F) {
	for _, s := range []string{
		"tag:google.com,2005:reader/item/00000000148b9369", "tag:google.com,2005:reader/item/2f2",
		"344691561", "-3587166568350259386", "000000000000048c", "4503599627370503", "0", "", "-0", "0x1f",
		"tag:google.com,2005:reader/item/", "99999999999999999999",
	} {
		f.Add(s, int64(344691561))
	}
	f.Add("", StoryItemID(MaxStoryID))
	f.Add("", int64(-1))
	fuzztest.LimitMinimizing(f, fuzztest.MinimizeCalls)
	f.Fuzz(func(t *testing.T, s string, id int64) {
		got, err := ParseItemID(s)
		if err != nil {
			if !strings.Contains(err.Error(), "item ID") {
				t.Errorf("ParseItemID(%q): %v does not say what it read", s, err)
			}
		} else if got == 0 {
			t.Errorf("ParseItemID(%q) = 0 without an error", s)
		}
		if id == 0 {
			return
		}
		forms := []string{LongItemID(id), ShortItemID(id)}
		if kind, _ := SplitItemID(id); kind != ItemUnknown {
			forms = append(forms, strings.TrimPrefix(LongItemID(id), LongItemIDPrefix))
		}
		for _, form := range forms {
			if back, err := ParseItemID(form); err != nil || back != id {
				t.Errorf("ParseItemID(%q) = %d, %v; want %d", form, back, err, id)
			}
		}
	})
}

// FuzzParseStreamID checks that a stream that parses writes a stream ID
// that parses back to it (with "-" for the user).
func FuzzParseStreamID(f *testing.F) {
	for _, s := range []string{
		"feed/42", "feed/https://example.com/rss", "feed/0", "feed/", "user/-/label/Tech", "user/1/label/a/b",
		"user/-/state/com.google/reading-list", "user/-/state/com.google/fresh", "user//label/x", "", "user/-",
	} {
		f.Add(s)
	}
	fuzztest.LimitMinimizing(f, fuzztest.MinimizeCalls)
	f.Fuzz(func(t *testing.T, s string) {
		st, err := ParseStreamID(s)
		if err != nil {
			if !strings.Contains(err.Error(), "stream ID") {
				t.Errorf("ParseStreamID(%q): %v does not say what it read", s, err)
			}
			return
		}
		if st.Kind == StreamNone {
			t.Fatalf("ParseStreamID(%q) = the zero Stream without an error", s)
		}
		id := st.String()
		back, err := ParseStreamID(id)
		if err != nil {
			t.Fatalf("ParseStreamID(%q) = %+v, whose ID %q does not parse: %v", s, st, id, err)
		}
		if st.Kind != StreamFeed {
			st.User = "-"
		}
		if back != st {
			t.Errorf("ParseStreamID(%q) = %+v; its ID %q parses to %+v", s, st, id, back)
		}
	})
}

// FuzzDecodeContinuation checks that a token that decodes is the one
// EncodeContinuation makes of what it decodes to, and that every
// continuation survives a round trip.
func FuzzDecodeContinuation(f *testing.F) {
	f.Add(EncodeContinuation(Continuation{Time: time.Unix(1772366400, 123456000), ID: 42}), int64(1772366400123456), int64(42))
	f.Add("AYCt66Gm_aUGjICAgICAgAg", int64(0), int64(1))
	f.Add("1700000000123456", int64(-1), StoryItemID(3))
	f.Add("", int64(1<<62), int64(1<<62))
	fuzztest.LimitMinimizing(f, fuzztest.MinimizeCalls)
	f.Fuzz(func(t *testing.T, s string, usec, id int64) {
		c, err := DecodeContinuation(s)
		if err == nil {
			if again := EncodeContinuation(c); again != s {
				t.Errorf("DecodeContinuation(%q) = %v, which encodes as %q", s, c, again)
			}
			if c.ID <= 0 {
				t.Errorf("DecodeContinuation(%q) = %v: ID not positive", s, c)
			}
		}
		if id <= 0 {
			return
		}
		want := Continuation{Time: time.UnixMicro(usec), ID: id}
		got, err := DecodeContinuation(EncodeContinuation(want))
		if err != nil || !got.Time.Equal(want.Time) || got.ID != id {
			t.Errorf("round trip of %v: %v, %v", want, got, err)
		}
	})
}

// FuzzParseStreamQuery checks that any query parses or fails with a
// *ParamError, and that what parses is within bounds.
func FuzzParseStreamQuery(f *testing.F) {
	c := EncodeContinuation(Continuation{Time: time.Unix(1772366400, 0), ID: 42})
	for _, q := range []string{
		"n=1000&output=json&s=user/-/state/com.google/reading-list&xt=user/-/state/com.google/read",
		"output=json&n=125&ot=1772366400&c=" + c, "s=feed/7&r=o&nt=1772366400123456&it=user/-/state/com.google/starred",
		"n=-1", "r=x", "c=12", "s=a&s=b", "ot=1e9", "",
	} {
		f.Add(q)
	}
	fuzztest.LimitMinimizing(f, fuzztest.MinimizeCalls)
	f.Fuzz(func(t *testing.T, raw string) {
		v, _ := url.ParseQuery(raw) // what parsed, as a handler that ignores the error would pass
		q, err := ParseStreamQuery(v)
		if err != nil {
			var pe *ParamError
			if !errors.As(err, &pe) || pe.Param == "" {
				t.Fatalf("ParseStreamQuery(%q): %v is not a *ParamError", raw, err)
			}
			return
		}
		if q.Stream.Kind == StreamNone {
			t.Errorf("ParseStreamQuery(%q): no stream", raw)
		}
		if n := q.Limit(MaxIDsCount); n < 1 || n > MaxIDsCount {
			t.Errorf("ParseStreamQuery(%q): Limit %d", raw, n)
		}
		if cs := v.Get("c"); cs != "" && EncodeContinuation(q.Continuation) != cs {
			t.Errorf("ParseStreamQuery(%q): continuation %v is not c", raw, q.Continuation)
		}
		if q.Count < 0 || !q.Since.IsZero() && q.Since.Before(time.Unix(0, 0)) {
			t.Errorf("ParseStreamQuery(%q) = %+v", raw, q)
		}
	})
}

// FuzzParseEditTag checks that any edit-tag request parses or fails with
// a *ParamError, and that what parses names items once each and says
// nothing contradictory.
func FuzzParseEditTag(f *testing.F) {
	for _, q := range []string{
		"i=tag:google.com,2005:reader/item/00000000148b9369&a=user/-/state/com.google/read&r=user/-/state/com.google/kept-unread&ac=edit&T=x",
		"i=1&i=1&r=user/-/state/com.google/read&a=user/-/state/com.google/kept-unread&a=user/-/state/com.google/tracking-kept-unread",
		"i=000000000000048c&a=user/-/label/Later&r=user/-/label/Done", "i=5&a=user/-/state/com.google/read&a=user/-/state/com.google/kept-unread",
		"i=5", "a=feed/3&i=5", "",
	} {
		f.Add(q)
	}
	fuzztest.LimitMinimizing(f, fuzztest.MinimizeCalls)
	f.Fuzz(func(t *testing.T, raw string) {
		v, _ := url.ParseQuery(raw)
		e, err := ParseEditTag(v)
		if err != nil {
			var pe *ParamError
			if !errors.As(err, &pe) || pe.Param == "" {
				t.Fatalf("ParseEditTag(%q): %v is not a *ParamError", raw, err)
			}
			return
		}
		if len(e.Items) == 0 || len(e.Items) > MaxItemIDs || slices.Contains(e.Items, 0) {
			t.Errorf("ParseEditTag(%q): items %v", raw, e.Items)
		}
		if len(slices.Compact(slices.Sorted(slices.Values(e.Items)))) != len(e.Items) {
			t.Errorf("ParseEditTag(%q): items repeat: %v", raw, e.Items)
		}
		for _, l := range e.AddLabels {
			if slices.Contains(e.RemoveLabels, l) {
				t.Errorf("ParseEditTag(%q): label %q added and removed", raw, l)
			}
		}
	})
}
