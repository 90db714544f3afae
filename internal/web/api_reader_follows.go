package web

import (
	"context"
	"fmt"
	"net/http"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
)

// maxFollows is the most follows a reader may have (For you reads the
// first forYouFollows of them).
const maxFollows = 200

// followBody is the JSON body of POST /api/v1/follows.
type followBody struct {
	Kind       string `json:"kind"`
	Value      string `json:"value"`
	EntityKind string `json:"entity_kind"`
}

// follow checks the body and returns it as user userID's follow; its
// errors name the field at fault.
func (b followBody) follow(userID int64) (*storyline.Follow, error) {
	f := &storyline.Follow{UserID: userID, Kind: storyline.FollowKind(b.Kind), Value: b.Value, EntityKind: storyline.EntityKind(b.EntityKind)}
	switch f.Kind {
	case storyline.FollowHashtag, storyline.FollowEntity, storyline.FollowOutlet, storyline.FollowSearch:
	default:
		return nil, fieldError("kind", "%.40q, want hashtag, entity, outlet or search", b.Kind)
	}
	switch f.EntityKind {
	case "":
	case storyline.EntityPerson, storyline.EntityPlace, storyline.EntityOrganization:
		if f.Kind != storyline.FollowEntity {
			return nil, fieldError("entity_kind", "only for kind entity")
		}
	default:
		return nil, fieldError("entity_kind", "%.40q, want person, place or organization (or none for any)", b.EntityKind)
	}
	return f, nil
}

// fieldError is the EINVALID error of a JSON body's field.
func fieldError(field, format string, args ...any) error {
	return storyline.Errorf(storyline.EINVALID, "request body: field %q: %s", field, fmt.Sprintf(format, args...))
}

// addError is the error of a follow or mute (what, such as "follow
// hashtag") the store refused: its EINVALID errors name the field
// "value" (the kind is checked before: the value is empty, too long or
// not text), and its ECONFLICT says what is already there.
func addError(err error, what, value string) error {
	switch storyline.ErrorCode(err) {
	case storyline.EINVALID:
		return fieldError("value", "%s", storyline.ErrorMessage(err))
	case storyline.ECONFLICT:
		return storyline.Errorf(storyline.ECONFLICT, "you already %s %.100q", what, value)
	}
	return err
}

// apiFollows answers GET /api/v1/follows with the signed-in reader's
// follows, oldest first.
func (s *Server) apiFollows(w http.ResponseWriter, r *http.Request) {
	s.apiReaderList(w, r, func(ctx context.Context, u *storyline.User) (any, error) {
		list, err := s.store.Follows(ctx, u.ID)
		return api.NewFollowList(list), err
	})
}

// apiAddFollow answers POST /api/v1/follows {"kind", "value",
// "entity_kind"}: the signed-in reader follows a hashtag, an entity, an
// outlet or a search, and it answers 201 with the follow. Following one
// thing twice is 409.
func (s *Server) apiAddFollow(w http.ResponseWriter, r *http.Request) {
	var in followBody
	s.apiReaderAdd(w, r, &in, func(ctx context.Context, u *storyline.User) (any, error) {
		f, err := in.follow(u.ID)
		if err != nil {
			return nil, err
		}
		if err := roomFor(ctx, u.ID, s.store.Follows, maxFollows, "follow"); err != nil {
			return nil, err
		}
		if err := s.store.AddFollow(ctx, f); err != nil {
			return nil, addError(err, "follow "+string(f.Kind), f.Value)
		}
		return api.NewFollow(f), nil
	})
}

// apiDeleteFollow answers DELETE /api/v1/follows/{id}: the signed-in
// reader stops following; another reader's follow is 404.
func (s *Server) apiDeleteFollow(w http.ResponseWriter, r *http.Request) {
	s.apiReaderDelete(w, r, "follow", s.store.DeleteFollow)
}
