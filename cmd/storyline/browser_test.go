package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPath finds the browser for the end-to-end test:
// $STORYLINE_CHROMIUM, else Debian's chromium.
func chromiumPath() string {
	if p := os.Getenv("STORYLINE_CHROMIUM"); p != "" {
		return p
	}
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return ""
}

// artifactsDir is where screenshots go: $STORYLINE_ARTIFACTS (CI keeps
// it), else the test's temporary directory.
func artifactsDir(t *testing.T) string {
	dir := os.Getenv("STORYLINE_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	return dir
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServer runs `storyline serve` in-process on a free loopback port
// over data and returns its base URL; the server stops with the test.
func startServer(t *testing.T, data string) string {
	t.Helper()
	base, _ := startServerWith(t, data, nil)
	return base
}

// startServerWith is startServer with the environment env and more
// flags of serve; it also returns the server's log.
func startServerWith(t *testing.T, data string, env map[string]string, flags ...string) (string, *syncBuffer) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		args := append([]string{"--data", data, "serve", "--addr", addr, "--poll=false"}, flags...)
		done <- run(ctx, args, func(k string) string { return env[k] }, strings.NewReader(""), &stderr, &stderr)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exited %d: %s", code, stderr.String())
			}
		case <-time.After(20 * time.Second):
			t.Error("serve did not stop")
		}
	})
	base := "http://" + addr
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base, &stderr
			}
		}
	}
	t.Fatalf("serve did not come up: %s", stderr.String())
	return "", nil
}

// TestBrowser walks through Storyline in a real browser: first-run setup,
// an upload of article files on the feeds page, the top story with its
// two outlets, a comment, a search, dark mode; it saves screenshots of
// the feeds, home, story and article pages at phone and desktop widths.
func TestBrowser(t *testing.T) {
	b := newBrowserSession(t)
	base := startServer(t, t.TempDir())
	shots, step, screenshot := b.shots, b.step, b.screenshot

	// First run: the site asks for an administrator.
	var loc string
	step("setup",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(`#confirm`, chromedp.ByQuery),
		chromedp.Location(&loc),
	)
	if !strings.HasSuffix(loc, "/setup") {
		t.Fatalf("a new site opened %s, want /setup", loc)
	}
	step("create the administrator",
		chromedp.SendKeys(`#name`, "editor", chromedp.ByQuery),
		chromedp.SendKeys(`#password`, "a long password", chromedp.ByQuery),
		chromedp.SendKeys(`#confirm`, "a long password", chromedp.ByQuery),
		chromedp.Submit(`#confirm`, chromedp.ByQuery),
		chromedp.WaitVisible(`form[action="/logout"]`, chromedp.ByQuery),
	)

	// The administrator, now on the feeds page, uploads the fixture
	// articles.
	fixture, err := filepath.Abs("testdata/e2e/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	const fileInput = `input[type=file][name=files]`
	var summary string
	step("import the articles",
		chromedp.WaitVisible(fileInput, chromedp.ByQuery),
		chromedp.Location(&loc),
		chromedp.SetUploadFiles(fileInput, []string{fixture}, chromedp.ByQuery),
		chromedp.Submit(fileInput, chromedp.ByQuery),
		chromedp.WaitVisible(`#import-summary`, chromedp.ByQuery),
		chromedp.Text(`#import-summary`, &summary, chromedp.ByQuery),
	)
	if !strings.HasSuffix(loc, "/feeds") || !strings.Contains(summary, "3 added") || !strings.Contains(summary, "0 errors") {
		t.Fatalf("import from %s: summary %q, want 3 articles added", loc, summary)
	}
	screenshot("feeds")

	// The top story is the dam collapse, covered by two outlets.
	var storyText string
	step("open the top story",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(`[data-item] [data-open]`, chromedp.ByQuery),
	)
	screenshot("home")
	step("click it",
		chromedp.Click(`[data-item] [data-open]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#comments`, chromedp.ByQuery),
		chromedp.Text(`main`, &storyText, chromedp.ByQuery),
	)
	for _, outlet := range []string{"Valley Gazette", "Arden Courier"} {
		if !strings.Contains(storyText, outlet) {
			t.Errorf("top story does not show outlet %q:\n%.2000s", outlet, storyText)
		}
	}
	if strings.Contains(storyText, "Corvanta") && strings.Contains(storyText, "Tech Ledger") && !strings.Contains(storyText, "Related") {
		t.Errorf("the unrelated phone launch is part of the dam story")
	}

	// A comment.
	const remark = "Thanks — the timeline makes this clear. See https://example.org/dam-map"
	var comments string
	step("post a comment",
		chromedp.SendKeys(`#comments textarea[name=body]`, remark, chromedp.ByQuery),
		chromedp.Submit(`#comments textarea[name=body]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#comments .comment`, chromedp.ByQuery),
		chromedp.Text(`#comments`, &comments, chromedp.ByQuery),
	)
	if !strings.Contains(comments, "the timeline makes this clear") {
		t.Errorf("comment not shown: %q", comments)
	}
	var link string
	step("comment link", chromedp.AttributeValue(`#comments .comment a[href^="https://example.org"]`, "href", &link, nil, chromedp.ByQuery))
	if link != "https://example.org/dam-map" {
		t.Errorf("comment link %q", link)
	}
	screenshot("story")

	// Ask this story: the script streams the answer in, with citations.
	var answer string
	var cites int
	step("ask the story",
		chromedp.SendKeys(`#ask-q`, "How many people are missing?", chromedp.ByQuery),
		chromedp.Click(`#ask button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#ask-answer sup.cite a`, chromedp.ByQuery),
		chromedp.Text(`#ask-answer`, &answer, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("#ask-answer sup.cite a").length`, &cites),
	)
	if !strings.Contains(strings.ToLower(answer), "eleven") || cites == 0 {
		t.Errorf("answer %q with %d citations", answer, cites)
	}
	screenshot("story-ask")

	// Search finds the article, which opens.
	var results string
	step("search",
		chromedp.Click(`#q`, chromedp.ByQuery),
		chromedp.SendKeys(`#q`, "folding phone battery", chromedp.ByQuery),
		chromedp.Submit(`#q`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-item] mark`, chromedp.ByQuery),
		chromedp.Text(`main`, &results, chromedp.ByQuery),
	)
	if !strings.Contains(results, "Maker unveils folding phone") {
		t.Errorf("search results do not list the article: %.1500s", results)
	}
	var title string
	step("open the result",
		chromedp.Click(`[data-item] [data-open]`, chromedp.ByQuery),
		chromedp.WaitVisible(`main h1`, chromedp.ByQuery),
		chromedp.Text(`main h1`, &title, chromedp.ByQuery),
	)
	if !strings.Contains(title, "Maker unveils folding phone") {
		t.Errorf("article page title %q", title)
	}
	screenshot("article")

	// Dark mode.
	var theme string
	var dark bool
	step("switch to dark mode",
		chromedp.Click(`#theme-toggle`, chromedp.ByQuery),
		chromedp.WaitVisible(`html[data-theme="dark"]`, chromedp.ByQuery),
		chromedp.AttributeValue(`html`, "data-theme", &theme, nil, chromedp.ByQuery),
		chromedp.Evaluate(`getComputedStyle(document.body).backgroundColor !== "rgb(255, 255, 255)"`, &dark),
	)
	if theme != "dark" || !dark {
		t.Errorf("dark mode: data-theme %q, dark background %v", theme, dark)
	}
	step("dark mode stays after a reload",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(`html[data-theme="dark"]`, chromedp.ByQuery),
	)
	screenshot("home-dark")
	t.Logf("screenshots in %s", shots)
}

// accessibilityScript lists what a page lacks of the basics: the
// landmarks, one h1, a label for every field, a text for every link and
// button, and an alt text for every image.
const accessibilityScript = `(() => {
  const problems = [];
  for (const sel of ["header", "nav", "main", "footer"]) {
    if (!document.querySelector(sel)) problems.push("no <" + sel + ">");
  }
  const h1 = document.querySelectorAll("h1").length;
  if (h1 !== 1) problems.push(h1 + " h1 headings");
  for (const el of document.querySelectorAll("input:not([type=hidden]):not([hidden]), textarea, select")) {
    if (el.labels.length === 0 && !el.getAttribute("aria-label")) problems.push("unlabelled " + el.outerHTML.slice(0, 80));
  }
  for (const el of document.querySelectorAll("a[href], button")) {
    if (!(el.textContent.trim() || el.getAttribute("aria-label") || el.title)) problems.push("no text: " + el.outerHTML.slice(0, 80));
  }
  for (const el of document.querySelectorAll("img:not([alt])")) problems.push("no alt: " + el.outerHTML.slice(0, 80));
  return problems;
})()`

// checkAccessible fails the test when the page open in ctx lacks the
// accessibility basics (see accessibilityScript).
func checkAccessible(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	var problems []string
	if err := chromedp.Run(ctx, chromedp.Evaluate(accessibilityScript, &problems)); err != nil {
		t.Fatalf("accessibility check of %s: %v", page, err)
	}
	for _, p := range problems {
		t.Errorf("%s page: %s", page, p)
	}
}

// browserProfile returns a fresh user-data directory for chromium. It is
// removed after the test with a few tries: the browser's helper processes
// may still be writing to it for a moment after it was told to quit, which
// would fail t.TempDir's own cleanup.
func browserProfile(t *testing.T) string {
	dir, err := os.MkdirTemp("", "storyline-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		var err error
		for range 50 {
			if err = os.RemoveAll(dir); err == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Logf("leaving the browser profile %s: %v", dir, err)
	})
	return dir
}
