package imaging

import "testing"

func TestSniff(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"JPEG", "\xff\xd8\xff\xe0\x00\x10JFIF", JPEG},
		{"PNG", "\x89PNG\r\n\x1a\n\x00\x00", PNG},
		{"GIF87a", "GIF87a\x01\x00", GIF},
		{"GIF89a", "GIF89a\x01\x00", GIF},
		{"WebP", "RIFF\x24\x00\x00\x00WEBPVP8 ", WebP},
		{"RIFF but WAVE", "RIFF\x24\x00\x00\x00WAVEfmt ", "audio/wave"},
		{"AVIF", "\x00\x00\x00\x1cftypavif\x00\x00\x00\x00", "image/avif"},
		{"HEIC", "\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", "image/heic"},
		{"SVG", `<svg xmlns="http://www.w3.org/2000/svg"/>`, "image/svg+xml"},
		{"SVG after a prolog", "<?xml version=\"1.0\"?>\n<!-- logo -->\n<svg>", "image/svg+xml"},
		{"HTML with an inline SVG", "<html><body><svg></svg>", "text/html; charset=utf-8"},
		{"plain text", "hello", "text/plain; charset=utf-8"},
		{"empty", "", "empty"},
	}
	for _, tt := range tests {
		if got := Sniff([]byte(tt.data)); got != tt.want {
			t.Errorf("%s: Sniff = %q, want %q", tt.name, got, tt.want)
		}
	}
}
