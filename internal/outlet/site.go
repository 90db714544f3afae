package outlet

import (
	"strings"

	"golang.org/x/net/publicsuffix"
)

// SiteAlias reports whether name is a site naming itself after its
// domain: folded, it is host's registered name ("NYTimes" on
// www.nytimes.com, "BBC" on news.bbc.co.uk). A host name ("msn.com") is
// no alias: it is what an article falls back to, and an aggregator's host
// carries many outlets.
func SiteAlias(name, host string) bool {
	if strings.Contains(name, ".") && !strings.Contains(name, " ") {
		return false
	}
	site := siteKey(host)
	return site != "" && nameKey(name) == site
}

// SiteSource picks, among the outlets already known on host (names), the
// one a new name belongs to: the site's one declared name when the new
// name is the site's alias ("NYTimes" → "The New York Times"), or the
// site's one alias when the new name is a declared name and the site has
// no other ("The New York Times" → "NYTimes"). ok is false when the name
// is an outlet of its own — always on a host that carries several.
func SiteSource(name, host string, names []string) (i int, ok bool) {
	if name == "" || host == "" || strings.EqualFold(name, host) {
		return 0, false
	}
	var aliases, declared []int
	for j, n := range names {
		switch {
		case SiteAlias(n, host):
			aliases = append(aliases, j)
		case !strings.EqualFold(n, host):
			declared = append(declared, j)
		}
	}
	if SiteAlias(name, host) {
		if len(declared) == 1 {
			return declared[0], true
		}
		return 0, false
	}
	if len(declared) == 0 && len(aliases) == 1 {
		return aliases[0], true
	}
	return 0, false
}

// siteKey returns the folded name of host's registered domain:
// "nytimes" for www.nytimes.com, "bbc" for news.bbc.co.uk.
func siteKey(host string) string {
	host = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(host)), ".")
	if host == "" {
		return ""
	}
	domain, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil {
		domain = host
	}
	label, _, _ := strings.Cut(domain, ".")
	return nameKey(label)
}
