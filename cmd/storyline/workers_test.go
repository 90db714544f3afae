package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline/internal/opml"
	"github.com/storyline/storyline/internal/store/postgres/pgtest"
	"github.com/storyline/storyline/internal/synth"
)

// The newsroom the worker tests ingest: 200 feeds, 150 events each
// reported by 5 outlets.
const (
	newsroomFeeds    = 200
	newsroomEvents   = 150
	newsroomCoverage = 5
)

// TestWorkersShareTheQueue runs the acceptance test of the job queue:
// three `storyline worker` processes and a `serve --no-ingest` web
// process on one PostgreSQL database ingest 200 feeds from a loopback
// server while one worker is killed (SIGKILL) mid-run. Every entry is
// stored exactly once, no article is lost (the killed worker's jobs are
// rescued and run by the others), and the stories are those of a single
// worker's run on the same input, but for the order the jobs ran in: the
// cohesion floor, which keeps the first reports of a new event out of a
// close-knit story, makes a story depend at the margin on when a report
// comes, and three workers with a rescue run the jobs in another order
// than one. So the three workers' stories are held to the events: none
// may mix two events, and at most one event in a hundred may be split.
func TestWorkersShareTheQueue(t *testing.T) {
	single, multi := pgtest.URL(t), pgtest.URL(t)
	if testing.Short() {
		t.Skip("starts several processes and takes a minute or two")
	}
	bin := buildBinary(t)
	srv := httptest.NewUnstartedServer(nil)
	room := synth.NewNewsroom(11, newsroomFeeds, newsroomEvents, newsroomCoverage, "http://"+srv.Listener.Addr().String())
	srv.Config.Handler = room
	srv.Start()
	defer srv.Close()
	opmlPath := writeNewsroomOPML(t, room)

	want := runWorkers(t, bin, single, opmlPath, len(room.Event), 1, false)
	got := runWorkers(t, bin, multi, opmlPath, len(room.Event), 3, true)
	// The newsroom's events are told apart clearly: a story that mixes
	// two, or an event split in two, is the clustering's fault.
	if mixed, split := eventErrors(want, room.Event); mixed+split > 0 || len(want) != newsroomEvents {
		t.Errorf("1 worker: %d events made %d stories, %d of them mixing events, %d events split", newsroomEvents, len(want), mixed, split)
	}
	mixed, split := eventErrors(got, room.Event)
	if n := reports(got); mixed > 0 || split > newsroomEvents/100 || n != len(room.Event) {
		t.Errorf("3 workers: %d reports in %d stories (want %d), %d stories mixing events, %d events split", n, len(got), len(room.Event), mixed, split)
	}
	if extra, missing := storyDiff(got, want); len(extra)+len(missing) > 0 {
		t.Logf("3 workers made %d stories, 1 worker %d; only with 3: %v\nonly with 1: %v", len(got), len(want), extra, missing)
	}
}

// eventErrors counts the stories that mix reports of several events and
// the events whose reports are in several stories.
func eventErrors(stories [][]string, event map[string]int) (mixed, split int) {
	storiesOf := map[int]int{}
	for _, story := range stories {
		events := map[int]bool{}
		for _, url := range story {
			events[event[url]] = true
		}
		if len(events) > 1 {
			mixed++
		}
		for e := range events {
			storiesOf[e]++
		}
	}
	for _, n := range storiesOf {
		if n > 1 {
			split++
		}
	}
	return mixed, split
}

// reports counts the reports of all stories.
func reports(stories [][]string) int {
	n := 0
	for _, s := range stories {
		n += len(s)
	}
	return n
}

// writeNewsroomOPML writes the newsroom's feeds as an OPML file.
func writeNewsroomOPML(t *testing.T, room *synth.Newsroom) string {
	t.Helper()
	var outlines []opml.Outline
	for _, u := range room.FeedURLs() {
		outlines = append(outlines, opml.Outline{URL: u, Title: u})
	}
	path := filepath.Join(t.TempDir(), "feeds.opml")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := opml.Write(f, "newsroom", outlines); err != nil {
		t.Fatal(err)
	}
	return path
}

// runWorkers subscribes the database at url to the feeds of opmlPath and
// runs n workers (and, with kill, a web process; one worker is killed when
// a fifth of the articles are in) until all want articles are stored and
// analysed. It returns the stories, each a sorted list of its articles'
// URLs, sorted.
func runWorkers(t *testing.T, bin, url, opmlPath string, want, n int, kill bool) [][]string {
	t.Helper()
	if out, err := exec.Command(bin, "--db", url, "feeds", "import", "--allow-private", opmlPath).CombinedOutput(); err != nil {
		t.Fatalf("feeds import: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	dir := t.TempDir()
	f, err := startFleet(bin, url, n, func(i int) (*os.File, error) {
		return os.Create(filepath.Join(dir, fmt.Sprintf("worker%d.log", i)))
	}, "--schedule-every", "1s", "--story-delay", "2s", "--job-timeout", "10s", "--job-rescue-after", "12s")
	t.Cleanup(func() {
		if err := f.stop(); err != nil {
			t.Error(err)
		}
		if t.Failed() {
			showLogs(t, dir)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	var web string
	if kill {
		web = freeAddr(t)
		addAdmin(t, bin, url)
		startProcess(t, bin, filepath.Join(dir, "web.log"), "--db", url, "serve", "--no-ingest", "--addr", web)
		if _, err := waitProgress(ctx, conn, 200*time.Millisecond, func(p ingestProgress) bool { return p.Articles >= want/5 }, nil); err != nil {
			t.Fatal(err)
		}
		killed := f.procs[0].Process.Pid
		running := countRows(t, conn, fmt.Sprintf(`river_job WHERE state = 'running' AND attempted_by[array_length(attempted_by, 1)] LIKE '%%-%d'`, killed))
		if err := f.procs[0].Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		_ = f.procs[0].Wait()
		t.Logf("killed worker 0 with %d jobs running", running)
	}
	if _, err := waitIngested(ctx, conn, want, 500*time.Millisecond, nil); err != nil {
		t.Fatal(err)
	}
	for table, rows := range map[string]int{"articles": want, "feed_entries": want, "story_articles": want} {
		if got := countRows(t, conn, table); got != rows {
			t.Errorf("%s: %d rows, want %d (each entry stored once)", table, got, rows)
		}
	}
	if kill {
		checkWeb(t, web)
		killed := f.procs[0].Process.Pid
		if rescued := countRows(t, conn, fmt.Sprintf(`river_job WHERE state = 'completed' AND EXISTS (SELECT 1 FROM unnest(attempted_by) c WHERE c LIKE '%%-%d') AND attempted_by[array_length(attempted_by, 1)] NOT LIKE '%%-%d'`, killed, killed)); rescued == 0 {
			t.Log("none of the killed worker's jobs needed rescuing (it was between jobs)")
		} else {
			t.Logf("%d jobs of the killed worker were completed by the others", rescued)
		}
	}
	return stories(t, conn)
}

// storyDiff returns the stories only in a and those only in b.
func storyDiff(a, b [][]string) (onlyA, onlyB [][]string) {
	key := func(s []string) string { return strings.Join(s, " ") }
	inA, inB := map[string]bool{}, map[string]bool{}
	for _, s := range a {
		inA[key(s)] = true
	}
	for _, s := range b {
		inB[key(s)] = true
		if !inA[key(s)] {
			onlyB = append(onlyB, s)
		}
	}
	for _, s := range a {
		if !inB[key(s)] {
			onlyA = append(onlyA, s)
		}
	}
	return onlyA, onlyB
}

// showLogs shows the tails of the logs in dir.
func showLogs(t *testing.T, dir string) {
	logs, _ := filepath.Glob(filepath.Join(dir, "*.log"))
	for _, p := range logs {
		b, _ := os.ReadFile(p)
		t.Logf("%s:\n%s", filepath.Base(p), tail(string(b), 3000))
	}
}

// startProcess starts the command with its output in logPath, stopped
// (SIGTERM) when the test ends.
func startProcess(t *testing.T, bin, logPath string, args ...string) *exec.Cmd {
	t.Helper()
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
		logFile.Close()
	})
	return cmd
}

// tail returns the last n bytes of s.
func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// freeAddr returns a loopback address with a free port.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// countRows counts the rows of from (a table and its conditions).
func countRows(t *testing.T, conn *pgx.Conn, from string) int {
	t.Helper()
	var n int
	if err := conn.QueryRow(context.Background(), "SELECT count(*) FROM "+from).Scan(&n); err != nil {
		t.Fatalf("count %s: %v", from, err)
	}
	return n
}

// stories returns every story as the sorted URLs of its articles, sorted.
func stories(t *testing.T, conn *pgx.Conn) [][]string {
	t.Helper()
	rows, err := conn.Query(context.Background(), `SELECT array_agg(a.url ORDER BY a.url) FROM story_articles sa
		JOIN articles a ON a.id = sa.article_id GROUP BY sa.story_id`)
	if err != nil {
		t.Fatal(err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowTo[[]string])
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(list, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
	return list
}

// addAdmin creates the administrator, which opens the site to readers.
func addAdmin(t *testing.T, bin, url string) {
	t.Helper()
	cmd := exec.Command(bin, "--db", url, "user", "add", "admin", "--admin", "--password-stdin")
	cmd.Stdin = strings.NewReader("correct horse battery staple\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("user add: %v\n%s", err, out)
	}
}

// checkWeb checks that the web process serves the stories the workers
// made.
func checkWeb(t *testing.T, addr string) {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/api/v1/stories")
	if err != nil {
		t.Fatalf("web process: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"title"`) {
		t.Errorf("GET /api/v1/stories: %s\n%s", resp.Status, tail(string(body), 500))
	}
}

// TestWorkerMetrics checks a worker's /healthz and /metrics, and that it
// stops on SIGTERM.
func TestWorkerMetrics(t *testing.T) {
	url := pgtest.URL(t)
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	addr := freeAddr(t)
	cmd := startProcess(t, bin, filepath.Join(t.TempDir(), "worker.log"), "--db", url, "worker", "--metrics-addr", addr)
	var resp *http.Response
	var err error
	for range 100 {
		if resp, err = http.Get("http://" + addr + "/healthz"); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("GET /healthz: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /healthz: %s", resp.Status)
	}
	resp, err = http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "storyline_articles ") {
		t.Errorf("GET /metrics lacks the store's totals:\n%s", tail(string(body), 800))
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("worker after SIGTERM: %v", err)
	}
}
