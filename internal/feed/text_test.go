package feed

import (
	"strings"
	"testing"
	"time"
)

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  Plain   title\n", "Plain title"},
		{"Fish &amp; chips &#8211; &eacute;t&eacute;", "Fish & chips – été"},
		{"<p>One</p><p>Two</p>", "One Two"},
		{"<b>bold</b>face", "boldface"},
		{"line<br>break", "line break"},
		{"<script>alert(1)</script>Safe<style>p{}</style>", "Safe"},
		{"a < b and c > d", "a < b and c > d"},
		{"AT&T", "AT&T"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := plainText(tt.in); got != tt.want {
			t.Errorf("plainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("word ", 30)
	tests := []struct{ in, want string }{
		{"Short text.", "Short text."},
		{strings.Repeat("x", 80), strings.Repeat("x", 80)},
		{strings.Repeat("x", 81), strings.Repeat("x", 80) + "…"},
		{strings.TrimSpace(long), strings.TrimSpace(strings.Repeat("word ", 16)) + "…"},
		{strings.Repeat("é", 100), strings.Repeat("é", 80) + "…"},
	}
	for _, tt := range tests {
		if got := excerpt(tt.in); got != tt.want {
			t.Errorf("excerpt(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTextToHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{"One line", "<p>One line</p>"},
		{"a <b> & c\r\nnext\n\n\n  \nsecond", "<p>a &lt;b&gt; &amp; c<br>next</p><p>second</p>"},
		{"  \n ", ""},
	}
	for _, tt := range tests {
		if got := textToHTML(tt.in); got != tt.want {
			t.Errorf("textToHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTTL(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"60", time.Hour},
		{" 15 ", 15 * time.Minute},
		{"", 0},
		{"0", 0},
		{"-5", 0},
		{"1h", 0},
		{"99999999999999999", maxTTL},
		{"999999999999999999999999", 0},
	}
	for _, tt := range tests {
		if got := ttl(tt.in); got != tt.want {
			t.Errorf("ttl(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
