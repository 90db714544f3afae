package feed

import (
	"testing"
)

func TestPrepareXML(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"valid UTF-8 untouched", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss>\u00e9</rss>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss>\u00e9</rss>"},
		{"no declaration, Latin-1 bytes", "<rss>caf\xe9 \x93q\x94</rss>", "<rss>caf\u00e9 \u201cq\u201d</rss>"},
		{"declared UTF-8, Latin-1 bytes", "<?xml version='1.0' encoding='utf-8'?><rss>\xe9</rss>", "<?xml version='1.0' encoding='utf-8'?><rss>\u00e9</rss>"},
		{"undefined Windows-1252 byte", "<rss>\x81</rss>", "<rss>\ufffd</rss>"},
		{"mixed valid and invalid", "<rss>\u00e9\xe9</rss>", "<rss>\u00e9\u00e9</rss>"},
		{"real Latin-1 left to the parser", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss>\xe9</rss>", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss>\xe9</rss>"},
		{"Latin-1 label on UTF-8", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss>\u00e9</rss>", "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss>\u00e9</rss>"},
		{"ASCII with Latin-1 label untouched", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss/>", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss/>"},
		{"unknown label", "<?xml version=\"1.0\" encoding=\"bogus\"?><rss>\xe9</rss>", "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss>\u00e9</rss>"},
		{"UTF-16 label on ASCII bytes", "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"utf-16\"?><rss/>", "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"utf-8\"?><rss/>"},
		{"KOI8-R left to the parser", "<?xml version=\"1.0\" encoding=\"koi8-r\"?><rss>\xf0</rss>", "<?xml version=\"1.0\" encoding=\"koi8-r\"?><rss>\xf0</rss>"},
	}
	for _, tt := range tests {
		if got := string(prepareXML([]byte(tt.in))); got != tt.want {
			t.Errorf("%s: prepareXML(%q)\n got %q\nwant %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestUTF16ToUTF8(t *testing.T) {
	tests := []struct{ in, want string }{
		{"\xff\xfe<\x00r\x00\xe9\x00", "<r\u00e9"},
		{"\xfe\xff\x00<\x00r", "<r"},
		{"<rss/>", "<rss/>"},
	}
	for _, tt := range tests {
		if got := string(utf16ToUTF8([]byte(tt.in))); got != tt.want {
			t.Errorf("utf16ToUTF8(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
