package appitems

import (
	"html"
	"slices"
	"strconv"
	"strings"

	"github.com/storyline/storyline"
)

// report is one outlet's report of a story, with the syndicated copies
// of it that other outlets ran.
type report struct {
	storyline.TimelineEntry
	copies []string // the outlets of its copies
}

// reports groups a timeline's articles into reports, in its order (of
// publication): each syndicated copy goes with its original, and stands
// as a report of its own only when its original is not in the story.
func reports(timeline []storyline.TimelineEntry) ([]*report, map[int64]int) {
	number := make(map[int64]int, len(timeline)) // article ID → 1-based report number
	var list []*report
	inStory := make(map[int64]bool, len(timeline))
	for _, e := range timeline {
		inStory[e.ArticleID] = true
	}
	for _, e := range timeline {
		if e.CopyOf == 0 || !inStory[e.CopyOf] {
			list = append(list, &report{TimelineEntry: e})
			number[e.ArticleID] = len(list)
		}
	}
	for _, e := range timeline {
		if e.CopyOf != 0 && inStory[e.CopyOf] {
			if n, ok := number[e.CopyOf]; ok {
				list[n-1].copies = append(list[n-1].copies, e.Source)
				number[e.ArticleID] = n
			}
		}
	}
	return list, number
}

// StoryHTML is the text of story st's item: its brief, each sentence
// citing the reports it is drawn from by number (or its summary when it
// has no brief), then the numbered list of its reports — headline
// linked to the outlet's page, outlet, date, the outlets that ran a copy
// of it and what only it reported — and a link to the story's page at
// storyURL ("" for none). A story's copies never make a report of their
// own, so no report shows twice.
func StoryHTML(st *storyline.Story, timeline []storyline.TimelineEntry, storyURL string) string {
	list, number := reports(timeline)
	var b strings.Builder
	writeBrief(&b, st, list, number)
	outlets := make(map[string]bool)
	for _, r := range list {
		outlets[r.Source] = true
		for _, c := range r.copies {
			outlets[c] = true
		}
	}
	if len(list) > 0 {
		b.WriteString("<p><strong>" + plural(len(list), "report") + " from " + plural(len(outlets), "outlet") + "</strong></p>\n<ol>\n")
		only := onlyHere(st.Brief)
		for _, r := range list {
			writeReport(&b, r, only[r.ArticleID])
		}
		b.WriteString("</ol>\n")
	}
	if storyURL != "" {
		b.WriteString(`<p><a href="` + html.EscapeString(storyURL) + `">The whole story on Storyline</a>: its timeline, the people, places and organisations in it, and comments.</p>` + "\n")
	}
	return b.String()
}

// writeBrief writes the brief's sentences as one paragraph, each with
// links to the reports it cites, in their order; the summary when there
// is no brief.
func writeBrief(b *strings.Builder, st *storyline.Story, list []*report, number map[int64]int) {
	if st.Brief == nil || len(st.Brief.Sentences) == 0 {
		if s := strings.TrimSpace(st.Summary); s != "" {
			b.WriteString("<p>" + html.EscapeString(s) + "</p>\n")
		}
		return
	}
	b.WriteString("<p>")
	for i, s := range st.Brief.Sentences {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString(html.EscapeString(s.Text))
		var cited []int
		for _, id := range s.ArticleIDs {
			if n, ok := number[id]; ok && !slices.Contains(cited, n) {
				cited = append(cited, n)
			}
		}
		if len(cited) == 0 {
			continue
		}
		slices.Sort(cited)
		b.WriteString("<sup>")
		for _, n := range cited {
			b.WriteString(`<a href="` + html.EscapeString(list[n-1].URL) + `">[` + strconv.Itoa(n) + `]</a>`)
		}
		b.WriteString("</sup>")
	}
	b.WriteString("</p>\n")
}

// onlyHere returns, by the article of an outlet's first report, what
// only that outlet reported, from the brief's coverage.
func onlyHere(br *storyline.Brief) map[int64][]string {
	out := map[int64][]string{}
	if br == nil {
		return out
	}
	for _, c := range br.Coverage {
		for _, p := range c.Points {
			out[c.ArticleID] = append(out[c.ArticleID], p.Text)
		}
	}
	return out
}

// writeReport writes one report as an item of the list.
func writeReport(b *strings.Builder, r *report, only []string) {
	title := html.EscapeString(r.Title)
	if title == "" {
		title = html.EscapeString(r.URL)
	}
	b.WriteString("<li>")
	if r.URL != "" {
		b.WriteString(`<a href="` + html.EscapeString(r.URL) + `">` + title + "</a>")
	} else {
		b.WriteString(title)
	}
	b.WriteString(" — " + html.EscapeString(r.Source))
	if !r.Published.IsZero() {
		b.WriteString(", " + r.Published.UTC().Format("2 Jan 2006 15:04 UTC"))
	}
	if len(r.copies) > 0 {
		b.WriteString(" (also run by " + html.EscapeString(strings.Join(r.copies, ", ")) + ")")
	}
	if len(only) > 0 {
		b.WriteString("<br><small>Only here: " + html.EscapeString(strings.Join(only, " ")) + "</small>")
	}
	b.WriteString("</li>\n")
}

// plural is "1 report", "2 reports".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
