package web

import (
	"context"
	"net/http"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
)

// maxMutes is the most mutes a reader may have.
const maxMutes = 200

// muteBody is the JSON body of POST /api/v1/mutes.
type muteBody struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

// apiMutes answers GET /api/v1/mutes with the signed-in reader's mutes,
// oldest first.
func (s *Server) apiMutes(w http.ResponseWriter, r *http.Request) {
	s.apiReaderList(w, r, func(ctx context.Context, u *storyline.User) (any, error) {
		list, err := s.store.Mutes(ctx, u.ID)
		return api.NewMuteList(list), err
	})
}

// apiAddMute answers POST /api/v1/mutes {"kind": "outlet" | "word",
// "value"}: the signed-in reader hides an outlet's stories (those no
// other outlet covers) or stories with a word or phrase from their Top,
// Latest and For you, and it answers 201 with the mute. Muting one thing
// twice is 409.
func (s *Server) apiAddMute(w http.ResponseWriter, r *http.Request) {
	var in muteBody
	s.apiReaderAdd(w, r, &in, func(ctx context.Context, u *storyline.User) (any, error) {
		m := &storyline.Mute{UserID: u.ID, Kind: storyline.MuteKind(in.Kind), Value: in.Value}
		if m.Kind != storyline.MuteOutlet && m.Kind != storyline.MuteWord {
			return nil, fieldError("kind", "%.40q, want outlet or word", in.Kind)
		}
		if err := roomFor(ctx, u.ID, s.store.Mutes, maxMutes, "mute"); err != nil {
			return nil, err
		}
		if err := s.store.AddMute(ctx, m); err != nil {
			return nil, addError(err, "mute "+string(m.Kind), m.Value)
		}
		return api.NewMute(m), nil
	})
}

// apiDeleteMute answers DELETE /api/v1/mutes/{id}: the signed-in reader
// unmutes; another reader's mute is 404.
func (s *Server) apiDeleteMute(w http.ResponseWriter, r *http.Request) {
	s.apiReaderDelete(w, r, "mute", s.store.DeleteMute)
}
