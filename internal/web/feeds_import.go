package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"

	"github.com/storyline/storyline"
)

// maxOPMLBytes is the largest OPML file accepted for import.
const maxOPMLBytes = 5 << 20

// opmlUpload is the OPML import's file field and limits.
var opmlUpload = uploadForm{what: "OPML import", field: "file", maxBytes: maxOPMLBytes, maxFiles: 1}

// postFeedsImport subscribes to the feeds of an uploaded OPML file (a
// multipart form with the file in "file") and shows the feeds page with
// what happened, the feeds that failed listed with the reason;
// administrators only. The page is shown, not redirected to, so that the
// list (addresses from the file) never comes from a link.
func (s *Server) postFeedsImport(w http.ResponseWriter, r *http.Request) {
	if !s.adminIngester(w, r) {
		return
	}
	files, err := opmlUpload.read(w, r)
	var sum OPMLSummary
	if err == nil {
		sum, err = s.cfg.Ingester.ImportOPML(r.Context(), bytes.NewReader(files[0].Data))
	}
	if err != nil {
		s.feedsFormError(w, r, feedsView{}, err)
		return
	}
	s.log.Info("OPML imported", "added", sum.Added, "existing", sum.Existing, "failed", len(sum.Failed), "by", userFrom(r.Context()).Name)
	v := feedsView{Notice: sum.notice()}
	if err := s.loadFeedRows(r.Context(), &v); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "feeds", "Feeds", opmlView{feedsView: v, summary: &sum})
}

// notice is the sentence the feeds page shows after an OPML import.
func (sum OPMLSummary) notice() string {
	msg := fmt.Sprintf("OPML imported: %s added, %d already subscribed", plural(sum.Added, "feed"), sum.Existing)
	if len(sum.Failed) > 0 {
		return msg + fmt.Sprintf(", %d failed:", len(sum.Failed))
	}
	return msg + "."
}

// opmlView is the feeds page just after an OPML import.
type opmlView struct {
	feedsView
	summary *OPMLSummary
}

// OPMLImported is the OPML import just done, for the page's list of the
// feeds that failed.
func (v opmlView) OPMLImported() *OPMLSummary { return v.summary }

// OPMLImported is nil: the page shows no OPML import (see opmlView).
func (feedsView) OPMLImported() *OPMLSummary { return nil }

// adminIngester lets administrators through when the server has an
// ingester; otherwise it answers the request itself and returns false.
func (s *Server) adminIngester(w http.ResponseWriter, r *http.Request) bool {
	if !s.adminOnly(w, r) {
		return false
	}
	if s.cfg.Ingester == nil {
		s.feedsFormError(w, r, feedsView{}, storyline.Errorf(storyline.EINVALID, noIngesterMessage))
		return false
	}
	return true
}

// uploadForm describes the files a multipart form sends: the field they
// come in, and limits.
type uploadForm struct {
	what     string // begins every error, e.g. "OPML import"
	field    string
	maxBytes int64 // of one file, and of all of them together
	maxFiles int
}

// read returns the files sent in u's field of r's multipart form, in
// order; other fields are skipped, and so is a file input left empty.
// The body is capped at maxBytes and an ordinary form besides.
func (u uploadForm) read(w http.ResponseWriter, r *http.Request) ([]UploadedFile, error) {
	r.Body = http.MaxBytesReader(w, r.Body, u.maxBytes+maxFormBytes)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, u.errorf("send the file as a multipart/form-data form (%v)", err)
	}
	var files []UploadedFile
	for {
		f, err := u.next(mr)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(files) == u.maxFiles {
			return nil, u.errorf("at most %d files at once, please", u.maxFiles)
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		return nil, u.errorf("choose a file first")
	}
	return files, nil
}

// next returns the next file in u's field, skipping other fields and
// file inputs left empty; io.EOF when there are no more.
func (u uploadForm) next(mr *multipart.Reader) (UploadedFile, error) {
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return UploadedFile{}, io.EOF
		}
		if err != nil {
			return UploadedFile{}, u.readError("reading the form", err)
		}
		if part.FormName() != u.field {
			continue
		}
		if f, err := u.readPart(part); err != nil || f.Name != "" || len(f.Data) > 0 {
			return f, err
		}
	}
}

// readPart reads one file of the form.
func (u uploadForm) readPart(part *multipart.Part) (UploadedFile, error) {
	f := UploadedFile{Name: part.FileName()}
	var err error
	f.Data, err = io.ReadAll(io.LimitReader(part, u.maxBytes+1))
	switch {
	case err != nil:
		return f, u.readError(fmt.Sprintf("reading the file %q", f.Name), err)
	case int64(len(f.Data)) > u.maxBytes:
		return f, u.tooLarge()
	case len(f.Data) == 0 && f.Name != "":
		return f, u.errorf("the file %q is empty", f.Name)
	}
	return f, nil
}

// readError is the error for err met while doing what: the upload is
// too large, or the form is broken.
func (u uploadForm) readError(what string, err error) error {
	if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
		return u.tooLarge()
	}
	return u.errorf("%s: %v", what, err)
}

// tooLarge is the error for an upload over the limit.
func (u uploadForm) tooLarge() error {
	if u.maxFiles == 1 {
		return u.errorf("the file is larger than %d MB", u.maxBytes>>20)
	}
	return u.errorf("the files are larger than %d MB in all", u.maxBytes>>20)
}

// errorf returns an EINVALID error beginning with u.what.
func (u uploadForm) errorf(format string, args ...any) error {
	return storyline.Errorf(storyline.EINVALID, "%s: %s", u.what, fmt.Sprintf(format, args...))
}
