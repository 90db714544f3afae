package appitems

import (
	"context"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/greader"
)

// split sorts item IDs into article and story IDs, each once; IDs of
// neither are left out. Both kinds are taken whatever the view's: an app
// may still hold items from before its password's option changed.
func split(ids []int64) (articles, stories []int64) {
	seen := make(map[int64]bool, len(ids))
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		switch k, n := greader.SplitItemID(id); k {
		case greader.ItemArticle:
			articles = append(articles, n)
		case greader.ItemStory:
			stories = append(stories, n)
		}
	}
	return articles, stories
}

// MarkRead marks items ids read (read true) or unread for user userID at
// at. A story item marked read is read as it is now, with all of its
// articles; marked unread, its articles keep their state. Items that are
// gone are skipped.
func (v View) MarkRead(ctx context.Context, userID int64, ids []int64, read bool, at time.Time) error {
	articles, stories := split(ids)
	if len(articles) > 0 {
		if err := v.Store.MarkArticlesRead(ctx, userID, articles, read, at); err != nil {
			return err
		}
	}
	if len(stories) > 0 {
		q := storyline.ItemQuery{UserID: userID, Stories: true, IDs: stories}
		if _, err := v.Store.MarkItemsRead(ctx, q, read, at); err != nil {
			return err
		}
	}
	return nil
}

// SetSaved saves (saved true) or unsaves items ids for user userID at
// at. Items that are gone are skipped.
func (v View) SetSaved(ctx context.Context, userID int64, ids []int64, saved bool, at time.Time) error {
	articles, stories := split(ids)
	for _, group := range []struct {
		kind storyline.ItemKind
		ids  []int64
	}{{storyline.KindArticle, articles}, {storyline.KindStory, stories}} {
		for _, id := range group.ids {
			var err error
			if saved {
				err = v.Store.Save(ctx, userID, group.kind, id, at)
			} else {
				err = v.Store.Unsave(ctx, userID, group.kind, id)
			}
			if err != nil && storyline.ErrorCode(err) != storyline.ENOTFOUND {
				return err
			}
		}
	}
	return nil
}
