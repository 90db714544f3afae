// Package dedup recognises syndicated copies: the same wire story
// republished with a dateline or byline added, a newsletter or copyright
// line appended, the ending cut off, a few words changed or the lead
// rewritten.
//
// A text is reduced to the set of its shingles (four consecutive index
// terms of a text.Analyzer: folded, stop words dropped, stemmed) and the
// set to a MinHash Signature of 128 values, which estimates the Jaccard
// resemblance of two sets and, with the set sizes it records, the share
// of the smaller set found in the larger (containment). Containment is
// what makes a copy with a cut ending or an appended paragraph look like
// its original, in either order of arrival.
//
// An Index keeps signatures in locality-sensitive hash buckets (bands of
// two MinHash values), so matching a new text costs the same however many
// documents are stored, apart from the candidates its buckets hold.
//
// Two stories on the same event written by different outlets share
// names and the odd quotation, a few percent of their shingles; a copy
// shares most of them. The default threshold asks for half of the
// shorter text. Texts under about 75 words are copies only when nearly
// identical: in them, shared boilerplate (a copyright notice, a share
// bar) can make up half the text.
//
// The package is pure: no I/O and no package-level state.
package dedup
