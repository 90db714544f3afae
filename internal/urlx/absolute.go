package urlx

import (
	"net/url"
	"strings"
)

// ParseBase parses an absolute http(s) URL to resolve links against, or
// returns nil when raw is not one.
func ParseBase(raw string) *url.URL {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || !isWeb(u) {
		return nil
	}
	return u
}

// Absolute resolves ref against base (which may be nil) and returns the
// result when it is an absolute http(s) URL, else "".
func Absolute(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if !isWeb(u) {
		return ""
	}
	return u.String()
}

// isWeb reports whether u is an absolute http or https URL with a host.
func isWeb(u *url.URL) bool {
	return (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
