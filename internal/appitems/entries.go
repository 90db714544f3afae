package appitems

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/greader"
)

// Entries returns the items ids (item IDs) as user userID sees them, in
// the order asked, each once: the articles that came through a feed (a
// syndicated copy is not an item) and the live stories holding one (a
// story merged into another is not an item any more: the survivor is).
// IDs of no item are left out. feeds are the site's, as the store lists
// them; the items' folders are the view's (Feeds).
func (v View) Entries(ctx context.Context, userID int64, ids []int64, feeds []*storyline.Feed) ([]greader.Entry, error) {
	byFeed := make(map[int64]*storyline.Feed, len(feeds))
	for _, f := range v.Feeds(feeds) {
		byFeed[f.ID] = f
	}
	articles, stories := split(ids)
	byID := make(map[int64]greader.Entry, len(articles)+len(stories))
	if len(articles) > 0 {
		list, err := storyline.ItemsWithState(ctx, v.Store, userID, articles)
		if err != nil {
			return nil, err
		}
		for _, a := range list {
			if a.CopyOf != 0 || a.FeedID == 0 {
				continue // not an item: a syndicated copy, or an article of no feed
			}
			byID[a.ID] = greader.ArticleEntry(a.Article, byFeed[a.FeedID], greader.ItemState{Read: a.Read, Starred: a.Saved})
		}
	}
	if len(stories) > 0 {
		if err := v.storyEntries(ctx, userID, stories, byFeed, byID); err != nil {
			return nil, err
		}
	}
	out := make([]greader.Entry, 0, len(byID))
	for _, id := range ids {
		if e, ok := byID[id]; ok {
			out = append(out, e)
			delete(byID, id)
		}
	}
	return out, nil
}

// storyEntries adds the entries of stories ids (story IDs) to byID, by
// item ID.
func (v View) storyEntries(ctx context.Context, userID int64, ids []int64, byFeed map[int64]*storyline.Feed, byID map[int64]greader.Entry) error {
	refs, err := v.Store.ItemRefs(ctx, storyline.ItemQuery{Stories: true, IDs: ids})
	if err != nil {
		return err
	}
	if len(refs) == 0 {
		return nil
	}
	live := make([]int64, len(refs))
	for i, r := range refs {
		live[i] = r.ID
	}
	reads, err := v.Store.StoriesRead(ctx, userID, live)
	if err != nil {
		return err
	}
	saved, err := v.Store.SavedAmong(ctx, userID, storyline.KindStory, live)
	if err != nil {
		return err
	}
	for _, ref := range refs {
		st, err := v.Store.Story(ctx, ref.ID)
		if storyline.ErrorCode(err) == storyline.ENOTFOUND {
			continue // deleted meanwhile
		}
		if err != nil {
			return err
		}
		timeline, err := v.Store.Timeline(ctx, ref.ID)
		if err != nil {
			return err
		}
		r, read := reads[ref.ID]
		state := greader.ItemState{Read: read && r.NewReports(st.ArticleCount) == 0, Starred: saved[ref.ID]}
		e := v.storyEntry(st, timeline, byFeed[ref.FeedID], state)
		byID[e.ID] = e
	}
	return nil
}

// storyEntry is what the item of story st, with its timeline, is made
// of: its headline, brief and reports (StoryHTML), its page on the site
// as its address, its outlets as its author, first seen as published and
// last updated as its stored and updated times, and the story's lead
// feed f as its origin.
func (v View) storyEntry(st *storyline.Story, timeline []storyline.TimelineEntry, f *storyline.Feed, state greader.ItemState) greader.Entry {
	var url string
	if v.StoryURL != nil {
		url = v.StoryURL(st.ID)
	}
	e := greader.Entry{
		ID:        greader.StoryItemID(st.ID),
		Title:     cmp.Or(st.Title, "Story "+fmt.Sprint(st.ID)),
		URL:       url,
		Author:    outletsLine(st.Outlets),
		HTML:      StoryHTML(st, timeline, url),
		Published: st.FirstSeen,
		Stored:    st.LastUpdated,
		Updated:   st.LastUpdated,
		Folder:    StoriesFolder,
		Read:      state.Read,
		Starred:   state.Starred,
	}
	if f != nil {
		e.FeedID, e.FeedTitle, e.SiteURL = f.ID, cmp.Or(f.Title, f.Source, f.URL), f.SiteURL
	}
	return e
}

// outletsLine names a story's outlets as an item's author: up to three,
// and how many more.
func outletsLine(outlets []string) string {
	const shown = 3
	if len(outlets) <= shown {
		return strings.Join(outlets, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(outlets[:shown], ", "), len(outlets)-shown)
}
