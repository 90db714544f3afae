package greader

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestParseEditTag(t *testing.T) {
	const (
		read        = "user/-/state/com.google/read"
		starred     = "user/-/state/com.google/starred"
		keptUnread  = "user/-/state/com.google/kept-unread"
		trackingKU  = "user/-/state/com.google/tracking-kept-unread"
		broadcast   = "user/-/state/com.google/broadcast"
		long148     = "tag:google.com,2005:reader/item/00000000148b9369"
		readingList = "user/-/state/com.google/reading-list"
	)
	for _, tc := range []struct {
		name  string
		raw   string
		want  EditTag
		param string // the *ParamError's parameter; "" for none
		in    string // more of the message
	}{
		{
			name: "newsboat read",
			raw:  "i=" + long148 + "&a=" + read + "&r=" + keptUnread + "&ac=edit&T=tok",
			want: EditTag{Items: []int64{0x148b9369}, Read: Set},
		},
		{
			name: "newsboat unread",
			raw:  "i=" + long148 + "&r=" + read + "&a=" + keptUnread + "&a=" + trackingKU + "&ac=edit&T=tok",
			want: EditTag{Items: []int64{0x148b9369}, Read: Clear},
		},
		{
			name: "newsboat share changes nothing",
			raw:  "i=" + long148 + "&a=" + broadcast + "&ac=edit&T=tok",
			want: EditTag{Items: []int64{0x148b9369}},
		},
		{
			name: "NetNewsWire star, several items",
			raw:  "T=tok&i=tag:google.com,2005:reader/item/0000000000000001&i=tag:google.com,2005:reader/item/0010000000000007&a=" + starred,
			want: EditTag{Items: []int64{1, StoryItemID(7)}, Starred: Set},
		},
		{
			name: "Fluent Reader unstar, bare hex, no token",
			raw:  "i=000000000000048c&r=" + starred,
			want: EditTag{Items: []int64{0x48c}, Starred: Clear},
		},
		{
			name: "read and star at once, another user segment, repeats",
			raw:  "i=5&i=5&a=user/1/state/com.google/read&a=" + starred + "&a=" + read,
			want: EditTag{Items: []int64{5}, Read: Set, Starred: Set},
		},
		{
			name: "FreshRSS unread state",
			raw:  "i=5&a=user/-/state/com.google/unread",
			want: EditTag{Items: []int64{5}, Read: Clear},
		},
		{
			name: "labels",
			raw:  "i=5&a=user/-/label/Later&a=user/-/label/Later&r=user/-/label/Done&a=",
			want: EditTag{Items: []int64{5}, AddLabels: []string{"Later"}, RemoveLabels: []string{"Done"}},
		},
		{name: "no items", raw: "a=" + read, param: "i", in: "missing"},
		{name: "bad item", raw: "i=5&i=item-6&a=" + read, param: "i", in: `"item-6"`},
		{name: "no tags", raw: "i=5&T=tok", param: "a", in: "missing"},
		{name: "only empty tags", raw: "i=5&a=&r=", param: "a", in: "missing"},
		{name: "read and kept unread", raw: "i=5&a=" + read + "&a=" + keptUnread, param: "a", in: "contradicts a=" + read},
		{name: "read added and removed", raw: "i=5&a=" + read + "&r=" + read, param: "r", in: "contradicts"},
		{name: "starred added and removed", raw: "i=5&a=" + starred + "&r=" + starred, param: "r", in: "contradicts"},
		{name: "label added and removed", raw: "i=5&a=user/-/label/X&r=user/-/label/X", param: "r", in: "both added and removed"},
		{name: "feed is no tag", raw: "i=5&a=feed/3", param: "a", in: "not a tag"},
		{name: "reading list is no tag", raw: "i=5&r=" + readingList, param: "r", in: "not a tag"},
		{name: "unknown state", raw: "i=5&a=user/-/state/com.google/fresh", param: "a", in: "unknown state"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseEditTag(query(t, tc.raw))
			checkParsed(t, got, err, tc.want, tc.param, tc.in)
		})
	}
}

func TestParseMarkAllAsRead(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	earlier := now.Add(-time.Hour)
	for _, tc := range []struct {
		name  string
		raw   string
		want  MarkAllAsRead
		param string
	}{
		{name: "newsboat, no ts", raw: "s=feed/42&T=tok", want: MarkAllAsRead{Stream: FeedStream(42), Before: now}},
		{
			name: "microseconds",
			raw:  "s=user/-/label/Tech&ts=" + strconv.FormatInt(earlier.Add(5*time.Microsecond).UnixMicro(), 10),
			want: MarkAllAsRead{Stream: LabelStream("Tech"), Before: earlier.Add(5 * time.Microsecond)},
		},
		{
			name: "seconds",
			raw:  "s=user/-/state/com.google/reading-list&ts=1772362800",
			want: MarkAllAsRead{Stream: StateStream(StateReadingList), Before: earlier},
		},
		{name: "zero", raw: "s=feed/1&ts=0", want: MarkAllAsRead{Stream: FeedStream(1), Before: now}},
		{name: "future", raw: "s=feed/1&ts=1900000000000000", want: MarkAllAsRead{Stream: FeedStream(1), Before: now}},
		{
			name: "feed by URL",
			raw:  "s=feed/https://example.com/rss",
			want: MarkAllAsRead{Stream: Stream{Kind: StreamFeed, FeedURL: "https://example.com/rss"}, Before: now},
		},
		{name: "no stream", raw: "ts=1772362800", param: "s"},
		{name: "starred", raw: "s=user/-/state/com.google/starred", param: "s"},
		{name: "bad stream", raw: "s=everything", param: "s"},
		{name: "bad ts", raw: "s=feed/1&ts=soon", param: "ts"},
		{name: "negative ts", raw: "s=feed/1&ts=-1", param: "ts"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseMarkAllAsRead(query(t, tc.raw), now)
			checkParsed(t, got, err, tc.want, tc.param, "")
		})
	}
}

func TestParseClientLogin(t *testing.T) {
	for _, tc := range []struct {
		name  string
		raw   string
		want  Login
		param string
	}{
		{name: "newsboat", raw: "Email=alice&Passwd=s3cret&source=newsboat%2F2.40", want: Login{Email: "alice", Passwd: "s3cret"}},
		{
			name: "Read You",
			raw:  "output=json&Email=alice&Passwd=a%26b&client=ReadYou&accountType=HOSTED_OR_GOOGLE&service=reader",
			want: Login{Email: "alice", Passwd: "a&b", JSON: true},
		},
		{name: "no name", raw: "Passwd=x", param: "Email"},
		{name: "no password", raw: "Email=alice&Passwd=", param: "Passwd"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseClientLogin(query(t, tc.raw))
			checkParsed(t, got, err, tc.want, tc.param, "")
			if err == nil && strings.Contains(got.String(), got.Passwd) {
				t.Errorf("String() = %q shows the password", got.String())
			}
		})
	}
}
