// Package ask is the retrieval core of "Ask this story": a reader asks a
// question about a story, and it is answered from the story's articles
// only, by quoting their sentences and citing the articles that carry
// them.
//
// Indexing (New). Each report's text is cut into sentences
// (text.Sentences; a sentence broken by a line break is mended, the
// dateline before a report's first sentence is cut) and only sentences
// that can be quoted are kept: fragments — headlines and headings, no
// sentence end, a question, the tail of a broken sentence, half a
// quotation, bylines, "Read more" lines and links, very short or run-on
// text — are dropped. Titles are not indexed: a headline is no sentence.
// A sentence's terms are its words (dictionary-segmented in Chinese and
// Japanese) folded, stop words dropped, stemmed in the report's language
// (text.Analyzer), with English irregular past forms taken as their base
// ("met" as "meet") and French and Italian elisions cut ("l'Iran"). The
// same sentence in several reports — the same text, the same folded
// words, or term sets with a Jaccard similarity of at least 0.7 (a wire
// copy lightly edited) — is one passage citing every report that carries
// it, the first report first.
//
// Scoring (Search). A question's content words are its terms without
// stop words and question words, and without verbs that only frame a
// question ("what did X say", "what happened"), in English, German,
// French, Spanish, Italian, Portuguese, Russian, Chinese and Japanese.
// Generic event verbs ("met", "discussed", "announced") are soft: they
// add to a passage's score but do not decide whether the coverage
// answers (unless the question has nothing else). Passages are ranked
// by BM25 (k1 1.2, b 0.75; IDF over the story's passages), times small
// boosts: a fifth more for holding every content word of a question of
// two or more, up to 15 % for coming early in its report, 5 % for each
// other report carrying it (four at most).
//
// Not in the coverage. Each content word weighs its IDF, a word the
// story lacks weighing as much as the story's rarest. A passage is
// relevant only if the words it holds carry at least half of the
// question's weight, and one of them is not frequent in the story (in
// at most a quarter of its passages, or two) or it holds two of the
// question's deciding words. A question none of whose
// content words the coverage holds, or whose only match is a word the
// whole story is about, is thus not found; so is an empty question or
// one of question words only.
//
// Answering (Answer). The best relevant passage, with at most two more
// that score at least 60 % of it and share at most half of their terms
// with a passage already chosen, in the order the coverage tells them:
// first report first, then sentence order.
//
// The package is pure: no I/O, no logging, no package-level mutable
// state (word tables are built once, on first use, and only read). An
// Index is read only once made, and safe for concurrent use.
package ask
