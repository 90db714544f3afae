// Package appitems is what a feed-reading app sees as its items, the one
// model under the Google Reader and Fever APIs: a user's articles, or —
// for an app password with "one item per story" — the stories, each one
// item in its own ID space (greader.StoryItemID), whose text is the
// story's brief and a link to every outlet's report, syndicated copies
// beside their originals.
//
// A View answers in the apps' item IDs: article IDs as they are, story
// IDs moved above greader.MaxArticleID, so that an item never changes
// meaning when an app password's option does.
package appitems
