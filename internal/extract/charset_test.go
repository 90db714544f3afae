package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestExtractCharsets checks that legacy-encoded pages come out as correct
// UTF-8, whether the charset is declared in the page, in the HTTP header,
// or not at all.
func TestExtractCharsets(t *testing.T) {
	const (
		french   = "« C’est un soulagement », confie la gérante, Élodie Varenne, qui sert désormais le “café crème” à 3,20 € — dix centimes de plus qu’avant."
		japanese = "嵐の被害で半年間休止していたヴェルモラ港の朝市が、日曜日に再開した。"
	)
	tests := []struct {
		name, file, contentType, want, lang string
	}{
		{"windows-1252 in meta", "cp1252.html", "", french, "fr"},
		{"windows-1252 in header", "cp1252_undeclared.html", "text/html; charset=windows-1252", french, "fr"},
		{"latin1 alias in header", "cp1252_undeclared.html", "text/html; charset=ISO-8859-1", french, "fr"},
		{"windows-1252 undeclared", "cp1252_undeclared.html", "text/html", french, "fr"},
		{"Shift_JIS in meta", "shiftjis.html", "", japanese, "ja"},
		{"Shift_JIS in header", "shiftjis_undeclared.html", "text/html; charset=Shift_JIS", japanese, "ja"},
		{"Shift_JIS undeclared", "shiftjis_undeclared.html", "", japanese, "ja"},
	}
	ex := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			a, err := ex.Extract(raw, "https://news.example/a", tt.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if !utf8.ValidString(a.Text) || strings.ContainsRune(a.Text, utf8.RuneError) {
				t.Errorf("text is not clean UTF-8: %q", a.Text)
			}
			if !strings.Contains(a.Text, tt.want) {
				t.Errorf("text lacks %q:\n%s", tt.want, a.Text)
			}
			if a.Language != tt.lang {
				t.Errorf("Language = %q, want %q", a.Language, tt.lang)
			}
		})
	}
}

// TestDecode checks charset detection on small inputs.
func TestDecode(t *testing.T) {
	tests := []struct {
		name        string
		raw         []byte
		contentType string
		want        string
		charset     string
	}{
		{"plain UTF-8", []byte("<p>café</p>"), "", "<p>café</p>", "utf-8"},
		{"UTF-8 BOM", []byte("\xEF\xBB\xBF<p>café</p>"), "", "<p>café</p>", "utf-8"},
		{"UTF-16LE BOM", []byte("\xFF\xFE<\x00p\x00>\x00\xE9\x00"), "", "<p>é", "utf-16le"},
		{"late meta charset", []byte(strings.Repeat(" ", 2000) + `<meta charset="iso-8859-1"><p>caf` + "\xE9</p>"), "", strings.Repeat(" ", 2000) + `<meta charset="iso-8859-1"><p>café</p>`, "windows-1252"},
		{"stale latin1 label on UTF-8", []byte(`<meta charset="iso-8859-1"><p>café</p>`), "", `<meta charset="iso-8859-1"><p>café</p>`, "utf-8"},
		{"header beats meta", []byte(`<meta charset="utf-8"><p>caf` + "\xE9</p>"), "text/html; charset=windows-1252", `<meta charset="utf-8"><p>café</p>`, "windows-1252"},
		{"invalid UTF-8 replaced", []byte("<meta charset=utf-8><p>a\xffb</p>"), "", "<meta charset=utf-8><p>a\uFFFDb</p>", "utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, cs, err := decode(tt.raw, tt.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want || cs != tt.charset {
				t.Errorf("decode = %q, %q; want %q, %q", got, cs, tt.want, tt.charset)
			}
		})
	}
}
