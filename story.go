package storyline

import (
	"context"
	"strings"
	"time"
)

// Story is the coverage of one event: articles from one or many outlets
// grouped together.
type Story struct {
	ID           int64
	Title        string // the most representative headline
	Summary      string // drawn from all its articles, without repeats
	FirstSeen    time.Time
	LastUpdated  time.Time
	ArticleCount int
	Outlets      []string // by number of articles, then name
	Keyphrases   []Keyphrase
	Entities     []Entity
	CommentCount int // comments not hidden, on it and the stories merged into it
	// Language is the ISO 639-1 code of its articles' language ("en" for
	// English), "" when unknown (stories made before languages were
	// recorded).
	Language string
	// Brief is its account in a few sentences, each citing the articles
	// that report it; Summary is the brief's text. Nil when it has none
	// (a story not brought up to date since briefs were made), and in
	// lists of stories, which carry the summary only.
	Brief *Brief
}

// Brief is a story's account in a few sentences, each citing the
// articles that report it.
type Brief struct {
	Sentences []BriefSentence
	// Coverage is, for a story of several outlets, how each covered it,
	// by the order of their first reports; nil for one outlet.
	Coverage []OutletPoints
	// Generator is what wrote it: BuiltInBrief, or a language model's
	// name.
	Generator string
	UpdatedAt time.Time
}

// OutletPoints is how one outlet covered a story: its first report's
// headline and what its reports say that the other outlets' do not.
type OutletPoints struct {
	Source    string
	ArticleID int64
	Title     string
	Points    []BriefSentence
}

// BuiltInBrief is the Generator of a brief drawn from the articles'
// own sentences, without a language model.
const BuiltInBrief = "built-in"

// BriefSentence is one sentence of a brief and the articles it cites,
// the one it is taken from first.
type BriefSentence struct {
	Text       string
	ArticleIDs []int64
}

// Text returns the brief's sentences joined, as a story's summary.
func (b *Brief) Text() string {
	if b == nil {
		return ""
	}
	parts := make([]string, len(b.Sentences))
	for i, s := range b.Sentences {
		parts[i] = s.Text
	}
	return strings.Join(parts, " ")
}

// TimelineEntry is one article of a story, in the order of publication
// (undated articles last).
type TimelineEntry struct {
	ArticleID int64
	Source    string
	Title     string
	URL       string
	Published time.Time // publication time; zero when the article is undated
	CopyOf    int64     // the canonical article of a syndicated copy, or 0
}

// RelatedStory is another story like the one at hand, with how alike.
type RelatedStory struct {
	Story *Story
	Score float64 // higher is more alike
}

// StoryUpdate is a story's new aggregates, with the weighted terms (and
// entity keys) that related stories are found by.
type StoryUpdate struct {
	Story *Story
	Terms map[string]float64
}

// StoryFilter selects stories for listing. Zero fields do not filter.
type StoryFilter struct {
	Source string // stories with an article from this outlet
	// Category: stories with an article that arrived through a feed of this
	// category (case-insensitive).
	Category string
	// Hashtag: stories with this hashtag among their keyphrases, with or
	// without the leading "#", ignoring case.
	Hashtag string
	// Entity: stories naming this entity (name ignoring case; an empty
	// Kind matches any kind).
	Entity *Entity
	Since  time.Time // updated at or after
	// Before continues a listing after its last story: only stories that
	// come after (BeforeTime, BeforeID) in the list's order, which is
	// LastUpdated, then ID, both descending. Zero BeforeID: from the top.
	BeforeTime time.Time
	BeforeID   int64
	Limit      int // 0 means 50
	Offset     int
}

// Keyphrase is a phrase that says what an article or story is about,
// also shown as a hashtag.
type Keyphrase struct {
	Text    string  // "nuclear talks"
	Hashtag string  // "#NuclearTalks"
	Score   float64 // higher is more telling
}

// EntityKind is what an entity is.
type EntityKind string

// Entity kinds.
const (
	EntityPerson       EntityKind = "person"
	EntityPlace        EntityKind = "place"
	EntityOrganization EntityKind = "organization"
)

// Entity is a person, place or organisation named in an article or story.
type Entity struct {
	Name  string
	Kind  EntityKind
	Count int // mentions
}

// Analysis is what the analysis stage found in one article.
type Analysis struct {
	ArticleID  int64
	Version    int // of the analysis code; a backfill redoes older ones
	Language   string
	Summary    []string // sentences, in the article's order
	Keyphrases []Keyphrase
	Entities   []Entity
	// Signature is the article's near-duplicate signature (opaque bytes).
	Signature []byte
	StoryID   int64
}

// StoryStore stores analyses and the stories they form.
type StoryStore interface {
	// SaveAnalysis stores an article's analysis and puts the article in
	// story a.StoryID (created if new), in one transaction. The story the
	// article leaves, if another, is dated anew by the articles it keeps;
	// one without a centroid (made before stories were indexed) that it
	// leaves empty is merged into a.StoryID, so its comments and links
	// follow. A story's times are its dated articles' dates, else when its
	// first article was stored. An unknown article is ENOTFOUND.
	SaveAnalysis(ctx context.Context, a *Analysis) error
	// Analysis returns an article's analysis, or ENOTFOUND.
	Analysis(ctx context.Context, articleID int64) (*Analysis, error)
	// SaveStories stores stories' aggregates (title, summary, keyphrases,
	// entities, language) and the weighted terms RelatedStories and
	// OtherLanguages compare stories by, in one transaction; counts,
	// outlets and times follow their articles.
	// An unknown story is ENOTFOUND and nothing is saved.
	SaveStories(ctx context.Context, updates ...StoryUpdate) error
	// MergeStories moves the articles of stories from into story into;
	// the ids in from stay resolvable to into.
	MergeStories(ctx context.Context, into int64, from []int64) error
	// Story returns a story, following merges, or ENOTFOUND.
	Story(ctx context.Context, id int64) (*Story, error)
	// Stories lists stories, most recently updated first.
	Stories(ctx context.Context, f StoryFilter) ([]*Story, error)
	// Timeline lists a story's articles (canonical ones and copies) in the
	// order they were published, the undated ones last.
	Timeline(ctx context.Context, storyID int64) ([]TimelineEntry, error)
	// LinkNearCopy records that articles a and b carry one text, near
	// enough: the one published first (when both dates are known; else, or
	// on ties, the more complete) becomes or stays canonical, and the other
	// one, with its own copies, becomes its copy. It returns the canonical
	// article's ID.
	LinkNearCopy(ctx context.Context, a, b int64) (int64, error)
	// PendingAnalysis lists up to limit articles after afterID, by ID,
	// whose analysis is missing, older than version, or made before
	// before (zero: no such condition), with their text.
	PendingAnalysis(ctx context.Context, version int, before time.Time, afterID int64, limit int) ([]*Article, error)
	// Signatures calls fn with the near-duplicate signature of every
	// canonical article published (or stored) at or after since, oldest
	// first; an error from fn stops it and is returned.
	Signatures(ctx context.Context, since time.Time, fn func(articleID int64, sig []byte) error) error
	// RelatedStories ranks other stories by how much they have in common
	// with story id (its terms and entities), best first; stories that
	// share little are left out.
	RelatedStories(ctx context.Context, id int64, limit int) ([]RelatedStory, error)
	// OtherLanguages lists the coverage of story id's event in other
	// languages (following merges): live stories whose language is known
	// and not story id's, that share at least two entities (entity keys
	// among their terms) with it, or one when either names only one, and
	// whose spans lie within three days of each other; best first by the
	// weight of the entities they share, at most limit (10 when not
	// positive, 100 at most). A story of unknown language has none; an
	// unknown story is ENOTFOUND.
	OtherLanguages(ctx context.Context, id int64, limit int) ([]RelatedStory, error)
}

// MetaStore keeps small named values: progress markers, snapshots.
type MetaStore interface {
	// Meta returns the value stored under key, or "" and false.
	Meta(ctx context.Context, key string) (string, bool, error)
	// SetMeta stores value under key; an empty value removes the key.
	SetMeta(ctx context.Context, key, value string) error
}
