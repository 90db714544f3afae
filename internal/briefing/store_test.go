package briefing

import (
	"context"
	"sync"
	"time"

	"github.com/storyline/storyline"
)

// memStore is a Store in memory for the briefing tests: stories with
// their articles, model briefs with the article counts they were tried
// at, and the day's tokens.
type memStore struct {
	mu       sync.Mutex
	stories  map[int64]*storyline.Story
	articles map[int64]*storyline.Article
	timeline map[int64][]storyline.TimelineEntry
	briefs   map[int64]*storyline.Brief
	basis    map[int64]int
	tokens   map[string]int64
	reads    int // articles read
}

func newMemStore() *memStore {
	return &memStore{stories: map[int64]*storyline.Story{}, articles: map[int64]*storyline.Article{},
		timeline: map[int64][]storyline.TimelineEntry{}, briefs: map[int64]*storyline.Brief{},
		basis: map[int64]int{}, tokens: map[string]int64{}}
}

// addStory adds a story of the given articles, each from its outlet.
func (m *memStore) addStory(s *storyline.Story, sources []string, arts ...*storyline.Article) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s.ArticleCount = len(arts)
	m.stories[s.ID] = s
	for i, a := range arts {
		m.articles[a.ID] = a
		m.timeline[s.ID] = append(m.timeline[s.ID], storyline.TimelineEntry{ArticleID: a.ID, Source: sources[i], Title: a.Title, Published: a.Published})
	}
}

func (m *memStore) Story(_ context.Context, id int64) (*storyline.Story, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.stories[id]
	if !ok {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "story %d not found", id)
	}
	c := *s
	if b := m.briefs[id]; b != nil {
		c.Brief, c.Summary = b, b.Text()
	}
	return &c, nil
}

func (m *memStore) Timeline(_ context.Context, id int64) ([]storyline.TimelineEntry, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]storyline.TimelineEntry(nil), m.timeline[id]...), nil
}

func (m *memStore) Article(_ context.Context, id int64) (*storyline.Article, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.reads++
	a, ok := m.articles[id]
	if !ok {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "article %d not found", id)
	}
	c := *a
	return &c, nil
}

func (m *memStore) StoriesForModelBrief(_ context.Context, since time.Time, limit int) ([]storyline.ModelBriefDue, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []storyline.ModelBriefDue
	for id, s := range m.stories {
		n := m.basis[id]
		if s.LastUpdated.Before(since) || (n > 0 && s.ArticleCount < n+max(1, n/4)) {
			continue
		}
		if len(out) < limit {
			out = append(out, storyline.ModelBriefDue{StoryID: id, ArticleCount: s.ArticleCount})
		}
	}
	return out, nil
}

func (m *memStore) SaveModelBrief(_ context.Context, id int64, b *storyline.Brief, articles int) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.stories[id]; !ok {
		return storyline.Errorf(storyline.ENOTFOUND, "story %d not found", id)
	}
	m.basis[id] = articles
	if b != nil {
		m.briefs[id] = b
	}
	return nil
}

func (m *memStore) AddModelTokens(_ context.Context, day string, n int64) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.tokens[day] += n
	return m.tokens[day], nil
}

func (m *memStore) ModelTokens(_ context.Context, day string) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.tokens[day], nil
}

// brief returns the model brief saved for story id and the article count
// it was last tried at.
func (m *memStore) brief(id int64) (*storyline.Brief, int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.briefs[id], m.basis[id]
}
