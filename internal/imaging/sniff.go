package imaging

import (
	"bytes"
	"net/http"
	"strings"
)

// Content types of the accepted images.
const (
	JPEG = "image/jpeg"
	PNG  = "image/png"
	GIF  = "image/gif"
	WebP = "image/webp"
)

// Sniff returns the content type of data judged from its first bytes
// alone: one of JPEG, PNG, GIF and WebP for the accepted types, another
// name ("image/svg+xml", "image/avif", "text/html; charset=utf-8"…) for
// the rest, "empty" for no bytes.
func Sniff(data []byte) string {
	switch {
	case len(data) == 0:
		return "empty"
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return JPEG
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return PNG
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return GIF
	case len(data) >= 12 && bytes.HasPrefix(data, []byte("RIFF")) && string(data[8:12]) == "WEBP":
		return WebP
	case len(data) >= 12 && string(data[4:8]) == "ftyp":
		return isoBrand(string(data[8:12]))
	case looksLikeSVG(data):
		return "image/svg+xml"
	}
	return http.DetectContentType(data)
}

// isoBrand names the ISO base media file (HEIF, AVIF, MP4…) of a major brand.
func isoBrand(brand string) string {
	switch brand {
	case "avif", "avis":
		return "image/avif"
	case "heic", "heix", "heim", "heis", "mif1", "msf1":
		return "image/heic"
	}
	return "video/mp4"
}

// looksLikeSVG reports whether data is XML or markup whose first element
// in the first kilobyte is <svg.
func looksLikeSVG(data []byte) bool {
	head := strings.ToLower(string(data[:min(len(data), 1024)]))
	i := strings.Index(head, "<svg")
	if i < 0 {
		return false
	}
	return !strings.Contains(head[:i], "<html") && !strings.Contains(head[:i], "<body")
}
