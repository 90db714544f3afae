// Package cluster groups articles into stories online: each article, as it
// arrives, joins the open story it is most similar to or starts a new one.
//
// Articles are TF-IDF vectors (document frequencies kept incrementally),
// with the title and lead weighted above the body and optional entity keys
// as extra, weighted dimensions. A story is a truncated centroid: the
// top-k weighted terms of the articles it holds, so its memory is bounded
// however long it runs. Candidate stories come from an inverted index over
// the stories' top terms, never from a scan, so the cost of an article does
// not grow with the number of stories. A story stays open while coverage
// continues and closes after a quiet window; closed stories are dropped
// from memory and receive nothing more. Two stories whose centroids
// converge are merged, and the merge is reported so callers can keep the
// folded story's id resolvable.
//
// The package is pure: no I/O. State (story centroids, document
// frequencies, the id counter) can be exported and restored so that a
// restart keeps its stories.
package cluster
