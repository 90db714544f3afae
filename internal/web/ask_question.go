package web

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/storyline/storyline"
)

// askWriteWindow is how long an answer, or each event of a streamed one,
// may take to be written: a language model's answer may take longer than
// the server's WriteTimeout.
const askWriteWindow = 2 * time.Minute

// questionText returns a question as asked, trimmed, or EINVALID naming
// field when it is empty or longer than storyline.MaxQuestionBytes.
// Bytes that are not UTF-8 become U+FFFD.
func questionText(field, text string) (string, error) {
	text = strings.TrimSpace(strings.ToValidUTF8(text, "\uFFFD"))
	switch {
	case text == "":
		return "", storyline.Errorf(storyline.EINVALID, "%s: empty; ask something about the story", field)
	case len(text) > storyline.MaxQuestionBytes:
		return "", storyline.Errorf(storyline.EINVALID, "%s: %d bytes, at most %d", field, len(text), storyline.MaxQuestionBytes)
	}
	return text, nil
}

// askStory asks story id the question text (already checked) for r's
// reader, once the limits allow, passing the model's answer to delta as it
// is written when delta is set. Signed-in readers may have the language
// model answer; visitors only with Config.AskVisitorsModel.
func (s *Server) askStory(r *http.Request, id int64, text string, delta func(string)) (*storyline.Answer, error) {
	if err := s.allowQuestion(r); err != nil {
		return nil, err
	}
	q := storyline.Question{
		StoryID: id,
		Text:    text,
		Model:   userFrom(r.Context()) != nil || s.cfg.AskVisitorsModel,
		Delta:   delta,
	}
	a, err := s.cfg.Asker.Ask(r.Context(), q)
	if err != nil {
		return nil, fmt.Errorf("ask story %d: %w", id, err)
	}
	if a == nil {
		return nil, fmt.Errorf("ask story %d: no answer and no error", id)
	}
	return a, nil
}

// extendWrite gives the response askWriteWindow more to be written, on
// the network's clock (not the site's). Writers without deadlines (tests'
// recorders) have none to extend.
func extendWrite(rc *http.ResponseController) {
	_ = rc.SetWriteDeadline(time.Now().Add(askWriteWindow))
}
