package urlx

import (
	"errors"
	"testing"
)

func TestCanonicalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"scheme and host case", "HTTPS://News.Example.COM/World/Story", "https://news.example.com/World/Story"},
		{"default https port", "https://example.com:443/a", "https://example.com/a"},
		{"default http port", "http://example.com:80/a", "http://example.com/a"},
		{"other port kept", "http://example.com:8080/a", "http://example.com:8080/a"},
		{"fragment dropped", "https://example.com/a#comments", "https://example.com/a"},
		{"empty path", "https://example.com", "https://example.com/"},
		{"dot segments", "https://example.com/a/./b/../c", "https://example.com/a/c"},
		{"trailing slash kept", "https://example.com/a/b/", "https://example.com/a/b/"},
		{"utm dropped", "https://example.com/a?utm_source=x&utm_medium=y&id=7", "https://example.com/a?id=7"},
		{"click ids dropped", "https://example.com/a?fbclid=1&gclid=2&msclkid=3", "https://example.com/a"},
		{"query sorted", "https://example.com/a?b=2&a=1&c=3", "https://example.com/a?a=1&b=2&c=3"},
		{"repeated keys keep order", "https://example.com/a?t=2&a=0&t=1", "https://example.com/a?a=0&t=2&t=1"},
		{"empty query", "https://example.com/a?", "https://example.com/a"},
		{"user info dropped", "https://user:pw@example.com/a", "https://example.com/a"},
		{"trailing dot host", "https://example.com./a", "https://example.com/a"},
		{"ipv6", "http://[::1]:80/a", "http://[::1]/a"},
		{"ipv6 port", "http://[::1]:8080/a", "http://[::1]:8080/a"},
		{"spaces trimmed", "  https://example.com/a  ", "https://example.com/a"},
		{"escaped path kept", "https://example.com/a%20b", "https://example.com/a%20b"},
		{"query escaping", "https://example.com/s?q=a+b&x=%2F", "https://example.com/s?q=a+b&x=%2F"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Canonicalize(tt.in)
			if err != nil {
				t.Fatalf("Canonicalize(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Canonicalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			again, err := Canonicalize(got)
			if err != nil || again != got {
				t.Errorf("not idempotent: %q → %q (%v)", got, again, err)
			}
		})
	}
}

func TestCanonicalizeRejects(t *testing.T) {
	for _, in := range []string{"", "example.com/a", "/a/b", "ftp://example.com/a", "mailto:a@example.com", "javascript:alert(1)", "http://", "https://:443/", "http://[::1"} {
		t.Run(in, func(t *testing.T) {
			if got, err := Canonicalize(in); err == nil {
				t.Fatalf("Canonicalize(%q) = %q, want error", in, got)
			}
		})
	}
	if _, err := Canonicalize("ftp://example.com/"); !errors.Is(err, ErrNotWeb) {
		t.Errorf("ftp error %v does not wrap ErrNotWeb", err)
	}
}

func TestResolve(t *testing.T) {
	tests := []struct{ base, ref, want string }{
		{"https://example.com/news/a.html", "/b", "https://example.com/b"},
		{"https://example.com/news/a.html", "c.html", "https://example.com/news/c.html"},
		{"https://example.com/news/a.html", "https://other.org/x", "https://other.org/x"},
		{"", "/b", "/b"},
	}
	for _, tt := range tests {
		if got := Resolve(tt.base, tt.ref); got != tt.want {
			t.Errorf("Resolve(%q, %q) = %q, want %q", tt.base, tt.ref, got, tt.want)
		}
	}
}

func TestHost(t *testing.T) {
	if got := Host("https://WWW.Example.com:8080/a"); got != "example.com" {
		t.Errorf("Host = %q", got)
	}
	if got := Host("::"); got != "" {
		t.Errorf("Host of junk = %q", got)
	}
}

func FuzzCanonicalize(f *testing.F) {
	for _, s := range []string{"https://example.com/a?utm_source=x&b=1#f", "http://[::1]:80/", "HTTP://A.B:443/./x/../y?z=%zz", "https://e.com/%", "https://e.com/a?=&&=x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := Canonicalize(in)
		if err != nil {
			return
		}
		again, err := Canonicalize(got)
		if err != nil {
			t.Fatalf("canonical %q of %q does not canonicalize: %v", got, in, err)
		}
		if again != got {
			t.Fatalf("not idempotent: %q → %q → %q", in, got, again)
		}
	})
}
