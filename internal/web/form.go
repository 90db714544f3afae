package web

import (
	"net/http"
	"strings"

	"github.com/storyline/storyline"
)

// maxFormBytes caps the body of an ordinary form.
const maxFormBytes = 64 << 10

// parseForm reads a form body of at most maxFormBytes.
func parseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		return storyline.Errorf(storyline.EINVALID, "form: %v", err)
	}
	return nil
}

// localPath returns next if it is a path on this site, else "/": redirects
// after signing in must not lead elsewhere.
func localPath(next string) string {
	if next == "" || next[0] != '/' || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") ||
		strings.ContainsAny(next, "\r\n") {
		return "/"
	}
	return next
}

// backTo is where to go after a form that changes nothing visible: the
// page the form was on, when it is on this site.
func backTo(r *http.Request) string {
	ref := r.Referer()
	if ref == "" {
		return "/"
	}
	if i := strings.Index(ref, "://"); i >= 0 {
		rest := ref[i+3:]
		host, p, _ := strings.Cut(rest, "/")
		if !strings.EqualFold(host, r.Host) {
			return "/"
		}
		return localPath("/" + p)
	}
	return localPath(ref)
}
