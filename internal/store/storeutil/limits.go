package storeutil

import "github.com/storyline/storyline"

// Default and largest page sizes of Articles.
const (
	DefaultArticleLimit = 50   // Articles' page size for a Limit of 0
	MaxArticleLimit     = 1000 // Articles' largest page size
)

// Default and largest page sizes of Comments.
const (
	DefaultCommentLimit = 100 // Comments' page size for a Limit of 0
	MaxCommentLimit     = 500 // Comments' largest page size
)

// Default and largest page sizes of Search.
const (
	DefaultSearchLimit = 20  // Search's page size for a Limit of 0
	MaxSearchLimit     = 200 // Search's largest page size
)

// Default and largest page sizes of Stories.
const (
	DefaultStoryLimit = 50  // Stories' page size for a Limit of 0
	MaxStoryLimit     = 500 // Stories' largest page size
)

// DefaultRelatedLimit is how many related stories RelatedStories lists
// when its limit is not positive; MaxRelatedLimit is the most it lists.
const (
	DefaultRelatedLimit = 10
	MaxRelatedLimit     = 100
)

// RelatedLimit is the number of related stories to list for a limit
// asked: DefaultRelatedLimit when not positive, at most MaxRelatedLimit.
func RelatedLimit(limit int) int {
	if limit <= 0 {
		return DefaultRelatedLimit
	}
	return min(limit, MaxRelatedLimit)
}

// PageLimit checks a page's limit and offset and returns the limit to use:
// def for 0, at most max. A negative limit or offset is EINVALID.
func PageLimit(limit, offset, def, max int) (int, error) {
	if limit < 0 || offset < 0 {
		return 0, storyline.Errorf(storyline.EINVALID, "limit and offset must not be negative (got %d and %d)", limit, offset)
	}
	if limit == 0 {
		return def, nil
	}
	return min(limit, max), nil
}

// CheckPositiveLimit returns EINVALID, naming the operation what, unless
// limit is at least 1.
func CheckPositiveLimit(what string, limit int) error {
	if limit <= 0 {
		return storyline.Errorf(storyline.EINVALID, "%s: limit %d is not positive", what, limit)
	}
	return nil
}

// MaxPruneLimit is the most articles one Prune deletes: a transaction
// that holds the writer for a moment, not for minutes.
const MaxPruneLimit = 5000

// CheckPruneLimit rejects a Prune limit outside 1…MaxPruneLimit.
func CheckPruneLimit(limit int) error {
	if limit < 1 || limit > MaxPruneLimit {
		return storyline.Errorf(storyline.EINVALID, "prune: limit %d: want 1 to %d", limit, MaxPruneLimit)
	}
	return nil
}
