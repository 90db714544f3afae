// Package summarize makes extractive summaries of articles and of
// stories told by several articles. Its Summarizer interface is what the
// rest of Storyline calls, so that a language-model summarizer can be
// plugged in later; Extractive is the unsupervised one.
//
// Extractive is built on what is known to work on news without training:
// the lead carries the gist (position is the strongest signal), so a
// sentence's prior falls with its rank among the real sentences; TF-IDF
// similarity to the rest of the text (centrality) and to the headline
// adds to it; sentences are chosen greedily with a penalty for repeating
// what is already chosen (maximal marginal relevance) and returned in
// document order. Before scoring, the furniture news pages carry is
// dropped: bylines, time stamps, datelines, "Follow @…", "Click here",
// photo credits and captions, sharing widgets, headings in capitals; and
// sentences that make poor summaries (fragments, list lead-ins ending in
// ":", questions, very short or very long ones) are used only when
// nothing better is left. For a story, a sentence also gains from the
// share of the other outlets that report the same thing, and a lower
// similarity counts as repetition between outlets, which paraphrase one
// another, so what several say alike appears once.
//
// The package is pure: no I/O, no package-level mutable state.
package summarize
