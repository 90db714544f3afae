package web

import (
	"net/http"
	"time"
)

// UploadedFile is one file sent through a form.
type UploadedFile struct {
	// Name is the file's name as the browser sent it: untrusted, it may
	// hold path separators or be empty.
	Name string
	Data []byte
}

// ImportSummary says what importing article files did, as the command
// line's import reports it.
type ImportSummary struct {
	Files     int // files read to the end
	Added     int // new articles
	Updated   int // stored articles whose text changed
	Unchanged int // already stored as they are
	Copies    int // the same text at another URL, stored as linked copies
	Feeds     int // feed subscriptions added (from OPML files)
	Failed    int // files and items that could not be imported
	// Errors lists the first failures, each naming its file (and line or
	// item) and the reason.
	Errors []string
}

// Duplicates counts the items that added no new article text.
func (s ImportSummary) Duplicates() int { return s.Unchanged + s.Copies }

// More is how many failures Errors leaves out.
func (s ImportSummary) More() int { return max(s.Failed-len(s.Errors), 0) }

// Limits of importing article files from the web app.
const (
	maxArticleUploadBytes = 32 << 20 // the whole request
	maxArticleUploadFiles = 50
)

// importDeadline is how long an article import may take to upload and
// analyse.
const importDeadline = 15 * time.Minute

// articleUpload is the article import's file field and limits.
var articleUpload = uploadForm{what: "Import articles", field: "files", maxBytes: maxArticleUploadBytes, maxFiles: maxArticleUploadFiles}

// postFeedsArticles imports the article files of a multipart form (in
// "files") as `storyline import` does, and shows the feeds page with what
// happened; administrators only. The page is shown, not redirected to, so
// that the errors it lists (which name the uploaded files) never come
// from a link.
func (s *Server) postFeedsArticles(w http.ResponseWriter, r *http.Request) {
	if !s.adminIngester(w, r) {
		return
	}
	// A large upload takes longer to send and to analyse than the
	// server's usual deadlines allow.
	rc := http.NewResponseController(w)
	deadline := time.Now().Add(importDeadline) // the network's clock, not the site's
	_ = rc.SetReadDeadline(deadline)           // not every writer has deadlines: then there are none
	_ = rc.SetWriteDeadline(deadline)
	files, err := articleUpload.read(w, r)
	var sum ImportSummary
	if err == nil {
		sum, err = s.cfg.Ingester.ImportArticles(r.Context(), files)
	}
	if err != nil {
		s.feedsFormError(w, r, feedsView{}, err)
		return
	}
	s.log.Info("articles imported", "files", len(files), "added", sum.Added, "updated", sum.Updated,
		"duplicates", sum.Duplicates(), "failed", sum.Failed, "by", userFrom(r.Context()).Name)
	s.showFeeds(w, r, http.StatusOK, feedsView{Imported: &sum})
}
