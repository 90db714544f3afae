package storyline

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// HiddenBy returns the first of mutes that hides story s from a user's
// lists, or nil: an outlet mute when every outlet of the story is muted
// (a story others cover too stays), a word mute when the word or phrase
// is in the story's title or summary as whole words, ignoring case.
func HiddenBy(s *Story, mutes []*Mute) *Mute {
	if s == nil || len(mutes) == 0 {
		return nil
	}
	var outlets []*Mute
	for _, m := range mutes {
		switch m.Kind {
		case MuteOutlet:
			outlets = append(outlets, m)
		case MuteWord:
			if containsWords(s.Title, m.Value) || containsWords(s.Summary, m.Value) {
				return m
			}
		}
	}
	if len(outlets) == 0 || len(s.Outlets) == 0 {
		return nil
	}
	var first *Mute
	for _, o := range s.Outlets {
		i := slices.IndexFunc(outlets, func(m *Mute) bool { return strings.EqualFold(m.Value, o) })
		if i < 0 {
			return nil
		}
		if first == nil {
			first = outlets[i]
		}
	}
	return first
}

// Follows reports whether follow f is about story s: one of its
// hashtags, one of its entities (of f's entity kind when set) or one of
// its outlets. Search follows are matched by searching, not here.
func (f *Follow) Follows(s *Story) bool {
	if f == nil || s == nil {
		return false
	}
	switch f.Kind {
	case FollowHashtag:
		tag := strings.TrimPrefix(f.Value, "#")
		return slices.IndexFunc(s.Keyphrases, func(k Keyphrase) bool {
			return strings.EqualFold(strings.TrimPrefix(k.Hashtag, "#"), tag)
		}) >= 0
	case FollowEntity:
		return slices.IndexFunc(s.Entities, func(e Entity) bool {
			return strings.EqualFold(e.Name, f.Value) && (f.EntityKind == "" || e.Kind == f.EntityKind)
		}) >= 0
	case FollowOutlet:
		return slices.IndexFunc(s.Outlets, func(o string) bool { return strings.EqualFold(o, f.Value) }) >= 0
	}
	return false
}

// containsWords reports whether phrase occurs in text as whole words,
// ignoring case: "art" is in "Art fair opens" but not in "the party".
func containsWords(text, phrase string) bool {
	phrase = strings.TrimSpace(phrase)
	if phrase == "" {
		return false
	}
	lt, lp := strings.ToLower(text), strings.ToLower(phrase)
	for from := 0; from <= len(lt)-len(lp); {
		i := strings.Index(lt[from:], lp)
		if i < 0 {
			return false
		}
		start, end := from+i, from+i+len(lp)
		if wordEdge(lt, start, true) && wordEdge(lt, end, false) {
			return true
		}
		from = start + 1
	}
	return false
}

// wordEdge reports whether offset i of s is a word boundary: the rune
// before it (before true) or at it is no letter or digit.
func wordEdge(s string, i int, before bool) bool {
	var r rune
	switch {
	case before && i == 0, !before && i >= len(s):
		return true
	case before:
		r, _ = utf8.DecodeLastRuneInString(s[:i])
	default:
		r, _ = utf8.DecodeRuneInString(s[i:])
	}
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}
