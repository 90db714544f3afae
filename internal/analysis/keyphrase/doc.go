// Package keyphrase finds the keyphrases of news articles, shown as
// hashtags, without a model or a part-of-speech tagger.
//
// Candidates are the runs of content words between stop words, numbers
// and punctuation, split where a capitalised span (a name) meets common
// words, at most four words long, plus every content word on its own
// except the parts of a name never written without the rest ("Buenos" of
// "Buenos Aires"). A candidate scores the mean TF-IDF of its stemmed words
// (document frequencies of the collection seen so far), with small bonuses
// for an early first occurrence, for the title and for names; the best
// candidates are kept one per stem (a phrase sharing a stem with a better
// one is dropped, as TopicRank groups candidates), shown in the form the
// document writes them.
//
// Single words therefore fill most of the top ten and multi-word phrases
// win only as names or where all their words are salient: a reader's
// keyphrases match single words about twice as often as phrases, and one
// word per stem keeps the list from repeating itself ("talks", "nuclear
// talks", "Iran talks"). Story aggregates the phrases of a story's
// articles.
//
// It is pure: no I/O; an Extractor holds immutable settings and a cache of
// analyzers and is safe for concurrent use.
package keyphrase
