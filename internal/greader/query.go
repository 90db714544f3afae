package greader

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"time"
)

// Page sizes of the stream requests (the n parameter).
const (
	// DefaultCount is n when an app leaves it out: Google Reader's and
	// FreshRSS's 20.
	DefaultCount = 20
	// MaxContentsCount caps n for stream/contents, whose items carry
	// their text.
	MaxContentsCount = 1000
	// MaxIDsCount caps n for stream/items/ids, Miniflux's cap; apps ask
	// for 1,000 (NetNewsWire, Fluent Reader) or 10,000 (Read You) and
	// follow the continuation for more.
	MaxIDsCount = 10000
)

// MaxItemIDs is the most item IDs (i) one stream/items/contents or
// edit-tag request may name, BazQux's limit. Go's form parsing refuses
// a query or body of more than 10,000 parameters in all, so through
// net/http a request names a few fewer.
const MaxItemIDs = 10000

// ParamError is a request parameter with a value the protocol, or
// Storyline, does not take. A handler answers it with BadRequest.
type ParamError struct {
	Param   string // "n", "s", "i", …
	Value   string // as sent; "" when the parameter is missing
	Problem string // what is wrong, e.g. "not a count"
}

// Error names the parameter, its value and the problem.
func (e *ParamError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("greader: parameter %s: %s", e.Param, e.Problem)
	}
	return fmt.Sprintf("greader: parameter %s=%q: %s", e.Param, e.Value, e.Problem)
}

// paramError makes a *ParamError.
func paramError(param, value, problem string) error {
	return &ParamError{Param: param, Value: value, Problem: problem}
}

// StreamQuery is what stream/contents and stream/items/ids ask for.
type StreamQuery struct {
	// Stream is s, the reading list when it is missing (FreshRSS's
	// default, which EasyRSS, FeedMe and Fluent Reader's Inoreader mode
	// rely on). stream/contents may name its stream in the path instead:
	// see ParseStreamPath.
	Stream Stream
	// Count is n, or 0 when it is missing or 0; Limit applies the
	// default and the endpoint's cap.
	Count int
	// Oldest is r=o: oldest first. r=d, r=n, r=a or no r: newest first.
	Oldest bool
	// Continuation is c, zero on the first page.
	Continuation Continuation
	// Since is ot: only items stored at or after it; zero for no bound.
	// Apps send the time of their last sync, so an item of that very
	// second is kept rather than lost.
	Since time.Time
	// Before is nt: only items stored before it; zero for no bound.
	Before time.Time
	// Exclude is xt, each an exclude target: xt=user/-/state/com.google/read
	// asks for unread items only.
	Exclude []Stream
	// Include is it, each a filter target (FreshRSS takes read, unread and
	// starred; Miniflux ignores it).
	Include []Stream
}

// Limit is the page size for an endpoint that allows most items a page
// (MaxContentsCount, MaxIDsCount): Count, DefaultCount when Count is 0,
// and most when Count is above it.
func (q StreamQuery) Limit(most int) int {
	switch {
	case q.Count == 0:
		return min(DefaultCount, most)
	case q.Count > most:
		return most
	}
	return q.Count
}

// Excludes reports whether an xt asks to leave out the items in state st:
// Excludes(StateRead) is "unread only".
func (q StreamQuery) Excludes(st State) bool {
	return slices.ContainsFunc(q.Exclude, func(s Stream) bool { return s.Is(st) })
}

// Includes reports whether an it asks for only the items in state st.
func (q StreamQuery) Includes(st State) bool {
	return slices.ContainsFunc(q.Include, func(s Stream) bool { return s.Is(st) })
}

// ParseStreamQuery reads the parameters of stream/contents and
// stream/items/ids: s, n, r, c, ot, nt, xt and it (see StreamQuery).
// Others (output, ck, client, likes, comments,
// includeAllDirectStreamIds) are left to the handler or ignored. A
// parameter given twice counts once, its first value, except xt and it,
// which may repeat, and s, which must not (Storyline reads one stream at
// a time, as Miniflux does). A bad value is a *ParamError: a count that
// is not a whole number, an r other than o, d, n or a, a continuation
// this server did not give, a time that is not Unix seconds, an unknown
// stream.
func ParseStreamQuery(v url.Values) (StreamQuery, error) {
	q := StreamQuery{Stream: StateStream(StateReadingList)}
	var streams []string
	for _, s := range v["s"] {
		if s != "" {
			streams = append(streams, s)
		}
	}
	switch len(streams) {
	case 0:
	case 1:
		st, problem := parseStreamID(streams[0])
		if problem != "" {
			return StreamQuery{}, paramError("s", streams[0], problem)
		}
		q.Stream = st
	default:
		return StreamQuery{}, paramError("s", streams[1], fmt.Sprintf("given %d times; one stream at a time", len(streams)))
	}
	if n := v.Get("n"); n != "" {
		c, ok := parseCount(n)
		if !ok {
			return StreamQuery{}, paramError("n", n, "not a count: want a whole number from 0 up")
		}
		q.Count = c
	}
	var err error
	if q.Oldest, err = oldestFirst(v); err != nil {
		return StreamQuery{}, err
	}
	if c := v.Get("c"); c != "" {
		cont, problem := decodeContinuation(c)
		if problem != "" {
			return StreamQuery{}, paramError("c", c, problem)
		}
		q.Continuation = cont
	}
	if q.Since, err = timeParam(v, "ot"); err != nil {
		return StreamQuery{}, err
	}
	if q.Before, err = timeParam(v, "nt"); err != nil {
		return StreamQuery{}, err
	}
	if q.Exclude, err = streamParams(v, "xt"); err != nil {
		return StreamQuery{}, err
	}
	if q.Include, err = streamParams(v, "it"); err != nil {
		return StreamQuery{}, err
	}
	return q, nil
}

// parseCount reads n: digits only. A count too large for an int is
// capped rather than refused; Limit caps it further.
func parseCount(s string) (int, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	c, err := strconv.ParseInt(s, 10, 32)
	if err != nil { // only a range error is left
		return 1<<31 - 1, true
	}
	return int(c), true
}

// timeParam reads Unix time parameter name (see parseUnixTime); missing,
// empty or 0 is the zero time, no bound.
func timeParam(v url.Values, name string) (time.Time, error) {
	s := v.Get(name)
	if s == "" {
		return time.Time{}, nil
	}
	t, ok := parseUnixTime(s)
	if !ok {
		return time.Time{}, paramError(name, s, "not a time: want Unix seconds")
	}
	return t, nil
}

// parseUnixTime reads a Unix time of digits only. Seconds are the
// protocol's unit for ot, nt and (by Miniflux's reading) a short ts; ts
// also comes in microseconds (Google Reader's unit) and, by FreshRSS's
// comment, nanoseconds. The unit is told by magnitude, which is
// unambiguous for any time from 1973 to 5138: below 10^11 seconds, then
// milliseconds below 10^14, microseconds below 10^17, nanoseconds above.
// 0 is the zero time.
func parseUnixTime(s string) (time.Time, bool) {
	if s == "" || len(s) > 19 {
		return time.Time{}, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return time.Time{}, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	switch {
	case err != nil:
		return time.Time{}, false
	case n == 0:
		return time.Time{}, true
	case n < 1e11:
		return time.Unix(n, 0).UTC(), true
	case n < 1e14:
		return time.UnixMilli(n).UTC(), true
	case n < 1e17:
		return time.UnixMicro(n).UTC(), true
	}
	return time.Unix(0, n).UTC(), true
}

// streamParams reads every value of a repeatable stream parameter, xt or
// it, skipping empty ones.
func streamParams(v url.Values, name string) ([]Stream, error) {
	var out []Stream
	for _, s := range v[name] {
		if s == "" {
			continue
		}
		st, problem := parseStreamID(s)
		if problem != "" {
			return nil, paramError(name, s, problem)
		}
		out = append(out, st)
	}
	return out, nil
}

// ItemsQuery is what stream/items/contents asks for.
type ItemsQuery struct {
	// IDs are the i values, each once, in the order first asked.
	IDs []int64
	// Oldest is r=o; the items come oldest first, else newest first.
	Oldest bool
}

// ParseItemsQuery reads the parameters of stream/items/contents: i,
// repeated, in any form ParseItemID reads (NetNewsWire sends the long
// form without padding, Read You bare hex), and r. It needs at least one
// i and at most MaxItemIDs. A handler passes the request's merged form
// (http.Request.Form): apps send i in the body of a POST and output and
// r in the query.
func ParseItemsQuery(v url.Values) (ItemsQuery, error) {
	ids, err := itemIDParams(v)
	if err != nil {
		return ItemsQuery{}, err
	}
	oldest, err := oldestFirst(v)
	if err != nil {
		return ItemsQuery{}, err
	}
	return ItemsQuery{IDs: ids, Oldest: oldest}, nil
}

// oldestFirst reads r, the order: o is oldest first; d, n (Google
// Reader's newest), a (its "magic" order, which Storyline does not have)
// or nothing is newest first.
func oldestFirst(v url.Values) (bool, error) {
	switch r := v.Get("r"); r {
	case "", "d", "n", "a":
		return false, nil
	case "o":
		return true, nil
	default:
		return false, paramError("r", r, "want o (oldest first) or d (newest first)")
	}
}

// itemIDParams reads the i values: at least one, at most MaxItemIDs,
// each an item ID; each ID is kept once, in the order first given.
func itemIDParams(v url.Values) ([]int64, error) {
	vals := v["i"]
	if len(vals) == 0 {
		return nil, paramError("i", "", "missing: name the items")
	}
	if len(vals) > MaxItemIDs {
		return nil, paramError("i", "", fmt.Sprintf("%d item IDs; at most %d at once", len(vals), MaxItemIDs))
	}
	ids := make([]int64, 0, len(vals))
	seen := make(map[int64]bool, len(vals))
	for _, s := range vals {
		id, problem := parseItemID(s)
		if problem != "" {
			return nil, paramError("i", s, problem)
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids, nil
}
