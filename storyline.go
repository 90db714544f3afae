// Package storyline holds Storyline's domain model: the types every stage
// shares (outlets, feeds, articles, stories, comments, users), the domain
// error codes, and the interfaces that storage implementations satisfy.
//
// It imports only the standard library. Implementations live in internal/
// packages: internal/store/sqlite stores, internal/extract extracts,
// internal/ingest orchestrates, internal/web serves.
package storyline

// Version is the release of this build; cmd/storyline may override it at
// link time with -ldflags "-X github.com/storyline/storyline.Version=…".
var Version = "0.1.0-dev"
