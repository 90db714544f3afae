package urlx

import "testing"

func TestAbsolute(t *testing.T) {
	base := ParseBase("https://news.example/world/story.html")
	tests := []struct{ ref, want string }{
		{"/more", "https://news.example/more"},
		{"next.html", "https://news.example/world/next.html"},
		{"//cdn.example/img.png", "https://cdn.example/img.png"},
		{"http://other.example/x", "http://other.example/x"},
		{"javascript:alert(1)", ""},
		{"mailto:a@example.com", ""},
		{"  ", ""},
		{"%zz", ""},
	}
	for _, tt := range tests {
		if got := Absolute(base, tt.ref); got != tt.want {
			t.Errorf("Absolute(%q) = %q, want %q", tt.ref, got, tt.want)
		}
	}
	if got := Absolute(nil, "/relative"); got != "" {
		t.Errorf("Absolute(nil, relative) = %q, want empty", got)
	}
	for _, raw := range []string{"", "/path", "ftp://x.example/", "https://"} {
		if ParseBase(raw) != nil {
			t.Errorf("ParseBase(%q) is not nil", raw)
		}
	}
}
