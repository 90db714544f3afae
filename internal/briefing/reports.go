package briefing

import (
	"context"
	"fmt"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/analysis/modelbrief"
)

// Store is what briefing reads and writes.
type Store interface {
	Story(ctx context.Context, id int64) (*storyline.Story, error)
	Timeline(ctx context.Context, storyID int64) ([]storyline.TimelineEntry, error)
	Article(ctx context.Context, id int64) (*storyline.Article, error)
	storyline.ModelBriefStore
}

// storyReports returns up to n reports of story s with text, in the
// order of publication: its first article and its latest dated ones, not
// syndicated copies, and in the story's language when it has n or fewer
// of those and at least one.
func storyReports(ctx context.Context, st Store, s *storyline.Story, n int) ([]modelbrief.Report, error) {
	timeline, err := st.Timeline(ctx, s.ID)
	if err != nil {
		return nil, fmt.Errorf("read the timeline of story %d: %w", s.ID, err)
	}
	var all []modelbrief.Report
	for _, e := range sample(timeline, 3*n) {
		if e.CopyOf != 0 {
			continue
		}
		a, err := st.Article(ctx, e.ArticleID)
		if storyline.ErrorCode(err) == storyline.ENOTFOUND {
			continue // removed since the timeline was read
		}
		if err != nil {
			return nil, fmt.Errorf("read article %d of story %d: %w", e.ArticleID, s.ID, err)
		}
		if strings.TrimSpace(a.Text) == "" {
			continue
		}
		all = append(all, modelbrief.Report{ID: a.ID, Source: e.Source, Title: a.Title, Published: e.Published, Text: a.Text, Lang: baseLang(a.Language)})
	}
	var same []modelbrief.Report
	for _, r := range all {
		if s.Language == "" || r.Lang == "" || r.Lang == s.Language {
			same = append(same, r)
		}
	}
	if len(same) > 0 {
		all = same
	}
	return sample(all, n), nil
}

// sample returns at most n of xs: the first and the last n-1.
func sample[T any](xs []T, n int) []T {
	if len(xs) <= n || n < 1 {
		return xs
	}
	return append([]T{xs[0]}, xs[len(xs)-(n-1):]...)
}

// baseLang returns the primary subtag of a language tag, lower-cased.
func baseLang(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return strings.ToLower(tag)
}
