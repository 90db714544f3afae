package web

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/storyline/storyline"
)

// settingsKey is the MetaStore key of the site's settings.
const settingsKey = "web.settings"

// settingsTTL is how long settings are cached; other processes' changes
// show up within it.
const settingsTTL = 5 * time.Second

// Settings are the site's settings, changed by administrators.
type Settings struct {
	SiteName string `json:"site_name"`
	// PublicReading lets visitors read without signing in; commenting
	// always needs an account.
	PublicReading bool `json:"public_reading"`
}

// defaultSettings are a new site's settings.
func defaultSettings() Settings {
	return Settings{SiteName: "Storyline", PublicReading: true}
}

// validate checks and tidies the settings.
func (set *Settings) validate() error {
	set.SiteName = strings.TrimSpace(set.SiteName)
	if set.SiteName == "" {
		set.SiteName = "Storyline"
	}
	if len(set.SiteName) > 80 {
		return storyline.Errorf(storyline.EINVALID, "site name: at most 80 bytes, please")
	}
	return nil
}

// settingsCache holds the settings read last, and whether any user exists.
type settingsCache struct {
	mu       sync.Mutex
	val      Settings
	at       time.Time
	hasUsers atomic.Bool // once true, stays true: users are not deleted
}

// currentSettings returns the settings, read at most settingsTTL ago.
func (s *Server) currentSettings(ctx context.Context) (Settings, error) {
	c := &s.settings
	c.mu.Lock()
	defer c.mu.Unlock()
	now := s.now()
	if !c.at.IsZero() && now.Sub(c.at) < settingsTTL {
		return c.val, nil
	}
	set := defaultSettings()
	raw, ok, err := s.store.Meta(ctx, settingsKey)
	if err != nil {
		return set, err
	}
	if ok {
		if err := json.Unmarshal([]byte(raw), &set); err != nil {
			s.log.Error("stored settings are not valid JSON; using defaults", "err", err)
		}
	}
	c.val, c.at = set, now
	return set, nil
}

// saveSettings stores set and refreshes the cache.
func (s *Server) saveSettings(ctx context.Context, set Settings) error {
	if err := set.validate(); err != nil {
		return err
	}
	b, err := json.Marshal(set)
	if err != nil {
		return err
	}
	if err := s.store.SetMeta(ctx, settingsKey, string(b)); err != nil {
		return err
	}
	c := &s.settings
	c.mu.Lock()
	c.val, c.at = set, s.now()
	c.mu.Unlock()
	return nil
}

// hasUsers reports whether an account exists (setup is done).
func (s *Server) hasUsers(ctx context.Context) (bool, error) {
	if s.settings.hasUsers.Load() {
		return true, nil
	}
	n, err := s.store.CountUsers(ctx)
	if err != nil {
		return false, err
	}
	if n > 0 {
		s.settings.hasUsers.Store(true)
	}
	return n > 0, nil
}
