package fever

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/storyline/storyline"
)

// mark runs a write call: mark=item with as=read, unread, saved or
// unsaved and id; mark=feed or mark=group with as=read, id and before (a
// Unix time: only items stored before it). Group 0 is every feed; group
// -1 ("Sparks") holds none. An unknown item, feed or group changes
// nothing, as Fever answers them.
func (h *Handler) mark(ctx context.Context, f url.Values, sn *session, feeds []*storyline.Feed) error {
	what, as := f.Get("mark"), f.Get("as")
	id, err := strconv.ParseInt(strings.TrimSpace(f.Get("id")), 10, 64)
	if err != nil {
		return storyline.Errorf(storyline.EINVALID, "mark=%s: id %q is not a number", what, f.Get("id"))
	}
	now := h.cfg.Now()
	switch what {
	case "item":
		return markItem(ctx, sn, id, as, now)
	case "feed", "group":
		if as != "read" {
			return storyline.Errorf(storyline.EINVALID, "mark=%s: as=%q: a %s can only be marked read", what, as, what)
		}
		q, ok := streamOf(what, id, sn.user.ID, feeds)
		if !ok {
			return nil
		}
		if q.StoredBefore, err = beforeArg(f.Get("before"), now); err != nil {
			return err
		}
		_, err = sn.items.MarkAllRead(ctx, q, now)
		return err
	}
	return storyline.Errorf(storyline.EINVALID, "mark=%q: want item, feed or group", what)
}

// markItem marks item id as as says, in session sn. A story item
// marked read marks its articles read too.
func markItem(ctx context.Context, sn *session, id int64, as string, now time.Time) error {
	if id <= 0 {
		return nil
	}
	ids, uid := []int64{id}, sn.user.ID
	switch as {
	case "read", "unread":
		return sn.items.MarkRead(ctx, uid, ids, as == "read", now)
	case "saved", "unsaved":
		return sn.items.SetSaved(ctx, uid, ids, as == "saved", now)
	}
	return storyline.Errorf(storyline.EINVALID, "mark=item: as=%q: want read, unread, saved or unsaved", as)
}

// streamOf returns the items of feed or group id of user uid, of feeds
// as the app sees them; false when there are none (an unknown feed or
// group, Sparks).
func streamOf(what string, id, uid int64, feeds []*storyline.Feed) (storyline.ItemQuery, bool) {
	q := storyline.ItemQuery{UserID: uid}
	if what == "feed" {
		for _, f := range feeds {
			if f.ID == id {
				q.FeedID = id
				return q, true
			}
		}
		return q, false
	}
	if id == 0 {
		return q, true // Kindling: every feed
	}
	q.FeedIDs = []int64{}
	for _, f := range feeds {
		if f.Category != "" && groupID(f.Category) == id {
			q.FeedIDs = append(q.FeedIDs, f.ID)
		}
	}
	return q, len(q.FeedIDs) > 0
}

// beforeArg reads before, a Unix time in seconds; empty means now.
func beforeArg(v string, now time.Time) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return now, nil
	}
	sec, err := strconv.ParseInt(v, 10, 64)
	if err != nil || sec < 0 {
		return time.Time{}, storyline.Errorf(storyline.EINVALID, "before %q: want a Unix time in seconds", v)
	}
	return time.Unix(sec, 0), nil
}
