package web

import (
	"context"

	"github.com/storyline/storyline"
)

// userKey is the context key of the signed-in user.
type userKey struct{}

// withUser returns ctx carrying u.
func withUser(ctx context.Context, u *storyline.User) context.Context {
	return context.WithValue(ctx, userKey{}, u)
}

// userFrom returns the signed-in user, or nil for a visitor.
func userFrom(ctx context.Context) *storyline.User {
	u, _ := ctx.Value(userKey{}).(*storyline.User)
	return u
}
