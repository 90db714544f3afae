package web

import (
	"context"
	"fmt"
	"hash/fnv"
	"strconv"

	"github.com/storyline/storyline"
)

// A story's or an article's shared page grown stale is kept without being
// rendered again while the story it shows is unchanged: telling that
// takes one or two small reads, rendering the page a few dozen. Its side
// panels (related stories, other languages) may change without the story;
// they are renewed when the page is rendered again, at the latest
// validatedMaxAge (and a little) after it was.

// storyVersion identifies what a page shows of story x.
func storyVersion(x *storyline.Story) string {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d|%d|%d|%d|%s|%s", x.ID, x.LastUpdated.UnixNano(), x.ArticleCount, x.CommentCount, x.Title, x.Summary)
	if b := x.Brief; b != nil {
		fmt.Fprintf(h, "|%s|%d", b.Generator, b.UpdatedAt.UnixNano())
	}
	return strconv.FormatUint(h.Sum64(), 36)
}

// validateStoryPage gives the shared page ctx renders, if any, story x's
// page, the validator of x.
func (s *Server) validateStoryPage(ctx context.Context, x *storyline.Story) {
	hs := holesFrom(ctx)
	if hs == nil {
		return
	}
	id := x.ID
	hs.version = storyVersion(x)
	hs.validate = func(ctx context.Context) (string, error) {
		st, err := s.store.Story(ctx, id)
		if err != nil {
			return "", err
		}
		return storyVersion(st), nil
	}
}

// validateArticlePage gives the shared page ctx renders, if any, article
// id's page showing story x (nil for none), the validator of the story
// the article's analysis files it in.
func (s *Server) validateArticlePage(ctx context.Context, id int64, x *storyline.Story) {
	hs := holesFrom(ctx)
	if hs == nil {
		return
	}
	hs.version = "none"
	if x != nil {
		hs.version = storyVersion(x)
	}
	hs.validate = func(ctx context.Context) (string, error) {
		an, err := s.store.Analysis(ctx, id)
		switch {
		case storyline.ErrorCode(err) == storyline.ENOTFOUND || err == nil && an.StoryID == 0:
			return "none", nil
		case err != nil:
			return "", err
		}
		st, err := s.store.Story(ctx, an.StoryID)
		if storyline.ErrorCode(err) == storyline.ENOTFOUND {
			return "none", nil
		}
		if err != nil {
			return "", err
		}
		return storyVersion(st), nil
	}
}
