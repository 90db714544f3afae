package web

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline"
)

// sortFeeds orders feeds as people read names: by title (the URL when a
// feed has none), ignoring case, with numbers by value — "Feed 2" before
// "Feed 10" — then by URL.
func sortFeeds(feeds []*storyline.Feed) {
	slices.SortStableFunc(feeds, func(a, b *storyline.Feed) int {
		if c := naturalCompare(feedName(a), feedName(b)); c != 0 {
			return c
		}
		return naturalCompare(a.URL, b.URL)
	})
}

// feedName is what the feeds page calls a feed: its title, else its URL.
func feedName(f *storyline.Feed) string {
	if t := strings.TrimSpace(f.Title); t != "" {
		return t
	}
	return f.URL
}

// naturalCompare compares a and b ignoring case, with each run of digits
// compared by its value: "a2" < "a10". It returns -1, 0 or +1.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if isDigit(ra) && isDigit(rb) {
			da, db := digitRun(a), digitRun(b)
			if c := compareNumbers(da, db); c != 0 {
				return c
			}
			a, b = a[len(da):], b[len(db):]
			continue
		}
		la, lb := unicode.ToLower(ra), unicode.ToLower(rb)
		if la != lb {
			if la < lb {
				return -1
			}
			return 1
		}
		a, b = a[na:], b[nb:]
	}
	switch {
	case a == "" && b == "":
		return 0
	case a == "":
		return -1
	default:
		return 1
	}
}

// isDigit reports whether r is an ASCII digit.
func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// digitRun is the run of ASCII digits s starts with.
func digitRun(s string) string {
	i := 0
	for i < len(s) && isDigit(rune(s[i])) {
		i++
	}
	return s[:i]
}

// compareNumbers compares two runs of digits by value, then the one with
// fewer leading zeros first, so that the order is total.
func compareNumbers(a, b string) int {
	ta, tb := strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
	if c := cmp.Compare(len(ta), len(tb)); c != 0 {
		return c
	}
	if c := strings.Compare(ta, tb); c != 0 {
		return c
	}
	return cmp.Compare(len(a), len(b))
}
