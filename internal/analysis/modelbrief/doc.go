// Package modelbrief writes the prompts that ask a language model for a
// story's brief or for an answer to a reader's question, and checks what
// the model wrote before anything of it is shown.
//
// # Prompts
//
// The story's articles go to the model numbered [1] … [n], each between
// fixed markers, as quoted data: the instructions say that the articles
// may contain instructions of their own and that those are to be
// ignored, and any marker line inside an article's text is taken out so
// that no article can end its quotation early. Only article text goes
// out: outlet, headline, date and body.
//
// # Checking
//
// The model's text is read as plain text: Markdown marks, HTML tags and
// links are taken out, and it is cut into sentences, each with the
// article numbers it cites ("[2]", "[1][3]", "[1, 3]"), mapped back to
// article ids. A sentence is dropped when it cites nothing (or only
// numbers that were not given), when its content words are not found in
// the articles it cites (at least four in five must be, and every
// figure), or when it repeats an earlier sentence (more than half of the
// shorter one's words). A brief is accepted only when at least half of
// its sentences survive; an answer only when one does.
package modelbrief
