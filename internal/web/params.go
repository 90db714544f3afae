package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
)

// maxPageSize caps limit parameters.
const maxPageSize = 200

// maxParamLength caps the length of a text parameter (names, hashtags,
// queries), in bytes.
const maxParamLength = 1000

// limitParam reads the limit parameter: def when absent, else a whole
// number from 1 to maxPageSize.
func limitParam(q url.Values, def int) (int, error) {
	return intParam(q, "limit", def, 1, maxPageSize)
}

// keysetParams reads the limit (default def) and cursor parameters of a
// keyset-paginated listing.
func keysetParams(q url.Values, def int) (limit int, beforeTime time.Time, beforeID int64, err error) {
	if limit, err = limitParam(q, def); err != nil {
		return 0, time.Time{}, 0, err
	}
	beforeTime, beforeID, err = decodeCursor(q.Get("cursor"))
	return limit, beforeTime, beforeID, err
}

// nextCursor is the cursor after the last of list when it fills a page of
// limit (there may be more), or "" at the end; key gives an item's sort
// time and ID.
func nextCursor[T any](list []T, limit int, key func(T) (time.Time, int64)) string {
	if len(list) == 0 || len(list) < limit {
		return ""
	}
	return encodeCursor(key(list[len(list)-1]))
}

// intParam reads an integer parameter within [min, max].
func intParam(q url.Values, name string, def, min, max int) (int, error) {
	s := q.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		return 0, storyline.Errorf(storyline.EINVALID, "parameter %s=%.40q: want a whole number from %d to %d", name, s, min, max)
	}
	return n, nil
}

// textParam reads a text parameter, trimmed, of at most maxParamLength
// bytes.
func textParam(q url.Values, name string) (string, error) {
	s := strings.TrimSpace(q.Get(name))
	if len(s) > maxParamLength {
		return "", storyline.Errorf(storyline.EINVALID, "parameter %s: longer than %d bytes", name, maxParamLength)
	}
	return s, nil
}

// outletParam reads the outlet parameter, or its older name source.
func outletParam(q url.Values) (string, error) {
	if q.Has("outlet") {
		return textParam(q, "outlet")
	}
	return textParam(q, "source")
}

// sinceParam reads the since parameter: an age such as 12h or 7d, or a
// date; absent, the zero time.
func (s *Server) sinceParam(q url.Values) (time.Time, error) {
	since, err := api.ParseSince(q.Get("since"), s.now())
	if err != nil {
		return time.Time{}, storyline.Errorf(storyline.EINVALID, "parameter since: %v", err)
	}
	return since, nil
}

// idParam reads the path wildcard name as the positive ID of a what.
func idParam(r *http.Request, name, what string) (int64, error) {
	raw := r.PathValue(name)
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, storyline.Errorf(storyline.EINVALID, "%s id %.40q: want a positive whole number", what, raw)
	}
	return id, nil
}

// storyFilterParams reads the filters of a story listing: outlet (or
// source), category, hashtag, entity with kind, and since.
func (s *Server) storyFilterParams(q url.Values) (storyline.StoryFilter, error) {
	var f storyline.StoryFilter
	var err error
	if f.Source, err = outletParam(q); err != nil {
		return f, err
	}
	if f.Category, err = textParam(q, "category"); err != nil {
		return f, err
	}
	if f.Hashtag, err = textParam(q, "hashtag"); err != nil {
		return f, err
	}
	entity, err := textParam(q, "entity")
	if err != nil {
		return f, err
	}
	kind := storyline.EntityKind(strings.ToLower(strings.TrimSpace(q.Get("kind"))))
	switch kind {
	case "", storyline.EntityPerson, storyline.EntityPlace, storyline.EntityOrganization:
	default:
		return f, storyline.Errorf(storyline.EINVALID, "parameter kind=%.40q: want person, place or organization", q.Get("kind"))
	}
	if entity != "" {
		f.Entity = &storyline.Entity{Name: entity, Kind: kind}
	} else if kind != "" {
		return f, storyline.Errorf(storyline.EINVALID, "parameter kind: only with entity=")
	}
	f.Since, err = s.sinceParam(q)
	return f, err
}
