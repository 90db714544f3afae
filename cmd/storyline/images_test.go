package main

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	_ "image/jpeg" // decodes the renditions
	"image/png"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline/internal/store/sqlite"
)

// TestImagesFlag checks that --images turns the lead images' fetcher on
// (the default) and off, and that the network flags it shares are
// checked.
func TestImagesFlag(t *testing.T) {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "s.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tests := []struct {
		args    []string
		want    bool
		wantErr string
	}{
		{args: nil, want: true},
		{args: []string{"--images=true", "--allow-private"}, want: true},
		{args: []string{"--images=false"}, want: false},
		{args: []string{"--host-rate", "0"}, wantErr: "--host-rate"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var o ingestFlags
			cmd := &cobra.Command{Use: "test"}
			o.register(cmd)
			if err := cmd.ParseFlags(tt.args); err != nil {
				t.Fatal(err)
			}
			f, err := o.imageFetcher(db, nil)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || (f != nil) != tt.want {
				t.Fatalf("fetcher %v, err %v; want one: %v", f, err, tt.want)
			}
		})
	}
}

// noisyPNG returns a w×h PNG of random pixels: it hardly compresses, so
// it is larger than a few KiB.
func noisyPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{R: uint8(r.IntN(256)), G: uint8(r.IntN(256)), B: uint8(r.IntN(256)), A: 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestServeKeepsLeadImages adds a page whose lead image is larger than
// --max-size, runs serve and waits for the image to be served from
// Storyline: the images' client shares the network flags
// (--allow-private lets it reach the test server on loopback) but is
// capped at the images' own limit.
func TestServeKeepsLeadImages(t *testing.T) {
	lead := noisyPNG(t, 400, 300)
	if len(lead) < 128<<10 {
		t.Fatalf("the lead image is %d bytes: too small for the test", len(lead))
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/news/dam", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(`<!doctype html><html><head><title>Dam talks resume</title>
<meta property="og:image" content="/media/dam.png"></head><body><article><h1>Dam talks resume</h1>
<p>Negotiators agreed on Monday to resume talks over the river dam, officials said after a long day of meetings in Geneva.</p>
<p>The talks restart next week, with both delegations expected to bring engineers and lawyers to the table.</p>
<p>Farmers downstream have asked for guarantees on the river's flow during the dry months of the year.</p>
</article></body></html>`))
	})
	mux.HandleFunc("/media/dam.png", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(lead)
	})
	site := httptest.NewServer(mux)
	defer site.Close()

	data := t.TempDir()
	if code, _, stderr := cli(t, nil, "--data", data, "add", "--allow-private", site.URL+"/news/dam"); code != 0 {
		t.Fatalf("add: exit %d, %s", code, stderr)
	}
	code, stdout, stderr := cli(t, nil, "--data", data, "articles", "--json")
	var list []struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal([]byte(stdout), &list); code != 0 || err != nil || len(list) != 1 {
		t.Fatalf("articles --json: exit %d, %v, %s %s", code, err, stderr, stdout)
	}
	if code, _, stderr := cliStdin(t, "admin-password\n", "--data", data, "user", "add", "ada", "--admin", "--password-stdin"); code != 0 {
		t.Fatalf("user add: %s", stderr) // set up, so that visitors may read
	}
	base, log := startServerWith(t, data, nil, "--allow-private", "--max-size", "64KiB")

	// Any well-formed hash is redirected to the current image once there
	// is one; until then it is 404.
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	probe := base + "/images/" + strconv.FormatInt(list[0].ID, 10) + "/0000000000000000/thumb.jpg"
	var current string
	for deadline := time.Now().Add(20 * time.Second); current == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		resp, err := noRedirect.Get(probe)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusFound {
			current = resp.Header.Get("Location")
		}
	}
	if current == "" {
		t.Fatalf("the lead image was not kept: %s", log.String())
	}
	resp, err := http.Get(base + current)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body bytes.Buffer
	if _, err := body.ReadFrom(resp.Body); err != nil {
		t.Fatal(err)
	}
	cfg, format, err := image.DecodeConfig(&body)
	if resp.StatusCode != 200 || err != nil || format != "jpeg" || cfg.Width != 320 || cfg.Height != 180 {
		t.Fatalf("%s: status %d, %s %d×%d, %v; want a 320×180 JPEG", current, resp.StatusCode, format, cfg.Width, cfg.Height, err)
	}
}
