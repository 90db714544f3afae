package greader

import (
	"errors"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
)

// query parses a query string for a test.
func query(t *testing.T, raw string) url.Values {
	t.Helper()
	v, err := url.ParseQuery(raw)
	if err != nil {
		t.Fatalf("ParseQuery(%q): %v", raw, err)
	}
	return v
}

// checkParsed fails t unless, when param is "", err is nil and got is
// want, or else err is a *ParamError of param whose message names the
// parameter and holds in.
func checkParsed[T any](t *testing.T, got T, err error, want T, param, in string) {
	t.Helper()
	if param == "" {
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got  %+v\nwant %+v", got, want)
		}
		return
	}
	var pe *ParamError
	if !errors.As(err, &pe) || pe.Param != param {
		t.Fatalf("got %+v, %v; want a *ParamError of %s", got, err, param)
	}
	if msg := err.Error(); !strings.Contains(msg, "parameter "+param) || !strings.Contains(msg, in) {
		t.Errorf("%q does not name the parameter and say %q", msg, in)
	}
}

func TestParseStreamQuery(t *testing.T) {
	cont := Continuation{Time: time.Date(2026, 3, 1, 12, 0, 0, 123456000, time.UTC), ID: 4242}
	c := EncodeContinuation(cont)
	readingList := StateStream(StateReadingList)
	for _, tc := range []struct {
		name  string
		raw   string
		want  StreamQuery
		param string // the *ParamError's parameter; "" for none
	}{
		{name: "nothing", raw: "", want: StreamQuery{Stream: readingList}},
		{
			name: "NetNewsWire unread",
			raw:  "n=1000&output=json&s=user/-/state/com.google/reading-list&xt=user/-/state/com.google/read",
			want: StreamQuery{Stream: readingList, Count: 1000, Exclude: []Stream{StateStream(StateRead)}},
		},
		{
			name: "NetNewsWire since, next page",
			raw:  "n=1000&output=json&ot=1767225600&s=feed/7&c=" + c,
			want: StreamQuery{Stream: FeedStream(7), Count: 1000, Since: time.Unix(1767225600, 0).UTC(), Continuation: cont},
		},
		{
			name: "Read You read",
			raw:  "output=json&s=user/-/state/com.google/read&ot=1767225600&n=10000",
			want: StreamQuery{Stream: StateStream(StateRead), Count: 10000, Since: time.Unix(1767225600, 0).UTC()},
		},
		{
			name: "Fluent Reader Inoreader mode",
			raw:  "output=json&it=user/-/state/com.google/starred&n=1000",
			want: StreamQuery{Stream: readingList, Count: 1000, Include: []Stream{StateStream(StateStarred)}},
		},
		{
			name: "oldest first, bounded, label",
			raw:  "s=user/-/label/Tech%20News&r=o&ot=0&nt=1767225600&xt=&xt=user/-/state/com.google/read&xt=feed/3",
			want: StreamQuery{Stream: LabelStream("Tech News"), Oldest: true, Before: time.Unix(1767225600, 0).UTC(),
				Exclude: []Stream{StateStream(StateRead), FeedStream(3)}},
		},
		{name: "newest first spelled n", raw: "r=n&n=0", want: StreamQuery{Stream: readingList}},
		{name: "empty s", raw: "s=", want: StreamQuery{Stream: readingList}},
		{name: "huge n", raw: "n=99999999999999999999", want: StreamQuery{Stream: readingList, Count: 1<<31 - 1}},
		{name: "n repeated, first counts", raw: "n=5&n=x", want: StreamQuery{Stream: readingList, Count: 5}},
		{name: "n not a number", raw: "n=abc", param: "n"},
		{name: "n negative", raw: "n=-1", param: "n"},
		{name: "n signed", raw: "n=+1", param: "n"},
		{name: "r unknown", raw: "r=x", param: "r"},
		{name: "c from FreshRSS", raw: "c=1700000000123456", param: "c"},
		{name: "c from Miniflux", raw: "c=2", param: "c"},
		{name: "ot not a number", raw: "ot=yesterday", param: "ot"},
		{name: "ot negative", raw: "ot=-5", param: "ot"},
		{name: "nt fraction", raw: "nt=1.5", param: "nt"},
		{name: "s twice", raw: "s=feed/1&s=feed/2", param: "s"},
		{name: "s unknown", raw: "s=user/-/state/com.google/fresh", param: "s"},
		{name: "xt unknown", raw: "xt=splice/x", param: "xt"},
		{name: "it bad feed", raw: "it=feed/0", param: "it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseStreamQuery(query(t, tc.raw))
			checkParsed(t, got, err, tc.want, tc.param, "")
		})
	}
}

func TestStreamQueryLimit(t *testing.T) {
	for _, tc := range []struct {
		count, max, want int
	}{
		{0, MaxContentsCount, DefaultCount},
		{0, 10, 10},
		{125, MaxContentsCount, 125},
		{10000, MaxContentsCount, MaxContentsCount},
		{10000, MaxIDsCount, MaxIDsCount},
		{1<<31 - 1, MaxIDsCount, MaxIDsCount},
		{1, MaxIDsCount, 1},
	} {
		if got := (StreamQuery{Count: tc.count}).Limit(tc.max); got != tc.want {
			t.Errorf("Count %d: Limit(%d) = %d, want %d", tc.count, tc.max, got, tc.want)
		}
	}
}

func TestStreamQueryFilters(t *testing.T) {
	q, err := ParseStreamQuery(query(t, "xt=user/1/state/com.google/read&it=user/-/state/com.google/starred"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		got, want bool
		what      string
	}{
		{q.Excludes(StateRead), true, "Excludes(read)"},
		{q.Excludes(StateStarred), false, "Excludes(starred)"},
		{q.Includes(StateStarred), true, "Includes(starred)"},
		{q.Includes(StateRead), false, "Includes(read)"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %v, want %v", tc.what, tc.got, tc.want)
		}
	}
}

func TestParseUnixTime(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"1772366400", at, true},                                // seconds
		{"1772366400123", at.Add(123 * time.Millisecond), true}, // milliseconds
		{"1772366400123456", at.Add(123456 * time.Microsecond), true},
		{"1772366400123456789", at.Add(123456789), true},
		{"99999999999", time.Unix(99999999999, 0).UTC(), true}, // seconds up to 5138
		{"100000000000", time.UnixMilli(100000000000).UTC(), true},
		{"0", time.Time{}, true},
		{"", time.Time{}, false},
		{"-1", time.Time{}, false},
		{"1e9", time.Time{}, false},
		{"9999999999999999999", time.Time{}, false}, // beyond int64
		{"00000000000000000001", time.Time{}, false},
	} {
		got, ok := parseUnixTime(tc.in)
		if ok != tc.ok || !got.Equal(tc.want) {
			t.Errorf("parseUnixTime(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParseItemsQuery(t *testing.T) {
	for _, tc := range []struct {
		name  string
		raw   string
		want  ItemsQuery
		param string
	}{
		{
			name: "NetNewsWire",
			raw:  "T=tok&output=json&i=tag:google.com,2005:reader/item/2f2&i=tag:google.com,2005:reader/item/148b9369",
			want: ItemsQuery{IDs: []int64{0x2f2, 0x148b9369}},
		},
		{
			name: "Read You, repeated ID, oldest first",
			raw:  "i=000000000000048c&i=0010000000000007&i=1164&r=o",
			want: ItemsQuery{IDs: []int64{0x48c, StoryItemID(7)}, Oldest: true},
		},
		{name: "no i", raw: "output=json", param: "i"},
		{name: "bad i", raw: "i=1&i=nope", param: "i"},
		{name: "zero i", raw: "i=0", param: "i"},
		{name: "bad r", raw: "i=1&r=z", param: "r"},
		{name: "too many", raw: "too-many", param: "i"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := url.Values{"i": make([]string, MaxItemIDs+1)}
			if tc.raw != "too-many" {
				v = query(t, tc.raw)
			}
			got, err := ParseItemsQuery(v)
			checkParsed(t, got, err, tc.want, tc.param, "")
		})
	}
}

func TestParamErrorMessage(t *testing.T) {
	for _, tc := range []struct {
		err  ParamError
		want string
	}{
		{ParamError{Param: "n", Value: "abc", Problem: "not a count"}, `greader: parameter n="abc": not a count`},
		{ParamError{Param: "i", Problem: "missing"}, "greader: parameter i: missing"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}
