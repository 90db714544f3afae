package fever

import (
	"context"
	"hash/fnv"
	"html"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/storyline/storyline"
)

// itemsPerCall is how many items one items call returns, as the API
// specifies.
const itemsPerCall = 50

// groupID is the Fever ID of category name: 31 bits of its FNV hash, 1
// when that is 0 (0 is every feed).
func groupID(name string) int64 {
	h := fnv.New32a()
	_, _ = h.Write([]byte(name))
	if id := int64(h.Sum32() & 0x7fffffff); id != 0 {
		return id
	}
	return 1
}

// addGroups adds the groups (the feeds' categories) and which feeds each
// holds to resp.
func addGroups(resp map[string]any, feeds []*storyline.Feed) {
	groups := []map[string]any{}
	seen := map[string]bool{}
	for _, f := range feeds {
		if f.Category != "" && !seen[f.Category] {
			seen[f.Category] = true
			groups = append(groups, map[string]any{"id": groupID(f.Category), "title": f.Category})
		}
	}
	resp["groups"] = groups
	resp["feeds_groups"] = feedsGroups(feeds)
}

// addFeeds adds the feeds and their groups to resp.
func addFeeds(resp map[string]any, feeds []*storyline.Feed) {
	list := make([]map[string]any, 0, len(feeds))
	for _, f := range feeds {
		list = append(list, map[string]any{
			"id": f.ID, "favicon_id": 0, "title": feedTitle(f), "url": f.URL, "site_url": f.SiteURL,
			"is_spark": 0, "last_updated_on_time": f.LastFetch.Unix(),
		})
	}
	resp["feeds"] = list
	resp["feeds_groups"] = feedsGroups(feeds)
}

// feedTitle is a feed's title, or its outlet's name, or its URL.
func feedTitle(f *storyline.Feed) string {
	for _, t := range []string{f.Title, f.Source, f.URL} {
		if t != "" {
			return t
		}
	}
	return ""
}

// feedsGroups lists each group with the IDs of its feeds, comma
// separated, in the groups' first appearance order.
func feedsGroups(feeds []*storyline.Feed) []map[string]any {
	var order []string
	ids := map[string][]string{}
	for _, f := range feeds {
		if f.Category == "" {
			continue
		}
		if _, ok := ids[f.Category]; !ok {
			order = append(order, f.Category)
		}
		ids[f.Category] = append(ids[f.Category], strconv.FormatInt(f.ID, 10))
	}
	out := make([]map[string]any, 0, len(order))
	for _, c := range order {
		out = append(out, map[string]any{"group_id": groupID(c), "feed_ids": strings.Join(ids[c], ",")})
	}
	return out
}

// addItems adds up to itemsPerCall items and the total number of items
// to resp: after since_id (ascending), before max_id (descending), those
// of with_ids, or else the newest.
func (h *Handler) addItems(ctx context.Context, resp map[string]any, q url.Values, u *storyline.User) error {
	iq := storyline.ItemQuery{Limit: itemsPerCall}
	switch {
	case q.Has("since_id"):
		id, err := idArg(q, "since_id")
		if err != nil {
			return err
		}
		iq.AfterID, iq.OldestFirst = id, true
	case q.Has("max_id"):
		id, err := idArg(q, "max_id")
		if err != nil {
			return err
		}
		iq.BeforeID = id
	case q.Has("with_ids"):
		ids, err := idList(q.Get("with_ids"))
		if err != nil {
			return err
		}
		iq.IDs = ids
	}
	refs, err := h.cfg.Store.ItemRefs(ctx, iq)
	if err != nil {
		return err
	}
	total, err := h.cfg.Store.CountItems(ctx, storyline.ItemQuery{})
	if err != nil {
		return err
	}
	items, err := h.items(ctx, refs, u)
	if err != nil {
		return err
	}
	resp["items"], resp["total_items"] = items, total
	return nil
}

// items returns the Fever items of refs as user u sees them.
func (h *Handler) items(ctx context.Context, refs []storyline.ItemRef, u *storyline.User) ([]map[string]any, error) {
	ids := make([]int64, len(refs))
	for i, r := range refs {
		ids[i] = r.ID
	}
	arts, err := storyline.ItemsWithState(ctx, h.cfg.Store, u.ID, ids)
	if err != nil {
		return nil, err
	}
	out := make([]map[string]any, 0, len(arts))
	for _, a := range arts {
		at := a.Published
		if at.IsZero() {
			at = a.CreatedAt
		}
		body := a.HTML
		if body == "" {
			body = paragraphsHTML(a.Text)
		}
		out = append(out, map[string]any{
			"id": a.ID, "feed_id": a.FeedID, "title": a.Title, "author": a.Byline, "html": body, "url": a.URL,
			"is_saved": boolInt(a.Saved), "is_read": boolInt(a.Read), "created_on_time": at.Unix(),
		})
	}
	return out, nil
}

// addIDs adds under name the IDs of every item q selects, comma
// separated, oldest first.
func (h *Handler) addIDs(ctx context.Context, resp map[string]any, name string, q storyline.ItemQuery) error {
	q.OldestFirst = true
	refs, err := h.cfg.Store.ItemRefs(ctx, q)
	if err != nil {
		return err
	}
	ids := make([]string, len(refs))
	for i, r := range refs {
		ids[i] = strconv.FormatInt(r.ID, 10)
	}
	resp[name] = strings.Join(ids, ",")
	return nil
}

// idArg reads ID argument name: a whole number, 0 or more.
func idArg(q url.Values, name string) (int64, error) {
	v := strings.TrimSpace(q.Get(name))
	if v == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id < 0 {
		return 0, storyline.Errorf(storyline.EINVALID, "%s %q: want an item ID", name, v)
	}
	return id, nil
}

// idList reads a comma-separated list of at most itemsPerCall IDs.
func idList(s string) ([]int64, error) {
	var ids []int64
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		id, err := strconv.ParseInt(part, 10, 64)
		if err != nil || id <= 0 {
			return nil, storyline.Errorf(storyline.EINVALID, "with_ids: %q is not an item ID", part)
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(ids) > itemsPerCall {
		return nil, storyline.Errorf(storyline.EINVALID, "with_ids: %d IDs, at most %d at once", len(ids), itemsPerCall)
	}
	if ids == nil {
		ids = []int64{}
	}
	return ids, nil
}

// boolInt is 1 for true, 0 for false, as Fever's booleans are.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// paragraphsHTML makes HTML of plain text's blank-line paragraphs.
func paragraphsHTML(text string) string {
	var b strings.Builder
	for p := range strings.SplitSeq(text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			b.WriteString("<p>" + html.EscapeString(p) + "</p>")
		}
	}
	return b.String()
}
