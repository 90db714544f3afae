package postgres

import (
	"context"
	"testing"

	"github.com/storyline/storyline"
)

// TestAssignmentLockLost checks that an assignment is refused, and not
// logged, when the session holding the assignment lock has ended, since
// another process may have taken the lock meanwhile.
func TestAssignmentLockLost(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	res, err := db.SaveArticle(ctx, &storyline.Article{URL: "https://a.example/1", Source: "A", Title: "Harbour reopens",
		Text: "The harbour reopened on Monday.", ContentHash: storyline.ContentHash("The harbour reopened on Monday.")})
	if err != nil {
		t.Fatal(err)
	}
	unlock, err := db.LockAssignments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if _, err := db.pool.Exec(ctx, `SELECT pg_terminate_backend($1)`, db.lockPID.Load()); err != nil {
		t.Fatal(err)
	}
	rec := &storyline.Assignment{ArticleID: res.ID, Joined: 1, Story: 1}
	err = db.SaveAssignment(ctx, &storyline.Analysis{ArticleID: res.ID, Version: 1, StoryID: 1}, rec)
	if storyline.ErrorCode(err) != storyline.ECONFLICT {
		t.Errorf("SaveAssignment after the lock's session ended: %v, want ECONFLICT", err)
	}
	if log, err := db.Assignments(ctx, 0, 10); err != nil || len(log) != 0 {
		t.Errorf("Assignments = %+v, %v; want none", log, err)
	}
}
