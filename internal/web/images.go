package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"github.com/storyline/storyline"
)

// imageMaxAge is how long browsers and caches keep an image: a year. The
// URL carries the hash of the renditions, so a new image of the article
// has a new URL and what is kept never goes stale.
const imageMaxAge = "max-age=31536000, immutable"

// imageURL is the URL of the size rendition of a kept image, for pages:
// /images/{articleID}/{hash}/{size}.jpg. It is "" for a zero ref (an
// article without a kept image).
func imageURL(ref storyline.ImageRef, size storyline.ImageSize) string {
	if ref.ArticleID <= 0 || ref.Hash == "" {
		return ""
	}
	return "/images/" + strconv.FormatInt(ref.ArticleID, 10) + "/" + ref.Hash + "/" + string(size) + ".jpg"
}

// image serves GET /images/{id}/{hash}/{file}: the rendition file names
// (thumb.jpg or page.jpg) of article id's kept image, as JPEG, kept for a
// year by browsers (public on a site visitors may read, private on one
// they may not) and answered 304 to If-None-Match its hash.
//
// A hash that is not the image's current one — a page kept from before
// the article's image changed — is redirected (302, not kept) to the
// current image's URL, so that an old page still shows the image. An
// article without a kept image, an unknown rendition or a malformed hash
// is 404; an id that is not a positive number is the site's usual 400.
func (s *Server) image(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "id", "article")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	hash := r.PathValue("hash")
	size, ok := imageSize(r.PathValue("file"))
	if !ok || !validImageHash(hash) {
		s.fail(w, r, storyline.Errorf(storyline.ENOTFOUND, "no such image"))
		return
	}
	img, err := s.store.Image(r.Context(), id, size)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if img.Hash != hash {
		w.Header().Set("Cache-Control", "no-cache")
		http.Redirect(w, r, imageURL(storyline.ImageRef{ArticleID: id, Hash: img.Hash}, size), http.StatusFound)
		return
	}
	set, err := s.currentSettings(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	scope := "private, "
	if set.PublicReading {
		scope = "public, "
	}
	h := w.Header()
	h.Set("Content-Type", "image/jpeg")
	h.Set("Cache-Control", scope+imageMaxAge)
	h.Set("ETag", `"`+img.Hash+`"`)
	// ServeContent answers If-None-Match (304), HEAD and ranges.
	http.ServeContent(w, r, "", img.FetchedAt, bytes.NewReader(img.Data))
}

// imageSize returns the rendition a file name asks for: thumb.jpg or
// page.jpg.
func imageSize(file string) (storyline.ImageSize, bool) {
	switch size := storyline.ImageSize(strings.TrimSuffix(file, ".jpg")); {
	case !strings.HasSuffix(file, ".jpg"):
		return "", false
	case size == storyline.ImageThumb, size == storyline.ImagePage:
		return size, true
	}
	return "", false
}

// validImageHash reports whether hash has the form of an image's hash:
// 16 lower-case hex digits.
func validImageHash(hash string) bool {
	if len(hash) != 16 {
		return false
	}
	for _, c := range []byte(hash) {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
