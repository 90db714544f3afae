package api

import (
	"time"

	"github.com/storyline/storyline"
)

// User is an account as JSON: never its password hash.
type User struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Role      string    `json:"role"`
	CreatedAt time.Time `json:"created_at"`
}

// NewUser converts a domain user, leaving the password hash out.
func NewUser(u *storyline.User) User {
	return User{ID: u.ID, Name: u.Name, Role: string(u.Role), CreatedAt: u.CreatedAt}
}
