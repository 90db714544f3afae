package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/storyline/storyline"
)

// articlePageView is the data of the article page.
type articlePageView struct {
	Article    *storyline.Article
	Lang       string   // the language of its text (the analysis's, else the page's), for lang and dir
	Paragraphs []string // the text, when the article has no HTML
	Original   string   // the article's http(s) URL, or ""
	Image      string   // the page-width rendition of its kept lead image, or ""
	Summary    []string
	Hashtags   []storyline.Keyphrase
	Also       []*storyline.Article // the same text by other outlets
	Story      *storyline.Story     // nil when the article is in none
	Coverage   []storyline.TimelineEntry
	Related    []storyline.RelatedStory
	Comments   commentBlock
	// Reader is the signed-in reader's state of the article and those
	// listed, nil for a visitor; Opened is that opening the page marked
	// the article read.
	Reader *readerState
	Opened bool
}

// pageArticle shows an article: its clean text, outlet, byline, time,
// hashtags and summary, who else published it, its story and related
// coverage, and comments.
func (s *Server) pageArticle(w http.ResponseWriter, r *http.Request) {
	s.pageByID(w, r, "article", s.showArticle)
}

// showArticle renders article id with status, the comment form as given.
func (s *Server) showArticle(w http.ResponseWriter, r *http.Request, id int64, status int, form commentForm) {
	v, err := s.articleView(r.Context(), id, form)
	if err == nil {
		err = s.openArticle(r, v)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	title := v.Article.Title
	if title == "" {
		title = "Untitled article"
	}
	s.validateArticlePage(r.Context(), v.Article.ID, v.Story)
	s.render(w, r, status, "article", title, v)
}

// articleView gathers what the article page shows about article id.
func (s *Server) articleView(ctx context.Context, id int64, form commentForm) (*articlePageView, error) {
	a, err := s.store.Article(ctx, id)
	if err != nil {
		return nil, err
	}
	v := &articlePageView{Article: a, Lang: textLang(a.Language), Original: webURL(a.URL, true)}
	images, err := s.store.ArticleImages(ctx, []int64{a.ID})
	if err != nil {
		return nil, fmt.Errorf("the image of article %d: %w", a.ID, err)
	}
	v.Image = imageURL(images[a.ID], storyline.ImagePage)
	if v.Also, err = storyline.AlsoPublishedBy(ctx, s.store, a); err != nil {
		return nil, err
	}
	if a.HTML == "" {
		v.Paragraphs = paragraphs(a.Text)
	}
	an, err := s.articleAnalysis(ctx, a)
	if err != nil {
		return nil, err
	}
	if an != nil {
		v.Summary, v.Hashtags = an.Summary, an.Keyphrases
		if l := textLang(an.Language); l != "" {
			v.Lang = l
		}
		if err := s.articleStory(ctx, v, an.StoryID); err != nil {
			return nil, err
		}
	}
	v.Comments, err = s.commentBlock(ctx, storyline.CommentFilter{ArticleID: id}, articlePath(id), form)
	return v, err
}

// articleAnalysis returns the analysis of an article, or of the original
// of a copy that has none; nil when there is none.
func (s *Server) articleAnalysis(ctx context.Context, a *storyline.Article) (*storyline.Analysis, error) {
	an, err := s.store.Analysis(ctx, a.ID)
	if storyline.ErrorCode(err) == storyline.ENOTFOUND && a.CopyOf != 0 {
		an, err = s.store.Analysis(ctx, a.CopyOf)
	}
	if storyline.ErrorCode(err) == storyline.ENOTFOUND {
		return nil, nil
	}
	return an, err
}

// articleStory fills in the article's story, the story's other articles
// and the related stories.
func (s *Server) articleStory(ctx context.Context, v *articlePageView, storyID int64) error {
	if storyID == 0 {
		return nil
	}
	st, err := s.store.Story(ctx, storyID)
	if storyline.ErrorCode(err) == storyline.ENOTFOUND {
		return nil
	}
	if err != nil {
		return err
	}
	v.Story = st
	timeline, err := s.store.Timeline(ctx, st.ID)
	if err != nil {
		return err
	}
	for _, e := range timeline {
		if e.ArticleID != v.Article.ID && len(v.Coverage) < maxTimeline {
			v.Coverage = append(v.Coverage, e)
		}
	}
	v.Related, err = s.store.RelatedStories(ctx, st.ID, maxRelated)
	return err
}

// webURL returns raw if it is an absolute https URL, or also http when
// plain is true; else "".
func webURL(raw string, plain bool) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	if u.Scheme == "https" || (plain && u.Scheme == "http") {
		return raw
	}
	return ""
}

// paragraphs splits plain text at its blank lines.
func paragraphs(text string) []string {
	var out []string
	for p := range strings.SplitSeq(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
