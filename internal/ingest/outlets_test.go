package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/storyline/storyline/internal/extract"
	"github.com/storyline/storyline/internal/store/sqlite"
)

// outletPage is a news page whose head declares meta and canonical URL url,
// with an article of its own (lead) inside navigation and a footer.
const outletPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Council approves plans for the %[3]s</title>
%[1]s
<meta property="article:published_time" content="2026-11-17T09:30:00Z">
<link rel="canonical" href="%[2]s">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main><article><h1>Council approves plans for the %[3]s</h1>
<p>%[4]s</p>
<p>The council voted eleven to four after a debate that lasted most of the evening, and work on the %[3]s is to start in the spring.</p>
<p>Residents asked for the timetable to be published before any contract is signed, and the council agreed.</p>
</article></main>
<footer><p>&copy; 2026. All rights reserved.</p></footer>
</body></html>`

// TestImportedPagesGetOutletNames imports pages whose declared site name
// is no name — a copyright line, a list of sections, a profile URL, a
// generic word, a dateline, a handle, a slogan after the name — as
// `storyline import` does, and checks each article's outlet: the best
// other evidence, else the host.
func TestImportedPagesGetOutletNames(t *testing.T) {
	tests := []struct {
		name, meta, url, lead, want string
	}{
		{"copyright-line", `<meta property="og:site_name" content="Copyright 2026">`,
			"https://www.northpost.example/news/bridge", "The old bridge over the Mell will close for repairs on Monday, sending traffic through Arnside.",
			"northpost.example"},
		{"section-list", `<meta property="og:site_name" content="Racing | Rally | Karting | Touring">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Council approves plans for the rally",
"publisher":{"@type":"Organization","name":"Grid Weekly"}}</script>`,
			"https://gridweekly.example/news/rally", "Local driver Tessa Krall won the Harrow Forest rally on Sunday by eleven seconds.",
			"Grid Weekly"},
		{"profile-url", `<meta property="og:site_name" content="https://www.facebook.com/RiverTimes">`,
			"https://rivertimes.example/news/flood", "River levels in Dunmere fell overnight after two days of flooding.",
			"rivertimes.example"},
		{"generic-word", `<meta property="og:site_name" content="Hosted">
<meta name="application-name" content="Wire Desk">`,
			"https://hosted.wiredesk.example/news/vote", "Voters in the Pellham district backed a new library in Thursday's referendum.",
			"Wire Desk"},
		{"dateline", `<meta property="og:site_name" content="U.S.">`,
			"https://www.dispatch.example/news/budget", "The state's lawmakers passed a budget on Wednesday that raises school spending.",
			"dispatch.example"},
		{"handle", `<meta property="og:site_name" content="@eveningstar">`,
			"https://eveningstar.example/news/fair", "The county fair opened on Saturday with a record number of livestock entries.",
			"eveningstar.example"},
		{"tagline", `<meta property="og:site_name" content="Hill Chronicle | Everything that matters in the hills, every day">`,
			"https://hillchronicle.example/news/road", "Work on the hill road between Carrow and Lisk will begin in April.",
			"Hill Chronicle"},
	}
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.Open(ctx, filepath.Join(dir, "s.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var files []string
	for _, tt := range tests {
		f := filepath.Join(dir, tt.name+".html")
		if err := os.WriteFile(f, fmt.Appendf(nil, outletPage, tt.meta, tt.url, tt.name, tt.lead), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	im := &Importer{Store: db, Builder: Builder{Extractor: extract.New(extract.Options{})}, Workers: 1}
	if rep, err := im.Import(ctx, files); err != nil || rep.Added != len(tests) {
		t.Fatalf("import: %+v, %v", rep, err)
	}
	for _, tt := range tests {
		a, err := db.ArticleByURL(ctx, tt.url)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if a.Source != tt.want {
			t.Errorf("%s: outlet %q, want %q", tt.name, a.Source, tt.want)
		}
	}
}
