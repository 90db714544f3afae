package importer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/storyline/storyline/internal/timeparse"
)

// record is one article object in a JSON or JSON Lines file. Common
// alternative names are accepted for each field.
type record struct {
	URL         string   `json:"url"`
	Link        string   `json:"link"`
	Title       string   `json:"title"`
	Headline    string   `json:"headline"`
	Text        string   `json:"text"`
	Content     string   `json:"content"`
	Body        string   `json:"body"`
	HTML        string   `json:"html"`
	ContentType string   `json:"content_type"`
	Published   flexTime `json:"published"`
	PublishedAt flexTime `json:"published_at"`
	Date        flexTime `json:"date"`
	Source      flexName `json:"source"`
	Outlet      flexName `json:"outlet"`
	Author      flexName `json:"author"`
	Byline      string   `json:"byline"`
	Language    string   `json:"language"`
	Lang        string   `json:"lang"`
	InLanguage  string   `json:"inLanguage"`
	Image       flexURL  `json:"image"`
	ImageURL    string   `json:"image_url"`
	Thumbnail   flexURL  `json:"thumbnail"`
}

// document converts the record, checking that it has content.
func (r *record) document(origin string) (*Document, error) {
	d := &Document{
		Origin:      origin,
		URL:         strings.TrimSpace(first(r.URL, r.Link)),
		Title:       strings.TrimSpace(first(r.Title, r.Headline)),
		Text:        strings.TrimSpace(first(r.Text, r.Content, r.Body)),
		ContentType: r.ContentType,
		Published:   firstTime(r.Published.Time, r.PublishedAt.Time, r.Date.Time),
		Source:      strings.TrimSpace(first(string(r.Source), string(r.Outlet))),
		Author:      strings.TrimSpace(first(string(r.Author), r.Byline)),
		ImageURL:    strings.TrimSpace(first(string(r.Image), r.ImageURL, string(r.Thumbnail))),
	}
	if tag := strings.TrimSpace(first(r.Language, r.Lang, r.InLanguage)); tag != "" {
		lang, err := language.Parse(tag)
		if err != nil {
			return nil, fmt.Errorf(`"language" %q is not a language tag such as "de" or "pt-BR"`, tag)
		}
		d.Language = lang.String()
	}
	if strings.TrimSpace(r.HTML) != "" {
		d.HTML = []byte(r.HTML)
		if d.Text != "" {
			// Both given: the HTML is the fuller source; the text is a
			// fallback only, so prefer the page.
			d.Text = ""
		}
	}
	if d.Text == "" && d.HTML == nil {
		return nil, errors.New(`no "text" or "html" field with content`)
	}
	return d, nil
}

func first(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func firstTime(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// decodeJSON emits the articles of a .json file: an array of objects, one
// object, or an object with an "articles" or "items" array. A JSON Feed
// (an object whose top-level "version" is a jsonfeed.org URL) is decoded
// as a feed instead.
func (d Decoder) decodeJSON(path string, emit func(Item)) error {
	data, err := readFile(path, d.maxBytes())
	if err != nil {
		return err
	}
	if looksLikeJSONFeed(data) {
		return emitFeed(path, data, emit)
	}
	text, err := utf8Text(data)
	if err != nil {
		return err
	}
	var raw json.RawMessage
	if err := json.Unmarshal([]byte(text), &raw); err != nil {
		return fmt.Errorf("invalid JSON: %w", err)
	}
	raw = bytes.TrimSpace(raw)
	var elems []json.RawMessage
	switch {
	case len(raw) > 0 && raw[0] == '[':
		if err := json.Unmarshal(raw, &elems); err != nil {
			return fmt.Errorf("invalid JSON array: %w", err)
		}
	case len(raw) > 0 && raw[0] == '{':
		var wrapper struct {
			Version  any               `json:"version"`
			Articles []json.RawMessage `json:"articles"`
			Items    []json.RawMessage `json:"items"`
		}
		_ = json.Unmarshal(raw, &wrapper) // a plain article object has neither
		if v, ok := wrapper.Version.(string); ok && isJSONFeedVersion(v) {
			// A JSON Feed whose version comes too late for the sniff.
			return emitFeed(path, []byte(text), emit)
		}
		switch {
		case wrapper.Articles != nil:
			elems = wrapper.Articles
		case wrapper.Items != nil:
			elems = wrapper.Items
		default:
			elems = []json.RawMessage{raw}
		}
	default:
		return errors.New("JSON is not an object or an array of objects")
	}
	if len(elems) == 0 {
		return errors.New("no articles in the JSON")
	}
	for i, e := range elems {
		origin := fmt.Sprintf("%s: item %d", path, i+1)
		emit(decodeRecord(origin, e))
	}
	return nil
}

// decodeRecord decodes one article object.
func decodeRecord(origin string, data []byte) Item {
	var r record
	if err := json.Unmarshal(data, &r); err != nil {
		return Item{Err: inputErr(origin, fmt.Errorf("invalid article object: %w", err))}
	}
	doc, err := r.document(origin)
	if err != nil {
		return Item{Err: inputErr(origin, err)}
	}
	return Item{Doc: doc}
}

// decodeJSONLines emits one article per non-blank line. The file is
// streamed, so it may be of any size; each line is capped at MaxBytes.
func (d Decoder) decodeJSONLines(path string, emit func(Item)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		zr, err := gzipReader(f)
		if err != nil {
			return err
		}
		defer zr.Close()
		r = zr
	}
	br := bufio.NewReaderSize(r, 64<<10)
	max := d.maxBytes()
	lineNo, records := 0, 0
	for {
		line, err := readLine(br, max)
		if line == nil && errors.Is(err, io.EOF) {
			break
		}
		lineNo++
		origin := fmt.Sprintf("%s:%d", path, lineNo)
		if errors.Is(err, ErrTooLarge) {
			emit(Item{Err: inputErr(origin, err)})
			continue
		}
		if err != nil && !errors.Is(err, io.EOF) {
			if errors.Is(err, io.ErrUnexpectedEOF) {
				err = fmt.Errorf("truncated gzip data: %w", err)
			}
			return inputErr(origin, err)
		}
		if trimmed := bytes.TrimSpace(line); len(trimmed) > 0 {
			if records == 0 {
				if looksBinary(trimmed) {
					return ErrBinary
				}
				trimmed = bytes.TrimPrefix(trimmed, []byte("\xef\xbb\xbf"))
			}
			records++
			if !utf8.Valid(trimmed) {
				emit(Item{Err: inputErr(origin, ErrEncoding)})
			} else {
				emit(decodeRecord(origin, trimmed))
			}
		}
		if err != nil { // io.EOF after a last line without a newline
			break
		}
	}
	if records == 0 {
		return ErrEmpty
	}
	return nil
}

// readLine reads one line without its line ending. It returns io.EOF with
// the last line when that has no newline, and nil, io.EOF at the end. A
// line longer than max is skipped to its end and reported with ErrTooLarge.
func readLine(br *bufio.Reader, max int64) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if int64(len(line)+len(chunk)) > max+1 {
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
			if err != nil && !errors.Is(err, io.EOF) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: line over %d bytes", ErrTooLarge, max)
		}
		line = append(line, chunk...)
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && len(line) == 0:
			return nil, io.EOF
		case err != nil && !errors.Is(err, io.EOF):
			return nil, err
		}
		return bytes.TrimRight(line, "\r\n"), err
	}
}

// flexName is a name given as a string or as an object with a "name".
type flexName string

// UnmarshalJSON implements json.Unmarshaler.
func (n *flexName) UnmarshalJSON(data []byte) error {
	if bytes.Equal(data, []byte("null")) {
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err == nil {
		*n = flexName(s)
		return nil
	}
	var obj struct {
		Name string `json:"name"`
		Text string `json:"title"`
	}
	if err := json.Unmarshal(data, &obj); err != nil {
		return errors.New("want a string or an object with a name")
	}
	*n = flexName(first(obj.Name, obj.Text))
	return nil
}

// flexURL is a URL given as a string, an object with a "url" (as a
// JSON-LD ImageObject or a JSON Feed's attachment), or a list of either
// (the first is taken).
type flexURL string

// UnmarshalJSON implements json.Unmarshaler.
func (u *flexURL) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err == nil {
		*u = flexURL(s)
		return nil
	}
	var obj struct {
		URL        string `json:"url"`
		ContentURL string `json:"contentUrl"`
	}
	if err := json.Unmarshal(data, &obj); err == nil {
		*u = flexURL(first(obj.URL, obj.ContentURL))
		return nil
	}
	var list []json.RawMessage
	if err := json.Unmarshal(data, &list); err != nil {
		return errors.New("want a URL, an object with a url, or a list of them")
	}
	for _, e := range list {
		var v flexURL
		if json.Unmarshal(e, &v) == nil && v != "" {
			*u = v
			return nil
		}
	}
	return nil
}

// flexTime is a time given as a date string in a common format, or as Unix
// seconds or milliseconds.
type flexTime struct{ time.Time }

// UnmarshalJSON implements json.Unmarshaler.
func (t *flexTime) UnmarshalJSON(data []byte) error {
	if bytes.Equal(data, []byte("null")) {
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		var n json.Number
		if err := json.Unmarshal(data, &n); err != nil {
			return errors.New("want a date string or a Unix time")
		}
		s = n.String()
	}
	parsed, err := timeparse.Parse(s)
	if err != nil {
		return err
	}
	t.Time = parsed
	return nil
}
