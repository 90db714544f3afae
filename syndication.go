package storyline

import "context"

// AlsoPublishedBy returns the other places a's text was published: the
// canonical article and its copies, without a itself. When a is a copy,
// whose text is stored once on the canonical article, a's Text and HTML are
// filled from there, and a is Truncated when the canonical article is.
func AlsoPublishedBy(ctx context.Context, s ArticleStore, a *Article) ([]*Article, error) {
	canonical := a.ID
	var out []*Article
	if a.CopyOf != 0 {
		canonical = a.CopyOf
		orig, err := s.Article(ctx, canonical)
		if err != nil {
			return nil, err
		}
		out = append(out, orig)
		if a.Text == "" {
			a.Text, a.HTML = orig.Text, orig.HTML
			a.Truncated = a.Truncated || orig.Truncated
		}
	}
	copies, err := s.Copies(ctx, canonical)
	if err != nil {
		return nil, err
	}
	for _, c := range copies {
		if c.ID != a.ID {
			out = append(out, c)
		}
	}
	return out, nil
}

// AnalysisOf returns article a's analysis; for a copy not analysed yet,
// its canonical article's (a copy belongs to the story of the text it
// copies). It returns nil, and no error, when neither is analysed.
func AnalysisOf(ctx context.Context, s StoryStore, a *Article) (*Analysis, error) {
	x, err := s.Analysis(ctx, a.ID)
	if ErrorCode(err) == ENOTFOUND && a.CopyOf != 0 {
		x, err = s.Analysis(ctx, a.CopyOf)
	}
	switch ErrorCode(err) {
	case "":
		return x, nil
	case ENOTFOUND:
		return nil, nil
	}
	return nil, err
}
