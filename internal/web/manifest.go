package web

import (
	"encoding/json"
	"net/http"
	"unicode/utf8"
)

// The light theme's colours (app.css's --bg, also the header bar's), which
// the browser shows while the installed app starts and in its title bar.
const (
	manifestBackground = "#ffffff"
	manifestTheme      = "#ffffff"
)

// maxShortName is the longest short_name kept whole: what fits under an
// icon on a phone's home screen.
const maxShortName = 12

// webManifest is a web app manifest (https://www.w3.org/TR/appmanifest/):
// what a browser needs to install the site as an app.
type webManifest struct {
	Name            string         `json:"name"`
	ShortName       string         `json:"short_name"`
	Description     string         `json:"description"`
	StartURL        string         `json:"start_url"`
	Scope           string         `json:"scope"`
	Display         string         `json:"display"`
	BackgroundColor string         `json:"background_color"`
	ThemeColor      string         `json:"theme_color"`
	Icons           []manifestIcon `json:"icons"`
}

// manifestIcon is one icon of a manifest.
type manifestIcon struct {
	Src     string `json:"src"`
	Sizes   string `json:"sizes"`
	Type    string `json:"type"`
	Purpose string `json:"purpose,omitempty"`
}

// manifest answers GET /manifest.webmanifest with the site's manifest,
// named after the site.
func (s *Server) manifest(w http.ResponseWriter, r *http.Request) {
	set, err := s.currentSettings(r.Context())
	if err != nil {
		s.log.Warn("manifest: settings", "err", err)
	}
	name := set.SiteName
	if name == "" {
		name = defaultSettings().SiteName
	}
	m := webManifest{
		Name: name, ShortName: shortName(name), Description: "News, grouped into stories.",
		StartURL: "/", Scope: "/", Display: "standalone",
		BackgroundColor: manifestBackground, ThemeColor: manifestTheme,
		Icons: []manifestIcon{
			{Src: s.static.url("icon.svg"), Sizes: "any", Type: "image/svg+xml"},
			{Src: s.static.url("icon-192.png"), Sizes: "192x192", Type: "image/png"},
			{Src: s.static.url("icon-512.png"), Sizes: "512x512", Type: "image/png"},
		},
	}
	b, err := json.Marshal(m)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/manifest+json")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write(b)
}

// shortName is name cut to maxShortName characters for a home screen.
func shortName(name string) string {
	if utf8.RuneCountInString(name) <= maxShortName {
		return name
	}
	return string([]rune(name)[:maxShortName])
}
