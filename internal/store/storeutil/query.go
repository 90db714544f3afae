package storeutil

// RankWindow is how many of the most recent matches of a search query
// are ranked: ranking costs time per match, which a query of common words
// (matching most of a large store) cannot afford, so a query ranks the
// RankWindow newest articles that match it (or more, when paging further).
const RankWindow = 2000
