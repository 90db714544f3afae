// Package urlx canonicalizes article URLs so that one article has one
// identity however it was linked: scheme and host case, default ports,
// fragments, tracking parameters and query order do not matter.
package urlx

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"path"
	"slices"
	"strings"
)

// ErrNotWeb is returned for URLs that are not absolute http or https URLs.
var ErrNotWeb = errors.New("not an absolute http(s) URL")

// trackingParams are query parameters that identify a campaign or a click,
// never the page; they are dropped from canonical URLs.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "yclid": true, "igshid": true, "mc_cid": true, "mc_eid": true,
	"_ga": true, "_gl": true, "_hsenc": true, "_hsmi": true, "mkt_tok": true,
	"oly_anon_id": true, "oly_enc_id": true, "rb_clickid": true, "s_cid": true,
	"vero_conv": true, "vero_id": true, "wickedid": true, "ncid": true,
	"cmpid": true, "ocid": true, "smid": true,
}

// isTracking reports whether a query parameter name is a tracking parameter.
func isTracking(name string) bool {
	n := strings.ToLower(name)
	if strings.HasPrefix(n, "utm_") || strings.HasPrefix(n, "pk_") || strings.HasPrefix(n, "mtm_") {
		return true
	}
	return trackingParams[n]
}

// Canonicalize returns the canonical form of an absolute http(s) URL:
// lower-case scheme and host, no default port, no fragment, no user info,
// dot segments removed, an empty path as "/", tracking parameters dropped
// and the remaining query sorted by name (the order of repeated names kept).
// Canonicalize is idempotent.
func Canonicalize(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("canonicalize %q: %w", raw, err)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "" {
		return "", fmt.Errorf("canonicalize %q: %w", raw, ErrNotWeb)
	}
	host, err := canonicalHost(u)
	if err != nil {
		return "", fmt.Errorf("canonicalize %q: %w", raw, err)
	}
	out := url.URL{Scheme: u.Scheme, Host: host, Path: cleanPath(u.Path), RawQuery: canonicalQuery(u.RawQuery)}
	// Re-parse the result so the escaping of the path settles: a canonical
	// URL canonicalizes to itself.
	s := out.String()
	if v, err := url.Parse(s); err == nil && v.String() != s {
		return v.String(), nil
	}
	return s, nil
}

// canonicalHost lower-cases the host and drops the scheme's default port.
func canonicalHost(u *url.URL) (string, error) {
	host := strings.ToLower(u.Hostname())
	if host == "" || strings.HasPrefix(host, ".") || strings.Contains(host, "..") {
		return "", fmt.Errorf("invalid host %q", u.Hostname())
	}
	host = strings.TrimSuffix(host, ".")
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") { // IPv6 literal
		if port == "" {
			return "[" + host + "]", nil
		}
		return net.JoinHostPort(host, port), nil
	}
	if port != "" {
		return host + ":" + port, nil
	}
	return host, nil
}

// cleanPath removes dot segments and repeated slashes, keeping a trailing
// slash; an empty path becomes "/".
func cleanPath(p string) string {
	if p == "" {
		return "/"
	}
	trailing := strings.HasSuffix(p, "/")
	p = path.Clean("/" + p)
	if trailing && p != "/" {
		p += "/"
	}
	return p
}

// canonicalQuery drops tracking parameters and empty pairs and sorts the
// rest by name, keeping the order of values of a repeated name.
func canonicalQuery(raw string) string {
	if raw == "" {
		return ""
	}
	type pair struct{ key, value string }
	var pairs []pair
	for part := range strings.SplitSeq(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		key, err := url.QueryUnescape(k)
		if err != nil {
			key = k
		}
		if key == "" || isTracking(key) {
			continue
		}
		value, err := url.QueryUnescape(v)
		if err != nil {
			value = v
		}
		pairs = append(pairs, pair{key, value})
	}
	slices.SortStableFunc(pairs, func(a, b pair) int { return strings.Compare(a.key, b.key) })
	var b strings.Builder
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(p.key))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(p.value))
	}
	return b.String()
}

// Resolve returns ref made absolute against base; ref is returned as it is
// when base is empty or either does not parse.
func Resolve(base, ref string) string {
	ref = strings.TrimSpace(ref)
	if base == "" {
		return ref
	}
	b, err := url.Parse(base)
	if err != nil {
		return ref
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	return b.ResolveReference(r).String()
}

// Host returns the lower-case host of an absolute URL without a "www."
// prefix, or "" when it has none.
func Host(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}
