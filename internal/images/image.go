package images

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"golang.org/x/image/webp"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/fetch"
	"github.com/storyline/storyline/internal/imaging"
)

// fetch fetches and scales t's image and returns the record to save: the
// renditions, or Err saying in plain words, after the URL, why there are
// none. retry reports a failure that may pass (the image should stay
// pending), with the wait the server asked for, if any.
func (f *Fetcher) fetch(ctx context.Context, t storyline.ImageTask) (img *storyline.ArticleImage, retry bool, retryAfter time.Duration) {
	img = &storyline.ArticleImage{ArticleID: t.ArticleID, SourceURL: t.URL}
	resp, err := f.cfg.Client.Get(ctx, fetch.Request{URL: t.URL, Accept: acceptImages})
	if err != nil {
		words, passing, after := fetchFailure(err)
		img.Err = t.URL + ": " + words
		return img, passing, after
	}
	if err := f.check(resp); err != nil {
		img.Err = t.URL + ": " + err.Error()
		return img, false, 0
	}
	res, err := imaging.Process(resp.Body, f.cfg.Limits)
	if err != nil {
		var ie *imaging.Error
		if errors.As(err, &ie) {
			img.Err = t.URL + ": " + ie.Error()
		} else {
			img.Err = t.URL + ": could not be scaled: " + err.Error()
		}
		return img, false, 0
	}
	img.Thumb, img.ThumbWidth, img.ThumbHeight = res.Thumb.Data, res.Thumb.Width, res.Thumb.Height
	img.Page, img.PageWidth, img.PageHeight = res.Page.Data, res.Page.Width, res.Page.Height
	img.FetchedAt = f.cfg.Now()
	return img, false, 0
}

// check refuses, before anything is decoded, a response that is clearly
// no image (by its Content-Type), an empty one, and an image whose header
// declares a side shorter than MinSide.
func (f *Fetcher) check(resp *fetch.Response) error {
	if what, refused := notImage(resp.ContentType); refused {
		return fmt.Errorf("the server sent %s, not an image", what)
	}
	if len(resp.Body) == 0 {
		return errors.New("the server sent an empty body, not an image")
	}
	if f.cfg.MinSide <= 0 {
		return nil
	}
	// The sides' order does not matter, so EXIF orientation does not.
	if w, h, ok := declaredSize(resp.Body); ok && w > 0 && h > 0 && (w < f.cfg.MinSide || h < f.cfg.MinSide) {
		return fmt.Errorf("image is %d×%d px, smaller than the %d px a lead image needs on each side (an icon, a spacer or a tracking pixel)", w, h, f.cfg.MinSide)
	}
	return nil
}

// declaredSize returns the size an image's header declares, when it is
// of a type imaging accepts and its header reads.
func declaredSize(data []byte) (w, h int, ok bool) {
	var config func(io.Reader) (image.Config, error)
	switch imaging.Sniff(data) {
	case imaging.JPEG:
		config = jpeg.DecodeConfig
	case imaging.PNG:
		config = png.DecodeConfig
	case imaging.GIF:
		config = gif.DecodeConfig
	case imaging.WebP:
		config = webp.DecodeConfig
	default:
		return 0, 0, false
	}
	c, err := config(bytes.NewReader(data))
	if err != nil {
		return 0, 0, false // Process says what is wrong
	}
	return c.Width, c.Height, true
}

// notImage reports whether a Content-Type is clearly no image — a page,
// a feed, JSON, a script, audio, video, a document — and names it. An
// absent, unknown or generic type (application/octet-stream) is not
// refused: the bytes decide.
func notImage(contentType string) (what string, refused bool) {
	if strings.TrimSpace(contentType) == "" {
		return "", false
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return "", false
	}
	top, sub, _ := strings.Cut(mt, "/")
	switch {
	case top == "text", top == "audio", top == "video", top == "font", top == "multipart", top == "message", top == "model":
		return mt, true
	case top != "application":
		return "", false
	case strings.HasSuffix(sub, "+xml"), strings.HasSuffix(sub, "+json"):
		return mt, true
	}
	switch sub {
	case "json", "xml", "javascript", "x-javascript", "ecmascript", "pdf", "zip", "gzip", "x-gzip", "wasm":
		return mt, true
	}
	return "", false
}

// fetchFailure says in plain words why a fetch failed, whether the
// failure may pass (a timeout, a refused connection, a rate limit, a
// server error), and how long the server asked to wait.
func fetchFailure(err error) (words string, passing bool, retryAfter time.Duration) {
	var fe *fetch.Error
	if !errors.As(err, &fe) {
		return "could not be fetched: " + err.Error(), true, 0
	}
	switch fe.Kind {
	case fetch.KindTimeout:
		return "could not be reached: no answer in time", true, 0
	case fetch.KindRefused:
		return "could not be reached: the connection was refused", true, 0
	case fetch.KindDNS:
		return "could not be reached: its host name does not resolve", true, 0
	case fetch.KindRateLimited:
		return "the server asked to slow down", true, fe.RetryAfter
	case fetch.KindStatus, fetch.KindNotFound, fetch.KindGone:
		return "the server answered " + statusWords(fe.Status), passingStatus(fe.Status), fe.RetryAfter
	case fetch.KindRobots:
		if robotsUnavailable(fe) {
			// The host's robots.txt answered 5xx or could not be read:
			// everything on the host is off limits for a while.
			return "the site's robots.txt could not be read", true, 0
		}
		return "the site's robots.txt does not allow fetching it", false, 0
	case fetch.KindBlocked:
		return "the address is on a private network, which is refused unless allowed (--allow-private)", false, 0
	case fetch.KindTooLarge:
		return "image is too large (" + cause(fe, "over the size allowed") + ")", false, 0
	case fetch.KindRedirects:
		return "could not be fetched: " + cause(fe, "too many redirects"), false, 0
	case fetch.KindTLS:
		return "could not be reached: its secure connection (TLS) failed", false, 0
	case fetch.KindInvalid:
		return "not a web address the image can be fetched from", false, 0
	default: // KindNetwork, KindCanceled
		return "could not be reached: " + cause(fe, "network error"), true, 0
	}
}

// passingStatus reports whether an HTTP status is a failure that may
// pass: a server error, 408 or 429.
func passingStatus(code int) bool {
	return code >= 500 || code == http.StatusRequestTimeout || code == http.StatusTooManyRequests
}

// robotsUnavailable reports whether a KindRobots failure is robots.txt
// failing to load (5xx or unreachable, which fetch treats as disallowing
// the host for a while) rather than it disallowing the URL.
func robotsUnavailable(fe *fetch.Error) bool {
	return fe.Err != nil && strings.HasPrefix(fe.Err.Error(), "robots.txt unavailable")
}

// cause returns fe's underlying error as text, or fallback.
func cause(fe *fetch.Error, fallback string) string {
	if fe.Err != nil {
		return fe.Err.Error()
	}
	return fallback
}

// statusWords is an HTTP status in words: "404 (not found)".
func statusWords(code int) string {
	if t := http.StatusText(code); t != "" {
		return fmt.Sprintf("%d (%s)", code, strings.ToLower(t))
	}
	return fmt.Sprint(code)
}
