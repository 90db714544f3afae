package storeutil

import (
	"fmt"
	"time"

	"github.com/storyline/storyline"
)

// TokenDayLayout is the form of the days model tokens are counted by
// (UTC).
const TokenDayLayout = "2006-01-02"

// CheckTokenDay returns EINVALID, naming day, unless it is a date in
// the form of TokenDayLayout.
func CheckTokenDay(day string) error {
	if d, err := time.Parse(TokenDayLayout, day); err != nil || d.Format(TokenDayLayout) != day {
		return storyline.Errorf(storyline.EINVALID, "model tokens: day %q is not a date like %s", day, TokenDayLayout)
	}
	return nil
}

// CheckModelTokens checks what AddModelTokens requires: a day as
// CheckTokenDay wants it and a count of tokens that is not negative.
func CheckModelTokens(day string, n int64) error {
	if err := CheckTokenDay(day); err != nil {
		return err
	}
	if n < 0 {
		return storyline.Errorf(storyline.EINVALID, "model tokens of %s: count %d is negative", day, n)
	}
	return nil
}

// EncodeModelBrief checks what SaveModelBrief requires of a model's
// attempt at story id's brief (a number of articles that is not
// negative; EINVALID otherwise) and returns brief b as EncodeBrief does,
// "" for nil.
func EncodeModelBrief(id int64, b *storyline.Brief, articles int) (string, error) {
	if articles < 0 {
		return "", storyline.Errorf(storyline.EINVALID, "model brief of story %d: %d articles is negative", id, articles)
	}
	enc, err := EncodeBrief(b)
	if err != nil {
		return "", fmt.Errorf("model brief of story %d: %w", id, err)
	}
	return enc, nil
}

// StoryBrief decodes the brief Story returns from a story's stored
// built-in brief and model brief (nil: none): the model's, with the
// built-in brief's Coverage, when there is one, else the built-in
// brief. fromModel says it is the model's, whose text is then the
// story's summary.
func StoryBrief(builtIn string, model *string) (b *storyline.Brief, fromModel bool, err error) {
	own, err := DecodeBrief(builtIn)
	if err != nil || model == nil {
		return own, false, err
	}
	b, err = DecodeBrief(*model)
	if err != nil || b == nil {
		return own, false, err
	}
	b.Coverage = nil
	if own != nil {
		b.Coverage = own.Coverage
	}
	return b, true, nil
}
