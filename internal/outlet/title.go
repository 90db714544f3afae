package outlet

import (
	"strings"
	"unicode"
)

// Title returns title without the leading or trailing segments that name
// the outlet — one of names, or a host among them ("baypost.example") —
// set off by a separator: "Dam opens | Valley Gazette" → "Dam opens",
// "Valley Gazette - Dam opens" → "Dam opens". A title that is nothing but
// the outlet's name stays as it is.
func Title(title string, names ...string) string {
	known := nameKeys(names)
	if len(known) == 0 {
		return title
	}
	for changed := true; changed; {
		changed = false
		for _, sep := range separators {
			if i := strings.LastIndex(title, sep); i > 0 && known[nameKey(title[i+len(sep):])] && hasWord(title[:i]) {
				title, changed = strings.TrimSpace(title[:i]), true
			}
			if i := strings.Index(title, sep); i > 0 && known[nameKey(title[:i])] && hasWord(title[i+len(sep):]) {
				title, changed = strings.TrimSpace(title[i+len(sep):]), true
			}
		}
	}
	return title
}

// nameKeys returns the keys names are known by: each name's, and for a
// host or a name ending in a domain ("Express.co.uk") also without its
// suffix.
func nameKeys(names []string) map[string]bool {
	keys := make(map[string]bool, 2*len(names))
	for _, n := range names {
		if k := nameKey(n); len(k) > 1 {
			keys[k] = true
		}
		if host, _, ok := strings.Cut(strings.ToLower(strings.TrimSpace(n)), "."); ok && !strings.Contains(host, " ") {
			if k := nameKey(host); len(k) > 1 {
				keys[k] = true
			}
		}
	}
	return keys
}

// nameKey folds a name for comparison: letters and digits only, lower
// case, without a leading "the" or "www", and without a trailing domain
// suffix, so that "The Valley-Gazette", "valleygazette" and
// "ValleyGazette.com" meet.
func nameKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, p := range []string{"the ", "www."} {
		s = strings.TrimPrefix(s, p)
	}
	for _, suffix := range []string{".com", ".net", ".org", ".co.uk", ".news"} {
		s = strings.TrimSuffix(s, suffix)
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hasWord reports whether s has a letter or a digit: what is left of a
// title once the outlet's name is cut off must.
func hasWord(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}
