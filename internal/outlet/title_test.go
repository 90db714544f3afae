package outlet

import "testing"

func TestTitle(t *testing.T) {
	tests := []struct {
		title string
		names []string
		want  string
	}{
		{"Dam opens | Valley Gazette", []string{"Valley Gazette"}, "Dam opens"},
		{"Dam opens - The Valley Gazette", []string{"Valley Gazette"}, "Dam opens"},
		{"Valley Gazette – Dam opens", []string{"Valley Gazette"}, "Dam opens"},
		{"Dam opens | Valley-Gazette", []string{"Valley Gazette"}, "Dam opens"},
		{"Dam opens | ValleyGazette.com", []string{"valleygazette.com"}, "Dam opens"},
		{"Dam opens | Valley Gazette", []string{"", "valleygazette.example"}, "Dam opens"},
		{"Dam opens - Local - Valley Gazette", []string{"Valley Gazette"}, "Dam opens - Local"},
		{"Dam opens | Coast Herald", []string{"Valley Gazette"}, "Dam opens | Coast Herald"},
		{"Opinion | Why the dam matters", []string{"Valley Gazette"}, "Opinion | Why the dam matters"},
		{"Valley Gazette", []string{"Valley Gazette"}, "Valley Gazette"},
		{"Dam opens: Valley Gazette reports", []string{"Valley Gazette"}, "Dam opens: Valley Gazette reports"},
		{"Dam opens", nil, "Dam opens"},
		{"Dam opens | Valley Gazette | Valley Gazette", []string{"Valley Gazette"}, "Dam opens"},
	}
	for _, tt := range tests {
		if got := Title(tt.title, tt.names...); got != tt.want {
			t.Errorf("Title(%q, %q) = %q, want %q", tt.title, tt.names, got, tt.want)
		}
	}
}

func FuzzTitle(f *testing.F) {
	f.Add("Dam opens | Valley Gazette", "Valley Gazette")
	f.Add(" | | ", "|")
	f.Fuzz(func(t *testing.T, title, name string) {
		got := Title(title, name)
		if len(got) > len(title) {
			t.Fatalf("Title(%q, %q) = %q: longer than the title", title, name, got)
		}
		if title != "" && got == "" {
			t.Fatalf("Title(%q, %q) is empty", title, name)
		}
	})
}
