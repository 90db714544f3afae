package storetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// testAssignments checks the assignment log: entries saved with their
// analyses and merges, listed in order after a place, refused when
// inconsistent; and the lock, held by one caller at a time.
func testAssignments(t *testing.T, open Opener) {
	s := newStore(t, open)
	var arts []int64
	for i, u := range []string{"https://a.example/1", "https://b.example/2", "https://c.example/3", "https://d.example/4"} {
		a := article(u, "Outlet", "Harbour reopens "+string(rune('A'+i)), textHarbour)
		a.Text += " " + u
		arts = append(arts, save(t, s, a).ID)
	}
	recs := []storyline.Assignment{
		{ArticleID: arts[0], Joined: 5, Story: 5},
		{ArticleID: arts[1], Joined: 6, Story: 6},
		{ArticleID: arts[2], Joined: 6, Story: 5, Folds: []storyline.StoryFold{{Into: 5, From: 6}}},
		{ArticleID: arts[3], NearCopy: true, Kept: arts[3], Dropped: arts[2]},
	}
	unlock, err := s.LockAssignments(ctx(t))
	if err != nil {
		t.Fatalf("LockAssignments: %v", err)
	}
	for i := range recs {
		a := &storyline.Analysis{ArticleID: recs[i].ArticleID, Version: 1, StoryID: max(recs[i].Story, 5)}
		if err := s.SaveAssignment(ctx(t), a, &recs[i]); err != nil {
			t.Fatalf("SaveAssignment(%d): %v", i, err)
		}
		if i > 0 && recs[i].Seq <= recs[i-1].Seq {
			t.Errorf("entry %d has seq %d after %d", i, recs[i].Seq, recs[i-1].Seq)
		}
	}
	wantCode(t, "SaveAssignment(other article's analysis)", s.SaveAssignment(ctx(t),
		&storyline.Analysis{ArticleID: arts[0], StoryID: 5}, &storyline.Assignment{ArticleID: arts[1], Joined: 5, Story: 5}), storyline.EINVALID)
	wantCode(t, "SaveAssignment(no story)", s.SaveAssignment(ctx(t),
		&storyline.Analysis{ArticleID: arts[0]}, &storyline.Assignment{ArticleID: arts[0]}), storyline.EINVALID)
	wantCode(t, "SaveAssignment(unknown article)", s.SaveAssignment(ctx(t),
		&storyline.Analysis{ArticleID: 9999, StoryID: 5}, &storyline.Assignment{ArticleID: 9999, Joined: 5, Story: 5}), storyline.ENOTFOUND)
	unlock()

	got, err := s.Assignments(ctx(t), 0, 10)
	if err != nil {
		t.Fatalf("Assignments: %v", err)
	}
	if !reflect.DeepEqual(got, recs) {
		t.Errorf("Assignments(0) = %+v\nwant %+v (the refused entries must not be logged)", got, recs)
	}
	if got, err := s.Assignments(ctx(t), recs[0].Seq, 2); err != nil || len(got) != 2 || got[0].Seq != recs[1].Seq {
		t.Errorf("Assignments(after the first, 2) = %+v, %v; want entries 2 and 3", got, err)
	}
	if got, err := s.Assignments(ctx(t), recs[3].Seq, 10); err != nil || len(got) != 0 {
		t.Errorf("Assignments(after the last) = %+v, %v; want none", got, err)
	}
	for _, id := range arts[:3] {
		if x, err := s.Analysis(ctx(t), id); err != nil || x.StoryID != 5 {
			t.Errorf("article %d after the folds: %+v, %v; want story 5", id, x, err)
		}
	}
	if st, err := s.Story(ctx(t), 6); err != nil || st.ID != 5 {
		t.Errorf("Story(6) after it was folded: %+v, %v; want story 5", st, err)
	}
	testAssignmentLock(t, s)
}

// testAssignmentLock checks that the lock has one holder at a time.
func testAssignmentLock(t *testing.T, s storyline.Store) {
	unlock, err := s.LockAssignments(ctx(t))
	if err != nil {
		t.Fatalf("LockAssignments: %v", err)
	}
	short, cancel := context.WithTimeout(ctx(t), 200*time.Millisecond)
	defer cancel()
	if again, err := s.LockAssignments(short); err == nil {
		again()
		t.Fatal("LockAssignments succeeded while the lock was held")
	}
	unlock()
	again, err := s.LockAssignments(ctx(t))
	if err != nil {
		t.Fatalf("LockAssignments after unlock: %v", err)
	}
	again()
}
