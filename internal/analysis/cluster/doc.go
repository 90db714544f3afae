// Package cluster decides which story an article belongs to: the story
// covering the same event around the article's own date, or a new one.
//
// Articles are TF-IDF vectors, with the title and lead weighted above the
// body and entity keys as extra, weighted dimensions. A story is a
// truncated centroid (the IDF-free masses of its top terms, and their
// weights when it was last made) with the span of its dated articles. Document frequencies come from the caller (a
// DocFreq), so every process sharing a store weighs alike.
//
// The clusterer keeps no stories. Candidates come from an Index — the
// store's, or MemIndex in memory — asked for the stories indexed under an
// article's top terms whose span, widened by a window, contains the
// article's date. So a late article finds its story whatever arrived in
// between, stories never close, and memory does not grow with the number
// of stories. Time is a feature of the pair (article, story): the farther
// the article lies outside the story's span, the more alike they must be.
// An undated article is compared by content alone and never moves a
// story's span.
//
// Two candidate stories that converge once the article joins one of them
// are merged, but only when their spans overlap within the window and
// their entities agree, so that a small vocabulary cannot chain unrelated
// stories into one.
//
// The package does no I/O of its own: Assign calls the Index it is given
// and returns a Decision for the caller to store.
package cluster
