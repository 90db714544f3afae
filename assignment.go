package storyline

import "context"

// An Assignment is one entry of the assignment log: where the analysis
// put one article. Several processes analysing into one store share their
// clustering through it: each assigns under the store's assignment lock,
// after replaying the entries the others logged since its last look, so
// that every process decides from the same state and no event gets two
// stories because two articles of it were analysed at once.
type Assignment struct {
	Seq       int64 // the entry's place in the log; set by SaveAssignment
	ArticleID int64
	// NearCopy says the article was linked as a near copy of another
	// (LinkNearCopy) instead of being clustered; Kept and Dropped are then
	// the articles the near-copy index gained and lost (Dropped 0 when the
	// earlier article stayed canonical, Kept 0 when the index is unchanged).
	NearCopy      bool
	Kept, Dropped int64
	// Joined is the story the article was added to; Story the one it is
	// in after Folds (Joined when there were none).
	Joined, Story int64
	// Folds are the stories merged by this assignment, in order.
	Folds []StoryFold
}

// A StoryFold is one merge of stories: From folded into Into.
type StoryFold struct {
	Into, From int64
}

// AssignmentStore keeps the assignment log and its lock.
type AssignmentStore interface {
	// LockAssignments waits for the assignment lock, which one caller
	// holds at a time across every process sharing the store, and returns
	// the function that releases it. A holder whose process dies releases
	// it.
	LockAssignments(ctx context.Context) (unlock func(), err error)
	// SaveAssignment stores analysis a, merges the stories rec.Folds names
	// into rec.Story, and appends rec to the log, all in one transaction,
	// setting rec.Seq. The caller holds the assignment lock.
	SaveAssignment(ctx context.Context, a *Analysis, rec *Assignment) error
	// Assignments lists up to limit log entries after seq, in order.
	Assignments(ctx context.Context, afterSeq int64, limit int) ([]Assignment, error)
}
