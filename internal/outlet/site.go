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
// no other ("The New York Times" → "NYTimes"). The host itself, the name
// of an article that names no outlet, joins the site's one alias when the
// site declares no other name ("politifact.com" → "PolitiFact"), and an
// alias joins the host when that is all the site has (see TakesName). ok
// is false when the name is an outlet of its own — always on a host that
// carries several.
func SiteSource(name, host string, names []string) (i int, ok bool) {
	if name == "" || host == "" {
		return 0, false
	}
	var aliases, declared, hosts []int
	for j, n := range names {
		switch {
		case SiteAlias(n, host):
			aliases = append(aliases, j)
		case strings.EqualFold(n, host):
			hosts = append(hosts, j)
		default:
			declared = append(declared, j)
		}
	}
	switch {
	case strings.EqualFold(name, host):
		if len(declared) == 0 && len(aliases) == 1 {
			return aliases[0], true
		}
	case SiteAlias(name, host):
		if len(declared) == 1 {
			return declared[0], true
		}
		if len(declared) == 0 && len(aliases) == 0 && len(hosts) == 1 {
			return hosts[0], true
		}
	case len(declared) == 0 && len(aliases) == 1:
		return aliases[0], true
	}
	return 0, false
}

// TakesName reports whether an outlet known as existing on host, which
// SiteSource gave a new name to, is to be known by the new name from then
// on: the site's alias for itself replaces its bare host.
func TakesName(name, host, existing string) bool {
	return SiteAlias(name, host) && strings.EqualFold(existing, host)
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
