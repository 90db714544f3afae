package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/storyline/storyline/internal/timeparse"
	"github.com/storyline/storyline/internal/urlx"
)

// futureSlack is how far in the future an entry's date may be before it
// is clamped to now.
const futureSlack = time.Hour

// entry converts the i-th item of the feed. It reports false for an item
// with no usable URL, no content and no title.
func (c *converter) entry(i int, it *gofeed.Item) (Entry, bool) {
	var e Entry
	link := strings.TrimSpace(it.Link)
	if link == "" && len(it.Links) > 0 {
		link = strings.TrimSpace(it.Links[0])
	}
	e.URL = urlx.Absolute(c.base, link)
	guid := strings.TrimSpace(it.GUID)
	if e.URL == "" {
		e.URL = urlx.Absolute(nil, guid)
	}
	e.Content, e.Summary = c.content(i, it)
	e.Title = plainText(it.Title)
	if e.URL == "" && e.Content == "" && e.Title == "" {
		return Entry{}, false
	}
	if e.Title == "" {
		e.Title = excerpt(plainText(e.Content))
	}
	e.GUID = guid
	if e.GUID == "" {
		e.GUID = e.URL
	}
	if u, err := url.Parse(link); e.GUID == "" && err == nil && u.Scheme == "" {
		e.GUID = link // relative, with nothing to resolve it against
	}
	if e.GUID == "" {
		sum := sha256.Sum256([]byte(e.Title + "\x00" + e.Content + "\x00" + it.Published))
		e.GUID = "sha256:" + hex.EncodeToString(sum[:16])
	}

	e.Author = personName(it.Authors, it.Author)
	if e.Author == "" {
		e.Author = c.feedAuthor
	}
	e.Published = parsedTime(it.PublishedParsed, it.Published)
	e.Updated = parsedTime(it.UpdatedParsed, it.Updated)
	if e.Published.IsZero() {
		e.Published = e.Updated
	}
	e.Published, e.Updated = c.clamp(e.Published), c.clamp(e.Updated)
	e.Categories = categories(it.Categories)
	e.ImageURL = c.image(it)
	return e, true
}

// content returns an item's HTML content and, when different, its HTML
// summary.
func (c *converter) content(i int, it *gofeed.Item) (content, summary string) {
	content, summary = strings.TrimSpace(it.Content), strings.TrimSpace(it.Description)
	switch {
	case c.src.atom != nil && i < len(c.src.atom.Entries) && c.src.atom.Entries[i] != nil:
		if ac := c.src.atom.Entries[i].Content; ac != nil {
			t := strings.ToLower(strings.TrimSpace(ac.Type))
			switch {
			case strings.Contains(t, "html"):
			case t == "" || t == "text" || strings.HasPrefix(t, "text/"):
				content = textToHTML(ac.Value)
			default: // an image or other media: nothing to show as text
				content = ""
			}
		}
	case c.src.json != nil && i < len(c.src.json.Items) && c.src.json.Items[i] != nil:
		ji := c.src.json.Items[i]
		content = strings.TrimSpace(ji.ContentHTML)
		if content == "" {
			content = textToHTML(ji.ContentText)
		}
		summary = textToHTML(ji.Summary)
	}
	if content == "" {
		content, summary = summary, ""
	}
	if summary == content {
		summary = ""
	}
	return content, summary
}

// parsedTime returns the parsed time in UTC, else the raw text parsed in
// one of the forms timeparse knows, else zero.
func parsedTime(parsed *time.Time, raw string) time.Time {
	if parsed != nil {
		return parsed.UTC()
	}
	if t, err := timeparse.Parse(raw); err == nil {
		return t.UTC()
	}
	return time.Time{}
}

// clamp returns now for a time more than futureSlack after now.
func (c *converter) clamp(t time.Time) time.Time {
	if !c.now.IsZero() && t.After(c.now.Add(futureSlack)) {
		return c.now.UTC()
	}
	return t
}

// categories returns the non-empty categories, trimmed, first occurrence
// of each.
func categories(in []string) []string {
	var out []string
	seen := make(map[string]bool, len(in))
	for _, cat := range in {
		if cat = collapseSpace(cat); cat != "" && !seen[cat] {
			seen[cat] = true
			out = append(out, cat)
		}
	}
	return out
}

// image returns the absolute URL of an item's image: its own image, an
// image enclosure, or a Media RSS thumbnail or image.
func (c *converter) image(it *gofeed.Item) string {
	var candidates []string
	if it.Image != nil {
		candidates = append(candidates, it.Image.URL)
	}
	for _, enc := range it.Enclosures {
		if enc != nil && strings.HasPrefix(strings.ToLower(enc.Type), "image/") {
			candidates = append(candidates, enc.URL)
		}
	}
	media := it.Extensions["media"]
	for _, m := range media["thumbnail"] {
		candidates = append(candidates, m.Attrs["url"])
	}
	for _, m := range media["content"] {
		if m.Attrs["medium"] == "image" || strings.HasPrefix(m.Attrs["type"], "image/") {
			candidates = append(candidates, m.Attrs["url"])
		}
	}
	for _, u := range candidates {
		if abs := urlx.Absolute(c.base, u); abs != "" {
			return abs
		}
	}
	return ""
}
