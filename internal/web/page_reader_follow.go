package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/storyline/storyline"
)

// followButton is what a page's Follow button follows, and the reader's
// follow of it when they follow it already.
type followButton struct {
	Kind       storyline.FollowKind
	Value      string
	EntityKind storyline.EntityKind
	Label      string // what the button's accessible name says it follows
	Follow     *storyline.Follow
}

// followButtonFor is reader st's Follow button for value of kind
// (entityKind for an entity), labelled label; nil for a visitor.
func followButtonFor(st *readerState, kind storyline.FollowKind, value string, entityKind storyline.EntityKind, label string) *followButton {
	if st == nil {
		return nil
	}
	b := &followButton{Kind: kind, Value: value, EntityKind: entityKind, Label: label}
	for _, f := range st.Follows {
		if f.Kind == kind && equalFoldTrim(f.Value, value) && (kind != storyline.FollowEntity || f.EntityKind == entityKind) {
			b.Follow = f
			break
		}
	}
	return b
}

// muteButton is a page's "Mute outlet" button, and the reader's mute of
// the outlet when they mute it already.
type muteButton struct {
	Value string
	Label string
	Mute  *storyline.Mute
}

// muteButtonFor is reader st's "Mute outlet" button for outlet; nil for a
// visitor.
func muteButtonFor(st *readerState, outlet string) *muteButton {
	if st == nil {
		return nil
	}
	return &muteButton{Value: outlet, Label: outlet, Mute: st.Muting(storyline.MuteOutlet, outlet)}
}

// followValue tidies the value of a follow of kind: trimmed, a hashtag
// without its "#".
func followValue(kind storyline.FollowKind, value string) string {
	value = strings.TrimSpace(value)
	if kind == storyline.FollowHashtag {
		value = strings.TrimSpace(strings.TrimPrefix(value, "#"))
	}
	return value
}

// postFollow follows what the form names (kind, value, entity_kind) for
// the signed-in reader and goes back to the page the form was on;
// following a thing again changes nothing.
func (s *Server) postFollow(w http.ResponseWriter, r *http.Request) {
	if !s.userForm(w, r) {
		return
	}
	u := userFrom(r.Context())
	kind := r.PostFormValue("kind")
	in := followBody{Kind: kind, Value: followValue(storyline.FollowKind(kind), r.PostFormValue("value")), EntityKind: r.PostFormValue("entity_kind")}
	f, err := in.follow(u.ID)
	if err == nil {
		err = s.addReaderRule(r.Context(), maxFollows, func(ctx context.Context) (int, error) {
			list, err := s.store.Follows(ctx, u.ID)
			return len(list), err
		}, func(ctx context.Context) error { return s.store.AddFollow(ctx, f) })
	}
	s.readerRuleDone(w, r, err)
}

// postMute mutes what the form names (kind outlet or word, value) for
// the signed-in reader and goes back to the page the form was on; muting
// a thing again changes nothing.
func (s *Server) postMute(w http.ResponseWriter, r *http.Request) {
	if !s.userForm(w, r) {
		return
	}
	u := userFrom(r.Context())
	m := &storyline.Mute{UserID: u.ID, Kind: storyline.MuteKind(r.PostFormValue("kind")), Value: strings.TrimSpace(r.PostFormValue("value"))}
	var err error
	if m.Kind != storyline.MuteOutlet && m.Kind != storyline.MuteWord {
		err = storyline.Errorf(storyline.EINVALID, "field kind=%.20q: want outlet or word", m.Kind)
	}
	if err == nil {
		err = s.addReaderRule(r.Context(), maxMutes, func(ctx context.Context) (int, error) {
			list, err := s.store.Mutes(ctx, u.ID)
			return len(list), err
		}, func(ctx context.Context) error { return s.store.AddMute(ctx, m) })
	}
	s.readerRuleDone(w, r, err)
}

// addReaderRule adds a follow or mute with add unless the reader has
// max of them already (count); one there already is no error.
func (s *Server) addReaderRule(ctx context.Context, max int, count func(context.Context) (int, error), add func(context.Context) error) error {
	n, err := count(ctx)
	if err != nil {
		return err
	}
	if n >= max {
		return storyline.Errorf(storyline.ETOOMANY, "you have %d follows or mutes of this kind, the most allowed: remove one first", n)
	}
	if err := add(ctx); err != nil && storyline.ErrorCode(err) != storyline.ECONFLICT {
		return err
	}
	return nil
}

// postFollowDelete stops the signed-in reader's follow of the path's id
// and goes back to the page the form was on.
func (s *Server) postFollowDelete(w http.ResponseWriter, r *http.Request) {
	s.deleteReaderRule(w, r, "follow", s.store.DeleteFollow)
}

// postMuteDelete removes the signed-in reader's mute of the path's id
// and goes back to the page the form was on.
func (s *Server) postMuteDelete(w http.ResponseWriter, r *http.Request) {
	s.deleteReaderRule(w, r, "mute", s.store.DeleteMute)
}

// deleteReaderRule removes the reader's follow or mute (what) of the
// path's id with del; another reader's is not found.
func (s *Server) deleteReaderRule(w http.ResponseWriter, r *http.Request, what string, del func(ctx context.Context, userID, id int64) error) {
	if !s.userForm(w, r) {
		return
	}
	id, err := idParam(r, "id", what)
	if err == nil {
		err = del(r.Context(), userFrom(r.Context()).ID, id)
	}
	if storyline.ErrorCode(err) == storyline.ENOTFOUND {
		err = storyline.Errorf(storyline.ENOTFOUND, "you have no %s %d", what, id)
	}
	s.readerRuleDone(w, r, err)
}

// readerRuleDone answers a change of the reader's follows or mutes:
// the error, or, having forgotten their For you ranking, the page the
// form was on.
func (s *Server) readerRuleDone(w http.ResponseWriter, r *http.Request, err error) {
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.forgetReader(userFrom(r.Context()).ID)
	s.readerDone(w, r, backTo(r))
}
