package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/storyline/storyline"
)

// hostileFileName is an uploaded file's name made to be markup.
const hostileFileName = `<img src=x onerror=alert(1)>.jsonl`

// TestImportArticles uploads article files, one with a hostile name, and
// checks they reach the ingester intact and its summary is shown, inert.
func TestImportArticles(t *testing.T) {
	e, ing := newFeedsEnv(t)
	admin := e.signedIn("admin", adminPassword)
	if _, body := e.get(admin, "/feeds"); !strings.Contains(body, `action="/feeds/articles"`) || !strings.Contains(body, `name="files" type="file" multiple`) {
		t.Fatal("the feeds page has no article import form")
	}
	files := []UploadedFile{
		{Name: "wire.jsonl", Data: []byte("one\ntwo\nbad line\n")},
		{Name: hostileFileName, Data: []byte("bad")},
		{Name: "page.html", Data: []byte("<p>" + xssScript + "</p>")},
	}
	resp, body := e.uploadFiles(admin, "/feeds/articles", "files", "same-origin", files...)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("import: status %d\n%.2000s", resp.StatusCode, body)
	}
	for _, want := range []string{
		`id="import-summary"`,
		"3 files read, 3 added, 0 updated, 0 duplicates, 2 errors.",
		"<li>wire.jsonl:3: not an article</li>",
		"<li>&lt;img src=x onerror=alert(1)&gt;.jsonl:1: not an article</li>",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page after the import lacks %q", want)
		}
	}
	assertInert(t, "feeds page after an article import", body)
	if calls := ing.called(); len(calls) != 1 || calls[0] != "import articles wire.jsonl,"+hostileFileName+",page.html" {
		t.Errorf("calls %q", calls)
	}
	for i, f := range ing.uploaded {
		if !bytes.Equal(f.Data, files[i].Data) {
			t.Errorf("file %d arrived as %q, sent %q", i, f.Data, files[i].Data)
		}
	}

	// A plain visit shows no summary: it came with the import, not a link.
	if _, body := e.get(admin, "/feeds?added=3&errors=x"); strings.Contains(body, "import-summary") {
		t.Error("a link shows an import summary")
	}
}

// TestImportArticlesRefused: members, visitors and other sites cannot
// import articles.
func TestImportArticlesRefused(t *testing.T) {
	e, ing := newFeedsEnv(t)
	admin, member := e.signedIn("admin", adminPassword), e.signedIn("member", memberPassword)
	file := UploadedFile{Name: "a.jsonl", Data: []byte("one")}
	tests := []struct {
		name   string
		who    *http.Client
		site   string
		status int
		want   string
	}{
		{"member", member, "same-origin", http.StatusForbidden, ""},
		{"visitor", e.client(), "same-origin", http.StatusUnauthorized, ""},
		{"cross-origin", admin, "cross-site", http.StatusForbidden, "cross-origin"},
	}
	for _, tt := range tests {
		resp, body := e.uploadFiles(tt.who, "/feeds/articles", "files", tt.site, file)
		if resp.StatusCode != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("%s: status %d, want %d with %q", tt.name, resp.StatusCode, tt.status, tt.want)
		}
	}
	if calls := ing.called(); len(calls) != 0 {
		t.Errorf("a refused upload reached the ingester: %q", calls)
	}
}

// TestImportArticlesLimits: too many files, too large a body, no file, an
// empty file, a plain form and a name the ingester refuses are each
// refused with a message saying why.
func TestImportArticlesLimits(t *testing.T) {
	e, ing := newFeedsEnv(t)
	admin := e.signedIn("admin", adminPassword)
	many := make([]UploadedFile, maxArticleUploadFiles+1)
	for i := range many {
		many[i] = UploadedFile{Name: "f" + itoa(int64(i)) + ".txt", Data: []byte("title")}
	}
	big := UploadedFile{Name: "big.jsonl", Data: bytes.Repeat([]byte("x"), maxArticleUploadBytes+maxFormBytes)}
	tests := []struct {
		name  string
		files []UploadedFile
		want  string
	}{
		{"too many files", many, "Import articles: at most 50 files at once"},
		{"oversized", []UploadedFile{big}, "Import articles: the files are larger than 32 MB in all"},
		{"no file chosen", []UploadedFile{{}}, "Import articles: choose a file first"},
		{"empty file", []UploadedFile{{Name: "e.md"}}, `Import articles: the file &#34;e.md&#34; is empty`},
	}
	for _, tt := range tests {
		resp, body := e.uploadFiles(admin, "/feeds/articles", "files", "same-origin", tt.files...)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, tt.want) {
			t.Errorf("%s: status %d, want 400 with %q", tt.name, resp.StatusCode, tt.want)
		}
	}
	if resp, body := e.postBody(admin, "/feeds/articles", url.Values{"files": {"x"}}); resp.StatusCode != 400 || !strings.Contains(body, "multipart/form-data") {
		t.Errorf("import as a plain form: status %d", resp.StatusCode)
	}
	if calls := ing.called(); len(calls) != 0 {
		t.Errorf("a refused upload reached the ingester: %q", calls)
	}

	// The ingester's refusal (here of a name of no known kind) is shown,
	// inert.
	ing.err = storyline.Errorf(storyline.EINVALID, "import articles: %q is not a kind of file Storyline imports", "evil<script>.exe")
	resp, body := e.uploadFiles(admin, "/feeds/articles", "files", "same-origin", UploadedFile{Name: "evil<script>.exe", Data: []byte("MZ")})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "is not a kind of file Storyline imports") || !strings.Contains(body, `class="error"`) {
		t.Errorf("unknown kind: status %d, refusal not shown", resp.StatusCode)
	}
	assertInert(t, "feeds page after a refused name", body)
}
