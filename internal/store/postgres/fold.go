package postgres

import "strings"

// foldName is how the store compares names "ignoring case" (sources, user
// names, hashtags, entities): trimmed and lower-cased in Go, exactly as
// the SQLite store's foldName, so that both stores agree on every script.
// The name_key columns hold it.
func foldName(s string) string {
	return strings.ToLower(strings.TrimSpace(s))
}
