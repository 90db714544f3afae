package main

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/web"
)

// uploadArticles posts files to the feeds page's article import and
// returns the status and the page.
func (s *adminSite) uploadArticles(files ...web.UploadedFile) (int, string) {
	s.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, f := range files {
		fw, err := mw.CreateFormFile("files", f.Name)
		if err != nil {
			s.t.Fatal(err)
		}
		fw.Write(f.Data)
	}
	mw.Close()
	return s.post("/feeds/articles", mw.FormDataContentType(), &b)
}

// TestWebImportArticles uploads the end-to-end fixture through the web app
// with the ingester `serve` gives it: the articles are stored and analysed
// into stories as `storyline import` does, and a second upload adds
// nothing.
func TestWebImportArticles(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where the uploads are written
	ing, db := servePoller(t, false)
	admin := newAdminSite(t, ing, db)
	data, err := os.ReadFile("testdata/e2e/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	upload := web.UploadedFile{Name: "articles.jsonl", Data: data}
	code, body := admin.uploadArticles(upload)
	if code != http.StatusOK || !strings.Contains(body, "1 file read, 3 added, 0 updated, 0 duplicates, 0 errors.") {
		t.Fatalf("upload: status %d, summary not shown:\n%.3000s", code, body)
	}
	ctx := context.Background()
	if n, err := db.CountArticles(ctx); n != 3 || err != nil {
		t.Errorf("%d articles stored (%v), want 3", n, err)
	}
	stories, err := db.Stories(ctx, storyline.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	dam := slices.IndexFunc(stories, func(s *storyline.Story) bool { return slices.Contains(s.Outlets, "Valley Gazette") })
	if dam < 0 || !slices.Equal(sorted(stories[dam].Outlets), []string{"Arden Courier", "Valley Gazette"}) {
		for _, s := range stories {
			t.Logf("story %d %q: %q", s.ID, s.Title, s.Outlets)
		}
		t.Fatal("the two dam articles are not one story with two outlets")
	}

	if code, body := admin.uploadArticles(upload); code != http.StatusOK || !strings.Contains(body, "0 added, 0 updated, 3 duplicates") {
		t.Errorf("second upload: status %d, summary not shown:\n%.3000s", code, body)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("the uploads were left in %s: %v", tmp, left)
	}
}

// TestWebImportArticleErrors: the errors of an upload name the files as
// they were sent (base names only), never the temporary directory; names
// of no known kind, unusable names and names given twice refuse the
// upload.
func TestWebImportArticleErrors(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	ing, _ := servePoller(t, false)
	ctx := context.Background()
	sum, err := ing.ImportArticles(ctx, []web.UploadedFile{
		{Name: "broken.jsonl", Data: []byte(`{"url": "https://a.example/1", "title": "A title", "text": "Some words of text."}` + "\n{not json\n")},
		{Name: `../../up/<b>passwd.txt`, Data: []byte(" \n")},
		{Name: `C:\Users\me\page.md`, Data: []byte("# Title\n\nBody text.")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added != 2 || sum.Failed != 2 || len(sum.Errors) != 2 {
		t.Fatalf("summary %+v", sum)
	}
	for _, msg := range sum.Errors {
		if strings.Contains(msg, tmp) || !(strings.HasPrefix(msg, "broken.jsonl:2: ") || strings.HasPrefix(msg, "<b>passwd.txt: ")) {
			t.Errorf("error %q does not name the file as sent", msg)
		}
	}
	for _, tt := range []struct{ name, want string }{
		{"notes.exe", `"notes.exe" is not a kind of file Storyline imports`},
		{"README", `"README" is not a kind of file`},
		{"../..", `"../.." is not a file name that can be used`},
		{"a\x00.txt", `"a\x00.txt" is not a file name that can be used`},
		{"dir/OK.TXT", `two files are named "OK.TXT"`},
	} {
		_, err := ing.ImportArticles(ctx, []web.UploadedFile{{Name: "ok.txt", Data: []byte("Title\n\nText.")}, {Name: tt.name, Data: []byte("x")}})
		if storyline.ErrorCode(err) != storyline.EINVALID || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("upload of %q: %v, want %q", tt.name, err, tt.want)
		}
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("the uploads were left in %s: %v", tmp, left)
	}
}

// sorted returns a sorted copy of ss.
func sorted(ss []string) []string {
	return slices.Sorted(slices.Values(ss))
}
