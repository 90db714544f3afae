// Package text is the analysis stages' view of language: words and
// sentences of real news text (UAX #29 segmentation, with the abbreviations,
// initials, quotes and datelines news is full of), stop words and Snowball
// stemming per language, language detection, and document frequencies kept
// incrementally for TF-IDF. It is pure: no I/O.
package text
