package main

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/sqlite"
)

// newsboatPath is the newsboat binary, or "" (Debian's package installs
// /usr/bin/newsboat).
func newsboatPath() string {
	p, err := exec.LookPath("newsboat")
	if err != nil {
		return ""
	}
	return p
}

// TestNewsboat reads Storyline with a real Google Reader API client:
// newsboat, through its FeedHQ source (Debian's newsboat 2.21 predates
// its FreshRSS source; both speak the Google Reader API: ClientLogin,
// subscription/list, a stream per feed, edit-tag). It sees every feed and
// the right unread count; an article read on the web pages shows read
// after a reload; one marked read through the API shows read on the
// pages.
func TestNewsboat(t *testing.T) {
	if testing.Short() {
		t.Skip("newsboat test: not in -short mode")
	}
	bin := newsboatPath()
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("newsboat not found: CI must install it (apt-get install newsboat)")
		}
		t.Skip("newsboat not found; apt-get install newsboat")
	}
	site := newsSite(t)
	data := t.TempDir()
	run := runIn(t, data)
	run("", "feeds", "add", "--allow-private", "--category", "Local", site.URL+"/")
	run("", "fetch", "--allow-private")
	run("reader-password\n", "user", "add", "reader", "--admin", "--password-stdin")
	secret := appPasswordIn(t, run("", "user", "app-password", "reader", "--label", "newsboat"))
	var ids []int64
	withDataStore(t, data, func(db *sqlite.DB) {
		refs, err := db.ItemRefs(context.Background(), storyline.ItemQuery{OldestFirst: true})
		if err != nil || len(refs) != 3 {
			t.Fatalf("items: %v, %v", refs, err)
		}
		for _, r := range refs {
			ids = append(ids, r.ID)
		}
	})
	base, _ := startServerWith(t, data, nil, "--poll=false")

	home := t.TempDir()
	config := filepath.Join(home, "config")
	if err := os.WriteFile(config, []byte(strings.Join([]string{
		`urls-source "feedhq"`,
		`feedhq-url "` + base + `"`,
		`feedhq-login "reader"`,
		`feedhq-password "` + secret + `"`,
		`feedhq-min-items 50`,
		`download-retries 1`,
	}, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	unread := func(step string) int {
		t.Helper()
		cmd := exec.Command(bin, "-C", config, "-c", filepath.Join(home, "cache.db"), "-x", "reload", "print-unread")
		cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home, "XDG_DATA_HOME="+home)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: newsboat: %v\n%s", step, err, out)
		}
		m := regexp.MustCompile(`(\d+) unread articles`).FindSubmatch(out)
		if m == nil {
			t.Fatalf("%s: newsboat printed no unread count:\n%s", step, out)
		}
		n, _ := strconv.Atoi(string(m[1]))
		return n
	}
	if n := unread("first reload"); n != 3 {
		t.Fatalf("newsboat sees %d unread articles, want 3 (the feed's)", n)
	}

	// Read on the web pages: newsboat sees it after a reload.
	web := signInWeb(t, base, "reader", "reader-password")
	postForm(t, web, base, "/articles/"+strconv.FormatInt(ids[0], 10)+"/read", url.Values{"action": {"read"}})
	time.Sleep(time.Second) // read marks of the web are stored a moment later
	if n := unread("after reading on the web"); n != 2 {
		t.Errorf("newsboat sees %d unread after one was read on the web, want 2", n)
	}

	// Read through the API, as newsboat marks an article: the pages show it.
	token := clientLogin(t, base, "reader", secret)
	req, _ := http.NewRequest(http.MethodPost, base+"/reader/api/0/edit-tag",
		strings.NewReader(url.Values{"i": {"tag:google.com,2005:reader/item/" + hexID(ids[1])}, "a": {"user/-/state/com.google/read"},
			"r": {"user/-/state/com.google/kept-unread"}, "ac": {"edit"}, "T": {"x"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "GoogleLogin auth="+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("edit-tag: %v %v", resp, err)
	}
	resp.Body.Close()
	page := getPage(t, web, base, "/outlets/Valley%20Times")
	if !strings.Contains(page, `class="read" data-kind="article" data-id="`+strconv.FormatInt(ids[1], 10)+`"`) {
		t.Errorf("marked read through the API, the article is not read on the outlet page")
	}
	if n := unread("after marking read through the API"); n != 1 {
		t.Errorf("newsboat sees %d unread, want 1", n)
	}
}

// runIn returns a runner of the command line over the data directory
// data, with stdin as the standard input, that fails the test unless it
// succeeds and returns its output.
func runIn(t *testing.T, data string) func(stdin string, args ...string) string {
	return func(stdin string, args ...string) string {
		t.Helper()
		code, out, stderr := cliStdin(t, stdin, append([]string{"--data", data}, args...)...)
		if code != 0 {
			t.Fatalf("storyline %v: exit %d: %s", args, code, stderr)
		}
		return out
	}
}

// appPasswordIn returns the new app password that `user app-password`
// printed in out.
func appPasswordIn(t *testing.T, out string) string {
	t.Helper()
	secret := regexp.MustCompile(`(?m)^([a-z0-9]+(?:-[a-z0-9]+)+)$`).FindString(out)
	if secret == "" {
		t.Fatalf("no app password in: %s", out)
	}
	return secret
}

// hexID is id as the 16 hex digits of a long item ID.
func hexID(id int64) string {
	s := strconv.FormatInt(id, 16)
	return strings.Repeat("0", 16-len(s)) + s
}

// clientLogin signs in to the Google Reader API and returns the token.
func clientLogin(t *testing.T, base, name, password string) string {
	t.Helper()
	resp, err := http.PostForm(base+"/accounts/ClientLogin", url.Values{"Email": {name}, "Passwd": {password}})
	if err != nil {
		t.Fatal(err)
	}
	body := readAll(t, resp)
	_, token, ok := strings.Cut(body, "Auth=")
	if resp.StatusCode != http.StatusOK || !ok {
		t.Fatalf("ClientLogin: %d %s", resp.StatusCode, body)
	}
	return strings.TrimSpace(token)
}

// signInWeb signs in to the web pages at base and returns the client
// holding the session.
func signInWeb(t *testing.T, base, name, password string) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if resp := postForm(t, c, base, "/login", url.Values{"name": {name}, "password": {password}}); resp != http.StatusSeeOther {
		t.Fatalf("sign in as %s: status %d", name, resp)
	}
	return c
}

// postForm posts form to path as a page of the site does and returns the
// status.
func postForm(t *testing.T, c *http.Client, base, path string, form url.Values) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, base+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	readAll(t, resp)
	return resp.StatusCode
}

// getPage returns the page at path, failing unless it answers 200.
func getPage(t *testing.T, c *http.Client, base, path string) string {
	t.Helper()
	resp, err := c.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	body := readAll(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d", path, resp.StatusCode)
	}
	return body
}

// readAll reads and closes resp's body.
func readAll(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
