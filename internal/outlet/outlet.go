// Package outlet decides an article's outlet name from the evidence a
// page or feed gives: explicit names win as they are; declared names
// (publisher, og:site_name, application name, the feed's title) are
// cleaned of taglines and refused when they are no name at all — a URL,
// a copyright line, a list of sections, a handle, a place or one generic
// word — and the host is the last resort. Pure: no I/O.
package outlet

import (
	"strings"
	"unicode"
)

// MaxWords is the most words an outlet name has; longer ones are
// slogans or headlines.
const MaxWords = 6

// Name returns the outlet that the best of candidates names, in order of
// preference: the first that Clean accepts as a name; failing that the
// first it accepts as a weak one (a handle or a lower-case slug, say
// "usatoday"); failing that "". A host among the candidates ("nytimes.com")
// is a name like any other.
func Name(candidates ...string) string {
	weak := ""
	for _, c := range candidates {
		name, q := Clean(c)
		switch {
		case q == Good:
			return name
		case q == Weak && weak == "":
			weak = name
		}
	}
	return weak
}

// Quality is how far a cleaned candidate can be trusted as an outlet name.
type Quality int

// Qualities of a candidate.
const (
	Refused Quality = iota // no name: a URL, copyright line, section list, place, generic word, slogan
	Weak                   // a name only when nothing better is known: a handle or slug
	Good                   // a name
)

// trimmed are the characters trimmed from the ends of a name.
const trimmed = " \t\n\r\"'“”‘’"

// separators split a declared name from a tagline or a list of sections.
var separators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " / "}

// Clean returns s cleaned as an outlet name — spaces collapsed, a tagline
// after a separator dropped ("LinkNaija | Nigeria's news" → "LinkNaija"),
// a leading "@" dropped — and how far it can be trusted.
func Clean(s string) (string, Quality) {
	s, handle := trim(s)
	for _, sep := range separators {
		parts := strings.Split(s, sep)
		if len(parts) > 2 {
			return "", Refused // a list of sections
		}
		if len(parts) == 2 {
			var h bool
			s, h = trim(parts[0])
			handle = handle || h
		}
	}
	words := strings.Fields(s)
	switch {
	case len(words) == 0 || len(words) > MaxWords || !hasLetter(s) || isURL(s) || isCopyright(s):
		return "", Refused
	case len(words) == 1 && (generic[strings.ToLower(strings.Trim(s, "._-"))] || isPlaceCode(s)):
		return "", Refused
	case handle || isSlug(s):
		return s, Weak
	}
	return s, Good
}

// trim collapses the spaces of s and trims quotes and a handle's "@"
// from its ends, reporting whether there was an "@".
func trim(s string) (string, bool) {
	s = strings.Join(strings.Fields(s), " ")
	handle := false
	for {
		t := strings.Trim(s, trimmed)
		if strings.HasPrefix(t, "@") {
			handle, t = true, t[1:]
		}
		if t == s {
			return s, handle
		}
		s = t
	}
}

// isURL reports whether s is a URL rather than a name (a bare host such
// as "phys.org" is a name).
func isURL(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "://") || strings.HasPrefix(l, "www.") && strings.Contains(l, "/") ||
		strings.ContainsAny(s, "/?=") && strings.Contains(l, ".") && !strings.Contains(s, " ")
}

// isCopyright reports whether s is a copyright or rights line.
func isCopyright(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "©") || strings.HasPrefix(l, "(c)") || strings.HasPrefix(l, "copyright") ||
		strings.Contains(l, "all rights reserved")
}

// isSlug reports whether s is one lower-case token without a dot — the
// form of a handle or a URL slug ("detroitnews", "my6sense") — or ends
// in an underscore ("Wday_").
func isSlug(s string) bool {
	if strings.HasSuffix(s, "_") {
		return true
	}
	if strings.ContainsAny(s, " .") {
		return false
	}
	for _, r := range s {
		if unicode.IsUpper(r) || !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// isPlaceCode reports whether s is a country or bloc code as datelines
// and section labels write them ("U.S.", "UK").
func isPlaceCode(s string) bool {
	return placeCodes[strings.ToUpper(strings.ReplaceAll(s, ".", ""))]
}

// hasLetter reports whether s has a letter.
func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// placeCodes are country and bloc codes, without dots.
var placeCodes = map[string]bool{"US": true, "USA": true, "UK": true, "EU": true, "UN": true, "UAE": true}

// generic are single words pages declare as their site name that name no
// outlet: parts of a site, platforms, and place words of section labels.
var generic = map[string]bool{
	"home": true, "homepage": true, "news": true, "latest": true, "blog": true, "blogs": true,
	"video": true, "videos": true, "online": true, "website": true, "site": true, "web": true,
	"index": true, "article": true, "articles": true, "page": true, "main": true, "default": true,
	"untitled": true, "null": true, "undefined": true, "none": true, "unknown": true,
	"hosted": true, "experience": true, "sponsored": true, "advertisement": true, "opinion": true,
	"world": true, "national": true, "local": true, "politics": true, "business": true,
	"sports": true, "sport": true, "entertainment": true, "technology": true, "tech": true,
	"science": true, "health": true, "lifestyle": true, "travel": true, "weather": true,
	"wordpress": true, "blogger": true, "medium": true, "substack": true, "facebook": true,
	"twitter": true, "youtube": true, "instagram": true, "tiktok": true, "linkedin": true,
	"rss": true, "feed": true, "atom": true,
	// More section names: a page's section is not its outlet.
	"space": true, "culture": true, "arts": true, "music": true, "money": true, "markets": true,
	"finance": true, "economy": true, "education": true, "food": true, "style": true,
	"fashion": true, "movies": true, "books": true, "environment": true, "climate": true,
	"games": true, "gaming": true, "photos": true, "podcasts": true, "breaking": true,
}
