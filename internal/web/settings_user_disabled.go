package web

import (
	"net/http"
	"strconv"

	"github.com/storyline/storyline"
)

// postUserDisabled disables or enables another user's account (an
// administrator's form): a disabled account's sessions end at once and
// its API tokens are refused until it is enabled again. An administrator
// cannot disable themselves, and the last active administrator stays.
func (s *Server) postUserDisabled(w http.ResponseWriter, r *http.Request) {
	s.changeUser(w, r, func(me *storyline.User, id int64) (string, error) {
		disabled, err := strconv.ParseBool(r.PostFormValue("disabled"))
		if err != nil {
			return "", storyline.Errorf(storyline.EINVALID, "disabled %q: want true or false", r.PostFormValue("disabled"))
		}
		if id == me.ID {
			return "", storyline.Errorf(storyline.EINVALID, "you cannot disable your own account: ask another administrator")
		}
		if err := s.store.SetDisabled(r.Context(), id, disabled); err != nil {
			return "", err
		}
		s.log.Info("account access changed", "user", id, "disabled", disabled, "by", me.Name)
		if disabled {
			return "disabled", nil
		}
		return "enabled", nil
	})
}

// postUserDelete deletes another user's account (an administrator's
// form): its sessions and API tokens end, its comments stay without an
// author. An administrator cannot delete themselves, and the last active
// administrator stays.
func (s *Server) postUserDelete(w http.ResponseWriter, r *http.Request) {
	s.changeUser(w, r, func(me *storyline.User, id int64) (string, error) {
		if id == me.ID {
			return "", storyline.Errorf(storyline.EINVALID, "you cannot delete your own account: ask another administrator")
		}
		if err := s.store.DeleteUser(r.Context(), id); err != nil {
			return "", err
		}
		s.log.Info("account deleted", "user", id, "by", me.Name)
		return "deleted", nil
	})
}
