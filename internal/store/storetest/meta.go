package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// testMeta covers Meta and SetMeta.
func testMeta(t *testing.T, open Opener) {
	s := newStore(t, open)
	if v, ok, err := s.Meta(ctx(t), "cursor"); err != nil || ok || v != "" {
		t.Errorf("Meta(missing) = %q, %v, %v", v, ok, err)
	}
	for _, v := range []string{"42", "43"} {
		if err := s.SetMeta(ctx(t), "cursor", v); err != nil {
			t.Fatalf("SetMeta: %v", err)
		}
		if got, ok, err := s.Meta(ctx(t), "cursor"); err != nil || !ok || got != v {
			t.Errorf("Meta = %q, %v, %v; want %q", got, ok, err, v)
		}
	}
	if err := s.SetMeta(ctx(t), "cursor", ""); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.Meta(ctx(t), "cursor"); ok {
		t.Error("an emptied key is still there")
	}
	wantCode(t, "SetMeta(empty key)", s.SetMeta(ctx(t), "", "x"), storyline.EINVALID)
}

// testPendingAnalysis covers PendingAnalysis.
func testPendingAnalysis(t *testing.T, open Opener) {
	s := newStore(t, open)
	a := save(t, s, article("https://a.example/1", "A", "One", textFloods)).ID
	b := save(t, s, article("https://b.example/2", "B", "Two", textElection)).ID
	c := save(t, s, article("https://c.example/3", "C", "Three", textHarbour)).ID
	pending := func(version int, before time.Time, after int64, limit int) []int64 {
		t.Helper()
		list, err := s.PendingAnalysis(ctx(t), version, before, after, limit)
		if err != nil {
			t.Fatalf("PendingAnalysis: %v", err)
		}
		for _, x := range list {
			if x.Text == "" {
				t.Errorf("pending article %d has no text", x.ID)
			}
		}
		return ids(list)
	}
	if got := pending(1, time.Time{}, 0, 10); !equalIDs(got, []int64{a, b, c}) {
		t.Errorf("pending = %v, want all", got)
	}
	for _, id := range []int64{a, b} {
		if err := s.SaveAnalysis(ctx(t), &storyline.Analysis{ArticleID: id, Version: 1}); err != nil {
			t.Fatal(err)
		}
	}
	if got := pending(1, time.Time{}, 0, 10); !equalIDs(got, []int64{c}) {
		t.Errorf("pending after analysing two = %v, want [%d]", got, c)
	}
	if got := pending(2, time.Time{}, 0, 10); !equalIDs(got, []int64{a, b, c}) {
		t.Errorf("pending for a newer version = %v, want all", got)
	}
	if got := pending(1, time.Now().Add(time.Hour), a, 1); !equalIDs(got, []int64{b}) {
		t.Errorf("pending after %d, limit 1, analysed before now = %v, want [%d]", a, got, b)
	}
	_, err := s.PendingAnalysis(ctx(t), 1, time.Time{}, 0, 0)
	wantCode(t, "PendingAnalysis(limit 0)", err, storyline.EINVALID)
}

// testSignatures covers Signatures.
func testSignatures(t *testing.T, open Opener) {
	s := newStore(t, open)
	old := article("https://a.example/old", "A", "Old", textFloods)
	old.Published = day().Add(-48 * time.Hour)
	oldID := save(t, s, old).ID
	newer := article("https://b.example/new", "B", "New", textElection)
	newer.Published = day()
	newID := save(t, s, newer).ID
	for _, id := range []int64{oldID, newID} {
		if err := s.SaveAnalysis(ctx(t), &storyline.Analysis{ArticleID: id, Signature: []byte{byte(id)}}); err != nil {
			t.Fatal(err)
		}
	}
	var got []int64
	err := s.Signatures(ctx(t), day().Add(-time.Hour), func(id int64, sig []byte) error {
		if len(sig) != 1 || sig[0] != byte(id) {
			t.Errorf("signature of %d = %v", id, sig)
		}
		got = append(got, id)
		return nil
	})
	if err != nil || !equalIDs(got, []int64{newID}) {
		t.Errorf("Signatures since yesterday = %v, %v; want [%d]", got, err, newID)
	}
	stop := errors.New("stop")
	if err := s.Signatures(ctx(t), time.Time{}, func(int64, []byte) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("Signatures with a failing callback = %v, want its error", err)
	}
}

// testPing covers Ping on an open store.
func testPing(t *testing.T, open Opener) {
	s := newStore(t, open)
	if err := s.Ping(ctx(t)); err != nil {
		t.Errorf("Ping: %v", err)
	}
}
