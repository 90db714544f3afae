package web

import (
	"net/http"
	"net/url"
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
// after signing in must not lead elsewhere. Browsers drop tabs and line
// breaks from a Location and read a backslash as a slash, so any control
// character or backslash is refused, as is anything with a scheme or a
// host.
func localPath(next string) string {
	if next == "" || next[0] != '/' || len(next) > 2000 {
		return "/"
	}
	for i := 0; i < len(next); i++ {
		if c := next[i]; c < 0x20 || c == 0x7f || c == '\\' {
			return "/"
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || strings.HasPrefix(next, "//") {
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
