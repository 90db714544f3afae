package ask

import (
	"unicode"

	"github.com/storyline/storyline/internal/text"
)

// maxQuestionBytes bounds the question read: a longer one is cut.
const maxQuestionBytes = 1024

// qterm is one content word of a question.
type qterm struct {
	ids  []int32 // the story's terms it matches, in any of its languages; none when the story lacks it
	soft bool    // a generic verb (see questionSource.soft)
}

// questionTerms returns the content words of question, each once and at
// most text.MaxQueryWords of them: its words in the language it is
// written in (one of the story's, or English), stop words and question
// words dropped, each matched against the story's terms in every
// language of the story.
func (ix *Index) questionTerms(question string) []qterm {
	question = cut(question, maxQuestionBytes)
	an := ix.questionLanguage(question)
	lang := an.Language()
	var out []qterm
	seen := make(map[string]bool)
	for _, w := range text.WordsIn(lang, question) {
		if len(out) == text.MaxQueryWords {
			break
		}
		t, ok := termOf(an, w.Text)
		if !ok || seen[t] {
			continue
		}
		seen[t] = true
		kind := kindOf(lang, text.Fold(w.Text), t)
		if kind == askWord {
			continue
		}
		q := qterm{soft: kind == softWord}
		q.ids = ix.lookup(q.ids, t)
		for _, other := range ix.langs {
			if other != an {
				if t, ok := termOf(other, w.Text); ok {
					q.ids = ix.lookup(q.ids, t)
				}
			}
		}
		out = append(out, q)
	}
	return out
}

// lookup appends the id of term t to ids, if the story has it and ids
// does not.
func (ix *Index) lookup(ids []int32, t string) []int32 {
	id, ok := ix.vocab[t]
	if !ok {
		return ids
	}
	for _, x := range ids {
		if x == id {
			return ids
		}
	}
	return append(ids, id)
}

// questionLanguage returns the analyzer of the language question is
// written in, among the story's languages and English: for Chinese or
// Japanese script the story's Chinese or Japanese, else the one whose
// stop and question words the question uses most (the story's language
// when none does better).
func (ix *Index) questionLanguage(question string) *text.Analyzer {
	cands := ix.langs
	if ix.english != nil {
		cands = append(cands[:len(cands):len(cands)], ix.english)
	}
	if len(cands) == 1 {
		return cands[0]
	}
	if a := ix.cjkLanguage(question); a != nil {
		return a
	}
	words := text.Words(question)
	best, bestCount := cands[0], 0
	for _, a := range cands {
		q := questionLexicons()[a.Language()]
		n := 0
		for _, w := range words {
			f := text.Fold(w.Text)
			if a.IsStop(f) || (q != nil && q.ask[f]) {
				n++
			}
		}
		if n > bestCount {
			best, bestCount = a, n
		}
	}
	return best
}

// cjkLanguage returns the story's Japanese analyzer for a question
// holding kana, its Chinese or Japanese one for a question holding Han
// characters; nil otherwise.
func (ix *Index) cjkLanguage(question string) *text.Analyzer {
	var zh, ja *text.Analyzer
	for _, a := range ix.langs {
		switch a.Language() {
		case "zh":
			zh = a
		case "ja":
			ja = a
		}
	}
	if zh == nil && ja == nil {
		return nil
	}
	han, kana := false, false
	for _, r := range question {
		switch {
		case unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r):
			kana = true
		case unicode.Is(unicode.Han, r):
			han = true
		}
	}
	switch {
	case kana && ja != nil:
		return ja
	case han && zh != nil:
		return zh
	case han:
		return ja
	}
	return nil
}
