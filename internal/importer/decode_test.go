package importer

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// decodeAll decodes path and returns its items.
func decodeAll(t *testing.T, d Decoder, path string) ([]Item, error) {
	t.Helper()
	var items []Item
	err := d.DecodeFile(path, func(it Item) { items = append(items, it) })
	return items, err
}

func TestFiles(t *testing.T) {
	files, err := Files([]string{"testdata/dir"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"testdata/dir/articles.jsonl", "testdata/dir/feeds.opml", "testdata/dir/harbour.txt", "testdata/dir/sub/council.md"}
	if strings.Join(files, ",") != strings.Join(want, ",") {
		t.Errorf("Files = %v, want %v", files, want)
	}
	if _, err := Files([]string{"testdata/missing"}); err == nil || !strings.Contains(err.Error(), "testdata/missing") {
		t.Errorf("missing path error %v does not name it", err)
	}
}

func TestDecodeText(t *testing.T) {
	items, err := decodeAll(t, Decoder{}, "testdata/dir/harbour.txt")
	if err != nil || len(items) != 1 {
		t.Fatalf("items %v, err %v", items, err)
	}
	doc := items[0].Doc
	if doc.Title != "Harbour bridge reopens after storm repairs" {
		t.Errorf("title %q", doc.Title)
	}
	wantBody := "The harbour bridge in Port Aldine reopened on Tuesday morning after three weeks of repairs to storm damage, the city's transport office said.\n\nCommuters queued from dawn to be among the first to cross."
	if doc.Text != wantBody {
		t.Errorf("body %q", doc.Text)
	}
}

func TestDecodeMarkdown(t *testing.T) {
	items, err := decodeAll(t, Decoder{}, "testdata/dir/sub/council.md")
	if err != nil || len(items) != 1 {
		t.Fatalf("items %v, err %v", items, err)
	}
	doc := items[0].Doc
	if doc.Title != "Council approves new library budget" {
		t.Errorf("title %q", doc.Title)
	}
	want := "The city council voted 7-2 to fund the central library renovation, officials said on Monday.\n\nReaction\n\nResidents welcomed the vote.\n\nCritics said the cost was too high."
	if doc.Text != want {
		t.Errorf("body %q", doc.Text)
	}
}

func TestDecodeJSONLines(t *testing.T) {
	items, err := decodeAll(t, Decoder{}, "testdata/dir/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 4 {
		t.Fatalf("got %d items, want 4", len(items))
	}
	a := items[0].Doc
	if a == nil || a.URL != "https://news.example.com/a?utm_source=x" || a.Title != "Rail strike ends" || a.Source != "Example News" || a.Author != "Ana Ruiz" ||
		!a.Published.Equal(time.Date(2026, 3, 4, 9, 30, 0, 0, time.UTC)) {
		t.Errorf("first doc %+v", a)
	}
	b := items[1].Doc
	if b == nil || b.URL != "https://news.example.com/b" || b.Title != "Ferry service resumes" || b.Source != "Coast Daily" || b.Published.Unix() != 1772617800 {
		t.Errorf("second doc %+v", b)
	}
	if items[2].Err == nil || !strings.Contains(items[2].Err.Error(), "articles.jsonl:4") {
		t.Errorf("broken line error %v should name line 4", items[2].Err)
	}
	if items[3].Err == nil || !strings.Contains(items[3].Err.Error(), "articles.jsonl:5") || !strings.Contains(items[3].Err.Error(), "no \"text\" or \"html\"") {
		t.Errorf("empty record error %v", items[3].Err)
	}
}

func TestDecodeOPML(t *testing.T) {
	items, err := decodeAll(t, Decoder{}, "testdata/dir/feeds.opml")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range items {
		got = append(got, it.Feed.URL+" "+it.Feed.Category+" "+it.Feed.Title)
	}
	want := []string{
		"https://news.example.com/world.rss World Example World",
		"https://euro.example.org/feed World/Europe Euro Desk",
		"https://loose.example.net/atom.xml Tech Loose",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("feeds\n%v\nwant\n%v", got, want)
	}
}

func TestDecodeJSON(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, content string
		docs          int
		itemErrs      int
		fileErr       string
	}{
		{"array", `[{"title":"A","text":"aa"},{"title":"B","html":"<p>b</p>"}]`, 2, 0, ""},
		{"object", `{"title":"A","text":"aa","published":"Tue, 03 Mar 2026 10:00:00 +0000"}`, 1, 0, ""},
		{"wrapper", `{"articles":[{"title":"A","text":"aa"},{"title":3}]}`, 1, 1, ""},
		{"bad date", `[{"title":"A","text":"aa","published":"yesterday-ish"}]`, 0, 1, ""},
		{"scalar", `42`, 0, 0, "not an object or an array"},
		{"truncated", `[{"title":"A","text":"a`, 0, 0, "invalid JSON"},
		{"empty array", `[]`, 0, 0, "no articles"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".json")
			if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			items, err := decodeAll(t, Decoder{}, path)
			if tt.fileErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.fileErr) || !strings.Contains(err.Error(), path) {
					t.Fatalf("err %v, want one naming %s with %q", err, path, tt.fileErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			docs, errs := 0, 0
			for _, it := range items {
				if it.Doc != nil {
					docs++
				}
				if it.Err != nil {
					errs++
					if !strings.Contains(it.Err.Error(), path) {
						t.Errorf("item error %v does not name the file", it.Err)
					}
				}
			}
			if docs != tt.docs || errs != tt.itemErrs {
				t.Errorf("docs %d errs %d, want %d %d", docs, errs, tt.docs, tt.itemErrs)
			}
		})
	}
}

func gz(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	page := []byte("<html><body><p>hello</p></body></html>")
	gzPage := gz(t, page)
	bomb := gz(t, bytes.Repeat([]byte("<p>aaaaaaaa</p>"), 100_000)) // 1.5 MB from a small file
	tests := []struct {
		name    string
		file    string
		content []byte
		max     int64
		want    error
		wantMsg string
	}{
		{"empty html", "empty.html", nil, 0, ErrEmpty, "empty file"},
		{"blank text", "blank.txt", []byte("  \n\n "), 0, ErrEmpty, ""},
		{"binary html", "bin.html", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0, ErrBinary, ""},
		{"binary text", "bin.txt", append([]byte("title\n"), 0, 1, 2, 3), 0, ErrBinary, ""},
		{"oversized", "big.html", bytes.Repeat([]byte("a"), 2000), 1000, ErrTooLarge, "over 1000 bytes"},
		{"gzip bomb", "bomb.html.gz", bomb, 100_000, ErrTooLarge, ""},
		{"truncated gzip", "cut.html.gz", gzPage[:len(gzPage)-10], 0, nil, "truncated gzip"},
		{"not gzip", "fake.html.gz", page, 0, nil, "gzip"},
		{"latin1 text", "latin1.txt", []byte("Caf\xe9 news\n\nA story about a caf\xe9."), 0, ErrEncoding, "UTF-8"},
		{"title only", "title.txt", []byte("Only a title\n"), 0, nil, "no text after the title"},
		{"unsupported", "data.csv", []byte("a,b"), 0, ErrUnsupported, ""},
		{"not opml", "x.opml", []byte("<rss><channel/></rss>"), 0, nil, "not an OPML document"},
		{"broken opml", "y.opml", []byte("<opml><body><outline xmlUrl='a'"), 0, nil, "invalid OPML"},
		{"empty opml", "z.opml", []byte("<opml><body></body></opml>"), 0, nil, "no feeds"},
		{"binary jsonl", "bin.jsonl", []byte("\x00\x01\x02\x03\n"), 0, ErrBinary, ""},
		{"blank jsonl", "blank.jsonl", []byte("\n\n"), 0, ErrEmpty, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			if err := os.WriteFile(path, tt.content, 0o600); err != nil {
				t.Fatal(err)
			}
			items, err := decodeAll(t, Decoder{MaxBytes: tt.max}, path)
			if err == nil {
				t.Fatalf("no error; items %+v", items)
			}
			if !strings.HasPrefix(err.Error(), path+": ") {
				t.Errorf("error %q does not start with the file name", err)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %v is not %v", err, tt.want)
			}
			if tt.wantMsg != "" && !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("error %q lacks %q", err, tt.wantMsg)
			}
		})
	}
}

func TestDecodeGzipAndUTF16(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "page.html.gz")
	if err := os.WriteFile(page, gz(t, []byte("<html><body><p>x</p></body></html>")), 0o600); err != nil {
		t.Fatal(err)
	}
	items, err := decodeAll(t, Decoder{}, page)
	if err != nil || len(items) != 1 || !bytes.Contains(items[0].Doc.HTML, []byte("<p>x</p>")) {
		t.Fatalf("gz page: %v %v", items, err)
	}
	// UTF-16 little endian with a byte-order mark.
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range "Titre\n\nCorps du r\u00e9cit." {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	txt := filepath.Join(dir, "u16.txt")
	if err := os.WriteFile(txt, utf16, 0o600); err != nil {
		t.Fatal(err)
	}
	items, err = decodeAll(t, Decoder{}, txt)
	if err != nil || items[0].Doc.Title != "Titre" || items[0].Doc.Text != "Corps du r\u00e9cit." {
		t.Fatalf("utf16: %+v %v", items, err)
	}
	lines := filepath.Join(dir, "a.jsonl.gz")
	if err := os.WriteFile(lines, gz(t, []byte(`{"title":"A","text":"a"}`+"\n"+`{"title":"B","text":"b"}`)), 0o600); err != nil {
		t.Fatal(err)
	}
	items, err = decodeAll(t, Decoder{}, lines)
	if err != nil || len(items) != 2 || items[1].Doc.Title != "B" {
		t.Fatalf("jsonl.gz: %+v %v", items, err)
	}
}

func TestJSONLinesLongLine(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "long.jsonl")
	long := `{"title":"L","text":"` + strings.Repeat("x", 300_000) + `"}`
	content := `{"title":"A","text":"a"}` + "\n" + long + "\n" + `{"title":"C","text":"c"}` + "\n"
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	items, err := decodeAll(t, Decoder{MaxBytes: 100_000}, path)
	if err != nil || len(items) != 3 {
		t.Fatalf("items %d err %v", len(items), err)
	}
	if !errors.Is(items[1].Err, ErrTooLarge) || !strings.Contains(items[1].Err.Error(), "long.jsonl:2") {
		t.Errorf("long line: %v", items[1].Err)
	}
	if items[2].Doc == nil || items[2].Doc.Title != "C" {
		t.Errorf("line after the long one: %+v", items[2])
	}
	// Under the cap the long line is an article.
	items, err = decodeAll(t, Decoder{}, path)
	if err != nil || items[1].Doc == nil || len(items[1].Doc.Text) != 300_000 {
		t.Fatalf("long line under cap: %v", err)
	}
}

// TestJSONLanguage: a record may declare its language under "language",
// "lang" or "inLanguage"; a tag that is none is the record's error.
func TestJSONLanguage(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "langs.jsonl")
	lines := `{"title": "A", "text": "Die Verhandlungen gehen weiter.", "language": "de-AT"}
{"title": "B", "text": "Las negociaciones siguen.", "lang": "ES"}
{"title": "C", "text": "谈判继续。", "inLanguage": "zh-Hans"}
{"title": "D", "text": "No language here."}
{"title": "E", "text": "Bad tag.", "language": "not a tag"}
`
	if err := os.WriteFile(path, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	items, err := decodeAll(t, Decoder{}, path)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"de-AT", "es", "zh-Hans", ""}
	for i, w := range want {
		if items[i].Err != nil || items[i].Doc.Language != w {
			t.Errorf("record %d: language %q (error %v), want %q", i+1, items[i].Doc.Language, items[i].Err, w)
		}
	}
	if e := items[4].Err; e == nil || !strings.Contains(e.Error(), `"not a tag" is not a language tag`) || !strings.Contains(e.Error(), "langs.jsonl:5") {
		t.Errorf("bad tag: error %v, want one naming the tag and the line", e)
	}
}

func TestDecodeJSONImage(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, field, want string
	}{
		{"string", `"image":"https://x.example/a.jpg"`, "https://x.example/a.jpg"},
		{"image object", `"image":{"@type":"ImageObject","url":"https://x.example/b.jpg"}`, "https://x.example/b.jpg"},
		{"content url", `"image":{"contentUrl":"https://x.example/c.jpg"}`, "https://x.example/c.jpg"},
		{"list", `"image":[{"url":""},"https://x.example/d.jpg"]`, "https://x.example/d.jpg"},
		{"image_url", `"image_url":"/e.jpg"`, "/e.jpg"},
		{"thumbnail", `"thumbnail":"https://x.example/f.jpg"`, "https://x.example/f.jpg"},
		{"none", `"image":null`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".json")
			if err := os.WriteFile(path, []byte(`{"title":"A","text":"aa",`+tt.field+`}`), 0o600); err != nil {
				t.Fatal(err)
			}
			items, err := decodeAll(t, Decoder{}, path)
			if err != nil || len(items) != 1 || items[0].Doc == nil {
				t.Fatalf("items %v, err %v", items, err)
			}
			if got := items[0].Doc.ImageURL; got != tt.want {
				t.Errorf("image %q, want %q", got, tt.want)
			}
		})
	}
}
