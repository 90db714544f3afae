// Package storeutil holds the logic that every implementation of
// storyline.Store shares and that does not depend on the database: input
// checks that return domain errors (storyline.Errorf), the folding of
// names, story labels, the splitting of search queries into words,
// snippet assembly, page sizes and other shared constants.
//
// It is pure: it does no I/O and imports only the root package and the
// standard library.
package storeutil
