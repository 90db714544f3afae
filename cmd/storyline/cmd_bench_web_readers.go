package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/auth"
	"github.com/storyline/storyline/internal/loadgen"
	"github.com/storyline/storyline/internal/store/sqlite"
	"github.com/storyline/storyline/internal/web"
)

// Each bench reader's state when it has one: stories and articles read,
// items saved, follows and mutes.
const (
	benchReads   = 300
	benchSaved   = 20
	benchFollows = 3
)

// benchReaders signs in n readers named prefix-001 … (made when missing)
// and returns each one's request header (its session cookie) and ID.
func benchReaders(ctx context.Context, db *sqlite.DB, prefix string, n int, now time.Time) ([]http.Header, []int64, error) {
	hash, err := auth.HashPassword("bench-password", auth.DefaultParams())
	if err != nil {
		return nil, nil, err
	}
	headers := make([]http.Header, 0, n)
	ids := make([]int64, 0, n)
	for i := range n {
		name := fmt.Sprintf("%s-%03d", prefix, i+1)
		u, err := db.UserByName(ctx, name)
		if storyline.ErrorCode(err) == storyline.ENOTFOUND {
			u = &storyline.User{Name: name, PasswordHash: hash, Role: storyline.RoleMember}
			err = db.AddUser(ctx, u)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("reader %s: %w", name, err)
		}
		secret, tokenHash := auth.NewToken()
		if err := db.AddSession(ctx, &storyline.Session{TokenHash: tokenHash, UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(24 * time.Hour)}); err != nil {
			return nil, nil, fmt.Errorf("reader %s: %w", name, err)
		}
		headers = append(headers, http.Header{"Cookie": {web.SessionCookie + "=" + secret}, "Accept-Encoding": {"gzip"}})
		ids = append(ids, u.ID)
	}
	return headers, ids, nil
}

// giveReaderState gives each of readers what a daily reader has: some
// hundreds of stories and articles read, items saved, hashtags, entities
// and outlets followed, an outlet and a word muted — drawn from the
// store's stories (there are stories of them) and articles.
func giveReaderState(ctx context.Context, db *sqlite.DB, readers []int64, stories, articles int, now time.Time) error {
	sample, err := db.Stories(ctx, storyline.StoryFilter{Limit: 200})
	if err != nil {
		return err
	}
	if len(sample) == 0 {
		return fmt.Errorf("no stories to read")
	}
	for r, uid := range readers {
		var storyIDs, articleIDs []int64
		for i := range benchReads {
			storyIDs = append(storyIDs, int64(1+(r*131+i*7919)%stories))
			articleIDs = append(articleIDs, int64(1+(r*173+i*7907)%articles))
		}
		if err := db.MarkStoriesRead(ctx, uid, storyIDs, true, now); err != nil {
			return err
		}
		if err := db.MarkArticlesRead(ctx, uid, articleIDs, true, now); err != nil {
			return err
		}
		for i := range benchSaved {
			for _, it := range []struct {
				kind storyline.ItemKind
				id   int64
			}{{storyline.KindStory, storyIDs[i]}, {storyline.KindArticle, articleIDs[i]}} {
				if err := db.Save(ctx, uid, it.kind, it.id, now); err != nil && storyline.ErrorCode(err) != storyline.ENOTFOUND {
					return err
				}
			}
		}
		for i := range benchFollows {
			s := sample[(r*benchFollows+i)%len(sample)]
			follows := []*storyline.Follow{{UserID: uid, Kind: storyline.FollowOutlet, Value: s.Outlets[0]}}
			if len(s.Keyphrases) > 0 {
				follows = append(follows, &storyline.Follow{UserID: uid, Kind: storyline.FollowHashtag, Value: s.Keyphrases[0].Hashtag})
			}
			if len(s.Entities) > 0 {
				follows = append(follows, &storyline.Follow{UserID: uid, Kind: storyline.FollowEntity, Value: s.Entities[0].Name})
			}
			if err := addIgnoringConflict(db.AddFollow(ctx, follows[i%len(follows)])); err != nil {
				return err
			}
		}
		muted := sample[(r*7+3)%len(sample)]
		for _, m := range []*storyline.Mute{
			{UserID: uid, Kind: storyline.MuteOutlet, Value: muted.Outlets[len(muted.Outlets)-1]},
			{UserID: uid, Kind: storyline.MuteWord, Value: fmt.Sprintf("muted%d", r)},
		} {
			if err := addIgnoringConflict(db.AddMute(ctx, m)); err != nil {
				return err
			}
		}
	}
	return nil
}

// addIgnoringConflict returns err unless it says the thing was there
// already (a store reused from an earlier run).
func addIgnoringConflict(err error) error {
	if storyline.ErrorCode(err) == storyline.ECONFLICT {
		return nil
	}
	return err
}

// benchWebSignedIn runs bench web --signed-in: the pages for o.users
// readers without state, then for as many with reading state, follows
// and mutes, and compares the two.
func (a *app) benchWebSignedIn(ctx context.Context, db *sqlite.DB, client *http.Client, targets []loadgen.Target, stories, articles int, o benchWebOptions) error {
	now := time.Now()
	plain, _, err := benchReaders(ctx, db, "plain", o.users, now)
	if err != nil {
		return fmt.Errorf("bench web: %w", err)
	}
	withState, ids, err := benchReaders(ctx, db, "reader", o.users, now)
	if err == nil {
		fmt.Fprintf(a.stderr, "giving %d readers reading state, follows and mutes…\n", len(ids))
		err = giveReaderState(ctx, db, ids, stories, articles, now)
	}
	if err != nil {
		return fmt.Errorf("bench web: %w", err)
	}
	var reps [2]loadgen.Report
	var errs [2]error
	for i, headers := range [][]http.Header{plain, withState} {
		label := [...]string{"signed in, no reader state", "signed in, with reading state, follows and mutes"}[i]
		rep, err := a.benchWebRun(ctx, client, targets, headers, o)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "%s: %d articles, %d stories; %d readers on %d connections for %s on %d CPUs: %.0f requests/s\n",
			label, articles, stories, o.users, o.conns, o.duration, runtime.GOMAXPROCS(0), rep.PerSecond())
		reps[i], errs[i] = rep, a.reportBenchWeb(rep, o.maxP99)
	}
	cost := reps[0].PerSecond() / reps[1].PerSecond()
	fmt.Fprintf(a.stdout, "reader state costs %.2f× (requests/s without ÷ with; at most %.2f×)\n", cost, o.maxStateCost)
	for i := range reps[0].Results {
		r0, r1 := reps[0].Results[i], reps[1].Results[i]
		fmt.Fprintf(a.stdout, "  %-10s p50 %.2f× p99 %.2f×\n", r0.Name, ratio(r1.P50, r0.P50), ratio(r1.P99, r0.P99))
	}
	if err := errors.Join(errs[:]...); err != nil {
		return err
	}
	if cost > o.maxStateCost {
		return fmt.Errorf("bench web: reader state costs %.2f×, more than %.2f×", cost, o.maxStateCost)
	}
	return nil
}

// ratio is a ÷ b, 0 when b is 0.
func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
