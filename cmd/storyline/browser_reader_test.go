package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// stepTimeout bounds each step of a browser test, so that one that
// waits for what never comes fails with its name.
const stepTimeout = time.Minute

// browserSession is a browser driven by a test, with where its
// screenshots go.
type browserSession struct {
	t     *testing.T
	ctx   context.Context
	shots string
}

// newBrowserSession starts chromium for t (skipping the test without
// it, as TestBrowser does), at desktop width; it stops with the test.
func newBrowserSession(t *testing.T) *browserSession {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test: not in -short mode")
	}
	browser := chromiumPath()
	if browser == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium not found: CI must install it (apt-get install chromium)")
		}
		t.Skip("chromium not found; set STORYLINE_CHROMIUM or apt-get install chromium")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser),
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(browserProfile(t)),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc() })
	// Start the browser now: the steps' shorter contexts must not be
	// the ones it lives in.
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return &browserSession{t: t, ctx: ctx, shots: artifactsDir(t)}
}

// step runs actions, failing the test with the page's address and body
// when they fail.
func (b *browserSession) step(name string, actions ...chromedp.Action) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Run(ctx, actions...); err != nil {
		var loc, html string
		_ = chromedp.Run(b.ctx, chromedp.Location(&loc), chromedp.OuterHTML("body", &html, chromedp.ByQuery))
		b.t.Fatalf("%s: %v\nat %s\n%.3000s", name, err, loc, html)
	}
}

// screenshot checks the page's accessibility basics and saves it at
// phone and desktop widths as name-phone.png and name-desktop.png.
func (b *browserSession) screenshot(name string) {
	b.t.Helper()
	checkAccessible(b.t, b.ctx, name)
	for _, w := range []struct {
		label         string
		width, height int64
		mobile        bool
	}{{"phone", 390, 844, true}, {"desktop", 1280, 900, false}} {
		var png []byte
		b.step("screenshot "+name+" "+w.label,
			chromedp.EmulateViewport(w.width, w.height, chromedp.EmulateScale(1), emulateMobile(w.mobile)),
			chromedp.FullScreenshot(&png, 100),
		)
		if err := os.WriteFile(filepath.Join(b.shots, fmt.Sprintf("%s-%s.png", name, w.label)), png, 0o644); err != nil {
			b.t.Fatal(err)
		}
	}
	b.step("back to desktop", chromedp.EmulateViewport(1280, 900))
}

// setUp creates the administrator on a new site at base and uploads
// article files on the feeds page, as TestBrowser does.
func (b *browserSession) setUp(base string, files ...string) {
	b.t.Helper()
	b.step("create the administrator",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(`#confirm`, chromedp.ByQuery),
		chromedp.SendKeys(`#name`, "reader", chromedp.ByQuery),
		chromedp.SendKeys(`#password`, "a long password", chromedp.ByQuery),
		chromedp.SendKeys(`#confirm`, "a long password", chromedp.ByQuery),
		chromedp.Submit(`#confirm`, chromedp.ByQuery),
		chromedp.WaitVisible(`form[action="/logout"]`, chromedp.ByQuery),
	)
	const fileInput = `input[type=file][name=files]`
	var summary string
	b.step("import the articles",
		chromedp.WaitVisible(fileInput, chromedp.ByQuery),
		chromedp.SetUploadFiles(fileInput, files, chromedp.ByQuery),
		chromedp.Submit(fileInput, chromedp.ByQuery),
		chromedp.WaitVisible(`#import-summary`, chromedp.ByQuery),
		chromedp.Text(`#import-summary`, &summary, chromedp.ByQuery),
	)
	if !strings.Contains(summary, "0 errors") {
		b.t.Fatalf("import: %s", summary)
	}
}

// navCount is the unread count by the navigation's link to href, 0 when
// it shows none.
func (b *browserSession) navCount(href string) int {
	b.t.Helper()
	var text string
	b.step("unread count of "+href, chromedp.Evaluate(
		`(() => { const c = document.querySelector('nav a[href="`+href+`"] .count'); return c ? c.textContent : "0"; })()`, &text))
	n, err := strconv.Atoi(strings.Fields(strings.Trim(text, "() unread"))[0])
	if err != nil {
		b.t.Fatalf("unread count of %s: %q", href, text)
	}
	return n
}

// recentArticles writes the end-to-end fixture's articles with their
// times moved to the last hours, so that they count as recent, and
// returns the file.
func recentArticles(t *testing.T) string {
	t.Helper()
	in, err := os.Open("testdata/e2e/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	var lines []map[string]any
	var last time.Time
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		p, _ := time.Parse(time.RFC3339, m["published"].(string))
		if p.After(last) {
			last = p
		}
		lines = append(lines, m)
	}
	shift := time.Until(last) * -1
	var out strings.Builder
	for _, m := range lines {
		p, _ := time.Parse(time.RFC3339, m["published"].(string))
		m["published"] = p.Add(shift - time.Hour).UTC().Format(time.RFC3339)
		b, _ := json.Marshal(m)
		out.Write(append(b, '\n'))
	}
	path := filepath.Join(t.TempDir(), "articles.jsonl")
	if err := os.WriteFile(path, []byte(out.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestBrowserReader walks through a reader's day in a real browser:
// unread counts fall as stories are opened, "mark all as read" empties
// the unread-only view, a saved story is on Saved, a followed hashtag
// makes For you, a muted outlet's stories leave Top. Each step's page is
// kept as a screenshot at phone and desktop widths.
func TestBrowserReader(t *testing.T) {
	b := newBrowserSession(t)
	base := startServer(t, t.TempDir())
	b.setUp(base, recentArticles(t))

	// Two stories, both unread; opening one leaves one.
	b.step("home", chromedp.Navigate(base+"/"), chromedp.WaitVisible(`[data-item][data-unread]`, chromedp.ByQuery))
	if n := b.navCount("/"); n != 2 {
		t.Fatalf("unread count at first: %d, want 2", n)
	}
	b.screenshot("reader-home")
	b.step("open the top story",
		chromedp.Click(`[data-item] [data-open]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#comments`, chromedp.ByQuery),
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(`[data-item].read`, chromedp.ByQuery),
	)
	if n := b.navCount("/"); n != 1 {
		t.Errorf("unread count after opening a story: %d, want 1", n)
	}
	b.screenshot("reader-home-one-read")

	// Unread only, then mark all as read: nothing is left.
	var cards int
	b.step("unread only",
		chromedp.Click(`a.switch`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-item][data-unread]`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("[data-item]").length`, &cards),
	)
	if cards != 1 {
		t.Errorf("unread only: %d stories, want 1", cards)
	}
	b.screenshot("reader-unread-only")
	var empty string
	b.step("mark all as read",
		chromedp.Click(`form[action="/read"] button`, chromedp.ByQuery),
		chromedp.WaitVisible(`.stories .empty`, chromedp.ByQuery),
		chromedp.Text(`.stories .empty`, &empty, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("[data-item]").length`, &cards),
	)
	if cards != 0 || !strings.Contains(empty, "Nothing unread") || b.navCount("/") != 0 {
		t.Errorf("after mark all as read: %d stories, %q, unread count %d", cards, empty, b.navCount("/"))
	}
	b.screenshot("reader-all-read")

	// Save the top story with its star, the other with the s key on its
	// page; both are on Saved.
	b.step("save with the star",
		chromedp.Navigate(base+"/"),
		chromedp.Click(`[data-item] form[data-save] button`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-item] form[data-save] button[aria-pressed="true"]`, chromedp.ByQuery),
	)
	var other string
	b.step("the other story", chromedp.AttributeValue(`[data-item]:nth-of-type(2) [data-open]`, "href", &other, nil, chromedp.ByQuery))
	b.step("save with the s key",
		chromedp.Navigate(base+other),
		chromedp.WaitVisible(`[data-page-item] form[data-save]`, chromedp.ByQuery),
		chromedp.KeyEvent("s"),
		chromedp.WaitVisible(`[data-page-item] button[aria-pressed="true"]`, chromedp.ByQuery),
	)
	b.step("the keys' help", chromedp.KeyEvent("?"), chromedp.WaitVisible(`dialog.keys-help`, chromedp.ByQuery))
	b.screenshot("reader-keys-help")
	var open bool
	b.step("Esc closes the help", chromedp.KeyEvent("\u001b"), chromedp.Sleep(200*time.Millisecond),
		chromedp.Evaluate(`document.querySelector("dialog.keys-help").open`, &open))
	if open {
		t.Error("Esc left the help open")
	}
	b.step("Saved",
		chromedp.Click(`nav a[href="/saved"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#saved-h`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("[data-item]").length`, &cards),
	)
	if cards != 2 {
		t.Errorf("Saved lists %d stories, want 2", cards)
	}
	b.screenshot("reader-saved")

	// Follow the dam story's hashtag: For you shows its story.
	var tag, empties string
	b.step("For you before following", chromedp.Navigate(base+"/foryou"), chromedp.Text(`main`, &empties, chromedp.ByQuery))
	if !strings.Contains(empties, "You follow nothing yet") {
		t.Errorf("For you without follows: %.500s", empties)
	}
	b.screenshot("reader-foryou-empty")
	b.step("find a hashtag",
		chromedp.Navigate(base+"/"),
		chromedp.AttributeValue(`[data-item] .tags a`, "href", &tag, nil, chromedp.ByQuery))
	b.step("follow it",
		chromedp.Navigate(base+tag),
		chromedp.Click(`form[action="/follows"] button`, chromedp.ByQuery),
		chromedp.WaitVisible(`form.toggle button[aria-pressed="true"]`, chromedp.ByQuery),
	)
	b.screenshot("reader-hashtag-followed")
	b.step("For you",
		chromedp.Click(`nav a[href="/foryou"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-item]`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("[data-item]").length`, &cards),
	)
	if cards == 0 {
		t.Errorf("For you after following %s is empty", tag)
	}
	b.screenshot("reader-foryou")

	// Mute the phone story's outlet: it leaves Top.
	var home string
	b.step("mute an outlet",
		chromedp.Navigate(base+"/outlets/Tech%20Ledger"),
		chromedp.Click(`form[action="/mutes"] button`, chromedp.ByQuery),
		chromedp.WaitVisible(`form.toggle button[aria-pressed="true"][aria-label^="Mute outlet"]`, chromedp.ByQuery),
	)
	b.screenshot("reader-outlet-muted")
	b.step("Top without it",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(`[data-item]`, chromedp.ByQuery),
		chromedp.Text(`.stories`, &home, chromedp.ByQuery),
	)
	if strings.Contains(home, "folding phone") || !strings.Contains(home, "Dam") {
		t.Errorf("Top after muting Tech Ledger: %.1000s", home)
	}
	b.screenshot("reader-home-muted")
	b.step("Settings", chromedp.Navigate(base+"/settings"), chromedp.WaitVisible(`#reading-h`, chromedp.ByQuery))
	b.screenshot("reader-settings")
	t.Logf("screenshots in %s", b.shots)
}
