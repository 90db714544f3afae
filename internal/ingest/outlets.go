package ingest

import (
	"context"
	"fmt"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/outlet"
)

// Outlet names in a store made by an older release are cleaned with the
// current rules once: the store notes the version of the rules its names
// were last cleaned with under outletsKey. Raise outletsVersion when
// internal/outlet refuses more.
const (
	outletsKey     = "outlets:cleaned"
	outletsVersion = "1"
)

// OutletStore is what CleanOutlets needs from storage.
type OutletStore interface {
	Sources(ctx context.Context) ([]*storyline.Source, error)
	RenameSource(ctx context.Context, id int64, name string) error
	Meta(ctx context.Context, key string) (string, bool, error)
	SetMeta(ctx context.Context, key, value string) error
}

// OutletRename is one change CleanOutlets makes: outlet ID, named From,
// is renamed To, or merged into the outlet already named so.
type OutletRename struct {
	ID       int64
	From, To string
}

// CleanOutlets brings the outlet names of store up to the current rules,
// unless it did already: a name that is none (a copyright line, a URL, a
// list of sections, one generic word) becomes its site's host, a tagline
// is cut ("LinkNaija | Nigeria's news" → "LinkNaija"), a site's alias for
// itself joins the site's one declared name ("NYTimes" → "The New York
// Times"), and the bare host the site's alias ("politifact.com" →
// "PolitiFact"). It returns the changes made; a failure leaves the others
// to the next run.
func CleanOutlets(ctx context.Context, store OutletStore) ([]OutletRename, error) {
	if v, ok, err := store.Meta(ctx, outletsKey); err != nil {
		return nil, fmt.Errorf("clean outlet names: %w", err)
	} else if ok && v == outletsVersion {
		return nil, nil
	}
	list, err := store.Sources(ctx)
	if err != nil {
		return nil, fmt.Errorf("clean outlet names: %w", err)
	}
	renames := outletRenames(list)
	for i, r := range renames {
		if err := store.RenameSource(ctx, r.ID, r.To); err != nil {
			return renames[:i], fmt.Errorf("clean outlet names: %w", err)
		}
	}
	if err := store.SetMeta(ctx, outletsKey, outletsVersion); err != nil {
		return renames, fmt.Errorf("clean outlet names: %w", err)
	}
	return renames, nil
}

// outletRenames returns the changes that bring the outlets of list up to
// the current rules, in list's order.
func outletRenames(list []*storyline.Source) []OutletRename {
	to := make([]string, len(list))
	byDomain := map[string][]int{}
	for i, s := range list {
		name, q := outlet.Clean(s.Name)
		switch {
		case q == outlet.Refused:
			to[i] = outlet.Name(s.Domain) // "" without a domain: left alone
		default:
			to[i] = name
		}
		if to[i] == "" {
			to[i] = s.Name
		}
		if s.Domain != "" {
			byDomain[s.Domain] = append(byDomain[s.Domain], i)
		}
	}
	// One outlet per site: an alias joins the site's one declared name,
	// and the bare host the site's alias.
	for domain, members := range byDomain {
		names := make([]string, len(members))
		for j, i := range members {
			names[j] = to[i]
		}
		for j, i := range members {
			if !outlet.SiteAlias(to[i], domain) && !strings.EqualFold(to[i], domain) {
				continue
			}
			others := append(append([]string(nil), names[:j]...), names[j+1:]...)
			if k, ok := outlet.SiteSource(to[i], domain, others); ok && !outlet.TakesName(to[i], domain, others[k]) {
				to[i] = others[k]
			}
		}
	}
	var out []OutletRename
	for i, s := range list {
		if to[i] != s.Name {
			out = append(out, OutletRename{ID: s.ID, From: s.Name, To: to[i]})
		}
	}
	return out
}
