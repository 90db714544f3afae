package web

import (
	"net/http"
	"strconv"

	"github.com/storyline/storyline"
)

// askForm is the "Ask this story" form: on the story page, and again on
// the answer page with the question asked.
type askForm struct {
	Heading  string
	Action   string // the form's page route, for browsers without the script
	API      string // the API route the script posts to
	Question string // as last asked
	Max      int    // the longest question, in bytes
	Error    string // why the last question was refused
}

// newAskForm returns the empty form for story id.
func newAskForm(id int64) askForm {
	return askForm{
		Heading: "Ask this story",
		Action:  storyPath(id) + "/ask",
		API:     "/api/v1/stories/" + strconv.FormatInt(id, 10) + "/ask",
		Max:     storyline.MaxQuestionBytes,
	}
}

// AskForm is the story page's "Ask this story" form, shown when Ask is
// set.
func (v *storyPageView) AskForm() askForm { return newAskForm(v.Story.ID) }

// askPageView is the data of the answer page.
type askPageView struct {
	Story    *storyline.Story
	Question string
	// Answer is nil when the question was refused: Form.Error says why.
	Answer *storyline.Answer
	// Lines are the answer's sentences with numbered links to the
	// articles they cite, as the story's brief shows them; nil when the
	// answer has none (its text is shown).
	Lines *briefView
	// BuiltIn is true when the answer is the coverage's own sentences,
	// not a language model's.
	BuiltIn bool
	Form    askForm
}

// postStoryAsk answers the "Ask this story" form of a browser without the
// script (which uses the API): a page with the question and its answer.
// It changes nothing, so it needs no more than the cross-origin check
// every form has; visitors may ask whenever they may read. A refused
// question (empty, too long, too many) shows the form again with why.
func (s *Server) postStoryAsk(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "id", "story")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	st, err := s.store.Story(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := &askPageView{Story: st, Form: newAskForm(st.ID)}
	v.Form.Heading = "Ask again"
	v.Form.Question = r.PostForm.Get("question")
	text, err := questionText("question", v.Form.Question)
	if err == nil {
		v.Question, v.Form.Question = text, text
		extendWrite(http.NewResponseController(w))
		v.Answer, err = s.askStory(r, st.ID, text, nil)
	}
	title := "Ask: " + st.Title
	switch code := storyline.ErrorCode(err); {
	case code == storyline.EINVALID || code == storyline.ETOOMANY:
		setRetryAfter(w, err)
		v.Form.Error = storyline.ErrorMessage(err)
		s.render(w, r, statusOf(code), "ask", title, v)
		return
	case err != nil && ctx.Err() != nil:
		return // the reader has gone
	case err != nil:
		s.fail(w, r, err)
		return
	}
	timeline, err := s.store.Timeline(ctx, st.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a := v.Answer
	v.Lines = newBriefView(&storyline.Brief{Sentences: a.Sentences, Generator: a.Generator}, timeline)
	v.BuiltIn = a.Generator == "" || a.Generator == storyline.BuiltInBrief
	s.render(w, r, http.StatusOK, "ask", title, v)
}
