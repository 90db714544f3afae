package extract

import (
	"strings"
	"testing"
)

func TestFragment(t *testing.T) {
	e := New(Options{})
	tests := []struct {
		name, in, base  string
		wantText        string
		wantHTML, notIn []string
	}{
		{
			name:     "paragraphs and a relative link",
			in:       `<p>First <b>bold</b> paragraph.</p><p>Second, with <a href="/more">a link</a>.</p>`,
			base:     "https://news.example/world/story",
			wantText: "First bold paragraph.\n\nSecond, with a link.",
			wantHTML: []string{`href="https://news.example/more"`, "<b>bold</b>"},
		},
		{
			name:     "hostile markup is removed",
			in:       `<p onclick="steal()">Hello<script>alert(1)</script></p><iframe src="https://evil.example"></iframe><a href="javascript:alert(1)">x</a>`,
			wantText: "Hello\n\nx",
			notIn:    []string{"script", "onclick", "iframe", "javascript:"},
		},
		{
			name:     "plain text without tags",
			in:       "Just one teaser sentence &amp; an entity.",
			wantText: "Just one teaser sentence & an entity.",
		},
		{name: "empty", in: "  ", wantText: ""},
		{name: "only markup", in: "<p> </p><img src=x>", wantText: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gotHTML, gotText := e.Fragment(tt.in, tt.base)
			if gotText != tt.wantText {
				t.Errorf("text = %q, want %q", gotText, tt.wantText)
			}
			for _, w := range tt.wantHTML {
				if !strings.Contains(gotHTML, w) {
					t.Errorf("HTML %q lacks %q", gotHTML, w)
				}
			}
			for _, w := range tt.notIn {
				if strings.Contains(strings.ToLower(gotHTML), w) {
					t.Errorf("HTML %q contains %q", gotHTML, w)
				}
			}
		})
	}
}

func FuzzFragment(f *testing.F) {
	f.Add(`<p>a <a href="/x">b</a></p>`, "https://example.com/")
	f.Add(`<table><tr><td>x`, "")
	e := New(Options{})
	f.Fuzz(func(t *testing.T, in, base string) {
		_, text := e.Fragment(in, base)
		if strings.Contains(text, "\n\n\n") {
			t.Errorf("text has an empty paragraph: %q", text)
		}
	})
}
