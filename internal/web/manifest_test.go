package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

func TestManifest(t *testing.T) {
	e := newTestEnv(t)
	resp, body := e.get(nil, "/manifest.webmanifest")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/manifest+json" {
		t.Fatalf("status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var m webManifest
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("manifest: %v\n%s", err, body)
	}
	if m.Name == "" || m.ShortName == "" || m.StartURL != "/" || m.Display != "standalone" || m.ThemeColor == "" || m.BackgroundColor == "" {
		t.Errorf("manifest %+v", m)
	}
	sizes := map[string]bool{}
	for _, icon := range m.Icons {
		sizes[icon.Sizes] = true
		resp, img := e.get(nil, icon.Src)
		if resp.StatusCode != http.StatusOK || len(img) == 0 || !strings.HasPrefix(resp.Header.Get("Content-Type"), icon.Type) {
			t.Errorf("icon %s: status %d, type %q", icon.Src, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	}
	for _, size := range []string{"any", "192x192", "512x512"} {
		if !sizes[size] {
			t.Errorf("no %s icon", size)
		}
	}
	_, page := e.get(nil, "/")
	for _, want := range []string{`<link rel="manifest" href="/manifest.webmanifest">`, `rel="apple-touch-icon"`, `name="theme-color"`} {
		if !strings.Contains(page, want) {
			t.Errorf("layout lacks %s", want)
		}
	}
}

func TestShortName(t *testing.T) {
	for name, want := range map[string]string{"Storyline": "Storyline", "The Valley Evening News": "The Valley E", "Ünïcödé Ñéwß Sïté": "Ünïcödé Ñéwß"} {
		if got := shortName(name); got != want {
			t.Errorf("shortName(%q) = %q, want %q", name, got, want)
		}
	}
}
