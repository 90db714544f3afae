// Package briefing drives the language-model features: the Briefer writes
// stories' briefs with a model in the background, and the Asker answers
// readers' questions about a story from its coverage, with a model when
// one is configured and allowed, else with the coverage's own sentences.
//
// Both read the store through its interfaces, send only article text to
// the model (never comments, never anything about users), and check what
// the model wrote (internal/analysis/modelbrief) before it is saved or
// shown. A model that fails, times out, is out of its daily token budget
// or writes ungrounded text leaves the built-in brief or answer in place,
// with a log line saying so. The budget is counted in the store, so all
// processes of an install share it.
package briefing
