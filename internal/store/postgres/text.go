package postgres

import (
	"strings"

	"github.com/storyline/storyline"
)

// checkStorable returns an EINVALID error naming what when a text holds a
// NUL character or invalid UTF-8, which PostgreSQL's text cannot store.
func checkStorable(what string, ss ...string) error {
	if !storable(ss...) {
		return storyline.Errorf(storyline.EINVALID, "%s: contains a NUL character or invalid UTF-8", what)
	}
	return nil
}

// cleanText makes a text PostgreSQL can store, for texts the store writes
// on its own behalf (a poll's error message): NUL characters are dropped
// and invalid UTF-8 becomes U+FFFD.
func cleanText(s string) string {
	return strings.ToValidUTF8(strings.ReplaceAll(s, "\x00", ""), "\uFFFD")
}
