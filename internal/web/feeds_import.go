package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/storyline/storyline"
)

// maxOPMLBytes is the largest OPML file accepted for import.
const maxOPMLBytes = 5 << 20

// postFeedsImport subscribes to the feeds of an uploaded OPML file (a
// multipart form with the file in "file"); administrators only.
func (s *Server) postFeedsImport(w http.ResponseWriter, r *http.Request) {
	if !s.adminOnly(w, r) {
		return
	}
	if s.cfg.Ingester == nil {
		s.feedsFormError(w, r, feedsView{}, storyline.Errorf(storyline.EINVALID, noIngesterMessage))
		return
	}
	data, err := readUpload(w, r, "OPML import", "file", maxOPMLBytes)
	var added, existing int
	if err == nil {
		added, existing, err = s.cfg.Ingester.ImportOPML(r.Context(), bytes.NewReader(data))
	}
	if err != nil {
		s.feedsFormError(w, r, feedsView{}, err)
		return
	}
	s.log.Info("OPML imported", "added", added, "existing", existing, "by", userFrom(r.Context()).Name)
	http.Redirect(w, r, fmt.Sprintf("/feeds?done=imported&added=%d&existing=%d", added, existing), http.StatusSeeOther)
}

// readUpload returns the file sent in field of a multipart form, of at
// most limit bytes; other fields are skipped. Errors begin with what.
func readUpload(w http.ResponseWriter, r *http.Request, what, field string, limit int64) ([]byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, limit+maxFormBytes)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, storyline.Errorf(storyline.EINVALID, "%s: send the file as a multipart/form-data form (%v)", what, err)
	}
	tooLarge := storyline.Errorf(storyline.EINVALID, "%s: the file is larger than %d MB", what, limit>>20)
	for {
		part, err := mr.NextPart()
		var mbe *http.MaxBytesError
		switch {
		case errors.Is(err, io.EOF):
			return nil, storyline.Errorf(storyline.EINVALID, "%s: choose a file first", what)
		case errors.As(err, &mbe):
			return nil, tooLarge
		case err != nil:
			return nil, storyline.Errorf(storyline.EINVALID, "%s: reading the form: %v", what, err)
		}
		if part.FormName() != field {
			continue
		}
		data, err := io.ReadAll(io.LimitReader(part, limit+1))
		switch {
		case errors.As(err, &mbe) || int64(len(data)) > limit:
			return nil, tooLarge
		case err != nil:
			return nil, storyline.Errorf(storyline.EINVALID, "%s: reading the file: %v", what, err)
		case len(data) == 0 && part.FileName() == "":
			return nil, storyline.Errorf(storyline.EINVALID, "%s: choose a file first", what)
		case len(data) == 0:
			return nil, storyline.Errorf(storyline.EINVALID, "%s: the file %q is empty", what, part.FileName())
		}
		return data, nil
	}
}
