package storyline

import "context"

// Store is everything Storyline keeps. internal/store/sqlite implements it
// on an embedded SQLite database; every implementation passes the contract
// suite in internal/store/storetest.
type Store interface {
	ArticleStore
	Searcher
	FeedStore
	SourceStore
	StoryStore
	AssignmentStore
	MetaStore
	UserStore
	AppPasswordStore
	CommentStore
	RetentionStore
	ModelBriefStore
	ReadingStore
	ImageStore
	ItemStore
	// Ping checks that the store answers, for health checks.
	Ping(ctx context.Context) error
	// Close releases the store's resources.
	Close() error
}
