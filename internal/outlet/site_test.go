package outlet

import "testing"

func TestSiteAlias(t *testing.T) {
	tests := []struct {
		name, host string
		want       bool
	}{
		{"NYTimes", "www.nytimes.com", true},
		{"nytimes", "nytimes.com", true},
		{"BBC", "news.bbc.co.uk", true},
		{"The New York Times", "nytimes.com", false},
		{"nytimes.com", "nytimes.com", false},
		{"msn.com", "msn.com", false},
		{"AP", "hosted.ap.org", true},
		{"Valley Gazette", "", false},
	}
	for _, tt := range tests {
		if got := SiteAlias(tt.name, tt.host); got != tt.want {
			t.Errorf("SiteAlias(%q, %q) = %v, want %v", tt.name, tt.host, got, tt.want)
		}
	}
}

func TestTakesName(t *testing.T) {
	if !TakesName("PolitiFact", "politifact.com", "politifact.com") {
		t.Error("the site's alias does not replace its host")
	}
	if TakesName("The New York Times", "nytimes.com", "nytimes.com") || TakesName("PolitiFact", "politifact.com", "Truth-O-Meter") {
		t.Error("a declared name replaces the host, or an alias a declared name")
	}
}

func TestSiteSource(t *testing.T) {
	tests := []struct {
		name, host string
		known      []string
		i          int
		ok         bool
	}{
		{"NYTimes", "nytimes.com", []string{"nytimes.com", "The New York Times"}, 1, true},
		{"The New York Times", "nytimes.com", []string{"NYTimes"}, 0, true},
		{"The New York Times", "nytimes.com", []string{"nytimes.com"}, 0, false},
		{"NYTimes", "nytimes.com", nil, 0, false},
		// An aggregator's host: several declared names, and host fallbacks.
		{"Reuters", "msn.com", []string{"msn.com"}, 0, false},
		{"Reuters", "msn.com", []string{"AFP"}, 0, false},
		{"MSN", "msn.com", []string{"AFP", "Reuters"}, 0, false},
		{"msn.com", "msn.com", []string{"Reuters"}, 0, false},
		{"The New York Times", "nytimes.com", []string{"NYTimes", "The Athletic"}, 0, false},
		// The host of an article that names no outlet joins the site's
		// alias, and the alias the host, when the site has nothing else.
		{"politifact.com", "politifact.com", []string{"PolitiFact"}, 0, true},
		{"PolitiFact", "politifact.com", []string{"politifact.com"}, 0, true},
		{"politifact.com", "politifact.com", []string{"PolitiFact", "Truth-O-Meter"}, 0, false},
		{"PolitiFact", "politifact.com", []string{"politifact.com", "Truth-O-Meter"}, 1, true},
	}
	for _, tt := range tests {
		i, ok := SiteSource(tt.name, tt.host, tt.known)
		if ok != tt.ok || ok && i != tt.i {
			t.Errorf("SiteSource(%q, %q, %q) = %d, %v; want %d, %v", tt.name, tt.host, tt.known, i, ok, tt.i, tt.ok)
		}
	}
}
