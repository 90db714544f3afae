package web

import (
	"net/url"
	"strconv"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
)

// maxPageSize caps limit parameters.
const maxPageSize = 200

// pageParams reads the limit and offset parameters.
func pageParams(q url.Values, def int) (limit, offset int, err error) {
	limit, err = intParam(q, "limit", def, 1, maxPageSize)
	if err != nil {
		return 0, 0, err
	}
	offset, err = intParam(q, "offset", 0, 0, 1_000_000)
	return limit, offset, err
}

// intParam reads an integer parameter within [min, max].
func intParam(q url.Values, name string, def, min, max int) (int, error) {
	s := q.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		return 0, storyline.Errorf(storyline.EINVALID, "parameter %s=%q: want a whole number from %d to %d", name, s, min, max)
	}
	return n, nil
}

// sinceParam reads the since parameter.
func (s *Server) sinceParam(q url.Values) (storyline.SearchQuery, error) {
	since, err := api.ParseSince(q.Get("since"), s.now())
	if err != nil {
		return storyline.SearchQuery{}, storyline.Errorf(storyline.EINVALID, "parameter since: %v", err)
	}
	return storyline.SearchQuery{Since: since, Source: q.Get("source")}, nil
}
