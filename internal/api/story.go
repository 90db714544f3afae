package api

import (
	"time"

	"github.com/storyline/storyline"
)

// Story is a story as JSON: the coverage of one event.
type Story struct {
	ID           int64       `json:"id"`
	Title        string      `json:"title"`
	Summary      string      `json:"summary,omitempty"`
	FirstSeen    time.Time   `json:"first_seen"`
	LastUpdated  time.Time   `json:"last_updated"`
	ArticleCount int         `json:"article_count"`
	Outlets      []string    `json:"outlets"`
	Keyphrases   []Keyphrase `json:"keyphrases"`
	Entities     []Entity    `json:"entities"`
	CommentCount int         `json:"comment_count"`
	// Language is the ISO 639-1 code of its articles' language ("en"),
	// "" when unknown.
	Language string `json:"language"`
	// Read, Saved and NewReports are the signed-in reader's state of the
	// story; absent for visitors (see SetReaderState).
	Read       *bool `json:"read,omitempty"`
	Saved      *bool `json:"saved,omitempty"`
	NewReports *int  `json:"new_reports,omitempty"`
}

// StoryDetail is one story with its timeline, related stories and the
// coverage of its event in other languages.
type StoryDetail struct {
	Story
	// Brief is the story's cited brief; null when it has none yet.
	Brief *Brief `json:"brief"`
	// Coverage is how each outlet covered the story, for a story of
	// several outlets (else empty).
	Coverage       []OutletPoints       `json:"coverage"`
	Timeline       []TimelineEntry      `json:"timeline"`
	Related        []RelatedStory       `json:"related"`
	OtherLanguages []OtherLanguageStory `json:"other_languages"`
}

// Brief is a story's account in a few sentences, each citing the
// articles that report it.
type Brief struct {
	Sentences []BriefSentence `json:"sentences"`
	// Generator is "built-in", or the name of the language model that
	// wrote it.
	Generator string    `json:"generator"`
	UpdatedAt time.Time `json:"updated_at"`
}

// BriefSentence is one sentence of a brief and the IDs of the articles
// it cites.
type BriefSentence struct {
	Text       string  `json:"text"`
	ArticleIDs []int64 `json:"article_ids"`
}

// OutletPoints is how one outlet covered a story: its first report's
// headline and what its reports say that the other outlets' do not.
type OutletPoints struct {
	Source    string          `json:"source"`
	ArticleID int64           `json:"article_id"`
	Title     string          `json:"title"`
	Points    []BriefSentence `json:"points"`
}

// NewCoverage converts a brief's outlet coverage; never nil.
func NewCoverage(b *storyline.Brief) []OutletPoints {
	out := []OutletPoints{}
	if b == nil {
		return out
	}
	for _, o := range b.Coverage {
		out = append(out, OutletPoints{Source: o.Source, ArticleID: o.ArticleID, Title: o.Title, Points: newBriefSentences(o.Points)})
	}
	return out
}

// newBriefSentences converts sentences; never nil, nor their IDs.
func newBriefSentences(ss []storyline.BriefSentence) []BriefSentence {
	out := make([]BriefSentence, len(ss))
	for i, s := range ss {
		ids := s.ArticleIDs
		if ids == nil {
			ids = []int64{}
		}
		out[i] = BriefSentence{Text: s.Text, ArticleIDs: ids}
	}
	return out
}

// NewBrief converts a brief; nil stays nil.
func NewBrief(b *storyline.Brief) *Brief {
	if b == nil {
		return nil
	}
	return &Brief{Sentences: newBriefSentences(b.Sentences), Generator: b.Generator, UpdatedAt: b.UpdatedAt}
}

// OtherLanguageStory is a story of the same event in another language,
// best first in a list.
type OtherLanguageStory struct {
	ID           int64  `json:"id"`
	Language     string `json:"language"`
	Title        string `json:"title"`
	ArticleCount int    `json:"article_count"`
}

// Keyphrase is a phrase that says what an article or story is about, with
// its hashtag.
type Keyphrase struct {
	Text    string `json:"text"`
	Hashtag string `json:"hashtag"`
}

// Entity is a person, place or organisation named in an article or story.
type Entity struct {
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Mentions int    `json:"mentions"`
}

// TimelineEntry is one article of a story, in the order of publication
// (undated articles last).
type TimelineEntry struct {
	ArticleID int64  `json:"article_id"`
	Source    string `json:"source"`
	Title     string `json:"title"`
	URL       string `json:"url,omitempty"`
	// Published is absent for an undated article.
	Published *time.Time `json:"published,omitempty"`
	// CopyOf is the original article of a syndicated copy, absent for an
	// original.
	CopyOf int64 `json:"copy_of,omitempty"`
}

// RelatedStory is another story like one at hand; higher scores are more
// alike.
type RelatedStory struct {
	Story Story   `json:"story"`
	Score float64 `json:"score"`
}

// NewStory converts a domain story.
func NewStory(s *storyline.Story) Story {
	outlets := s.Outlets
	if outlets == nil {
		outlets = []string{}
	}
	return Story{
		ID: s.ID, Title: s.Title, Summary: s.Summary, FirstSeen: s.FirstSeen, LastUpdated: s.LastUpdated,
		ArticleCount: s.ArticleCount, Outlets: outlets, Keyphrases: NewKeyphrases(s.Keyphrases),
		Entities: NewEntities(s.Entities), CommentCount: s.CommentCount, Language: s.Language,
	}
}

// NewStories converts a list of stories.
func NewStories(list []*storyline.Story) []Story {
	out := make([]Story, len(list))
	for i, s := range list {
		out[i] = NewStory(s)
	}
	return out
}

// NewStoryDetail converts a story with its timeline, related stories and
// stories in other languages (storyline.StoryStore's OtherLanguages).
func NewStoryDetail(s *storyline.Story, timeline []storyline.TimelineEntry, related, other []storyline.RelatedStory) StoryDetail {
	out := StoryDetail{Story: NewStory(s), Brief: NewBrief(s.Brief), Coverage: NewCoverage(s.Brief), Timeline: make([]TimelineEntry, len(timeline)), Related: make([]RelatedStory, len(related)),
		OtherLanguages: make([]OtherLanguageStory, len(other))}
	for i, e := range timeline {
		out.Timeline[i] = TimelineEntry{ArticleID: e.ArticleID, Source: e.Source, Title: e.Title, URL: e.URL, CopyOf: e.CopyOf}
		if !e.Published.IsZero() {
			p := e.Published
			out.Timeline[i].Published = &p
		}
	}
	for i, r := range related {
		out.Related[i] = RelatedStory{Story: NewStory(r.Story), Score: r.Score}
	}
	for i, r := range other {
		out.OtherLanguages[i] = OtherLanguageStory{ID: r.Story.ID, Language: r.Story.Language, Title: r.Story.Title,
			ArticleCount: r.Story.ArticleCount}
	}
	return out
}

// NewKeyphrases converts keyphrases; nil becomes an empty list.
func NewKeyphrases(ks []storyline.Keyphrase) []Keyphrase {
	out := make([]Keyphrase, len(ks))
	for i, k := range ks {
		out[i] = Keyphrase{Text: k.Text, Hashtag: k.Hashtag}
	}
	return out
}

// NewEntities converts entities; nil becomes an empty list.
func NewEntities(es []storyline.Entity) []Entity {
	out := make([]Entity, len(es))
	for i, e := range es {
		out[i] = Entity{Name: e.Name, Kind: string(e.Kind), Mentions: e.Count}
	}
	return out
}
