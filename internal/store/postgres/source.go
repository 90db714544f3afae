package postgres

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/outlet"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// Sources lists outlets by name (ignoring case) with their article counts,
// copies included (kept up to date by the articles_source_count triggers).
func (db *DB) Sources(ctx context.Context) ([]*storyline.Source, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, name, domain, article_count
		FROM sources ORDER BY name_key COLLATE "C", id`)
	if err != nil {
		return nil, wrap(err, "list sources")
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*storyline.Source, error) {
		var s storyline.Source
		err := row.Scan(&s.ID, &s.Name, &s.Domain, &s.ArticleCount)
		return &s, err
	})
	if err != nil {
		return nil, wrap(err, "list sources")
	}
	return list, nil
}

// RenameSource gives source id the name name, or merges it into the
// source that has that name already (by name_key).
func (db *DB) RenameSource(ctx context.Context, id int64, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return storyline.Errorf(storyline.EINVALID, "rename outlet %d: no name", id)
	}
	err := db.retryRaces(ctx, func(tx pgx.Tx) error {
		var old string
		err := tx.QueryRow(ctx, `SELECT name FROM sources WHERE id = $1 FOR UPDATE`, id).Scan(&old)
		if errors.Is(err, pgx.ErrNoRows) {
			return storyline.Errorf(storyline.ENOTFOUND, "outlet %d not found", id)
		}
		if err != nil {
			return err
		}
		other, found, err := lookupSource(ctx, tx, name)
		if err != nil {
			return err
		}
		if found && *other != id {
			if _, err := tx.Exec(ctx, `UPDATE articles SET source_id = $1 WHERE source_id = $2`, *other, id); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `DELETE FROM sources WHERE id = $1`, id); err != nil {
				return err
			}
		} else if _, err := tx.Exec(ctx, `UPDATE sources SET name = $1, name_key = $2 WHERE id = $3`,
			name, storeutil.FoldName(name), id); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE feeds SET source = $1 WHERE lower(source) = lower($2)`, name, old)
		return err
	})
	return wrap(err, "rename outlet %d to %q", id, name)
}

// lookupSource finds a source by name, ignoring case (by name_key). An
// empty name is found as NULL.
func lookupSource(ctx context.Context, tx pgx.Tx, name string) (id *int64, found bool, err error) {
	if name == "" {
		return nil, true, nil
	}
	var n int64
	err = tx.QueryRow(ctx, `SELECT id FROM sources WHERE name_key = $1`, storeutil.FoldName(name)).Scan(&n)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return &n, true, nil
}

// ensureSource finds a source by name, ignoring case, or the source of
// the same site the name is another name of (see outlet.SiteSource), or
// creates it with the domain of articleURL. An empty name is NULL.
//
// Concurrent savers may create the same source: the insert does nothing on
// a clash of name_key (waiting for the other transaction to end), and the
// row is then read again, which in a read-committed transaction sees the
// other's committed row.
func ensureSource(ctx context.Context, tx pgx.Tx, name, articleURL string) (*int64, error) {
	domain := domainOf(articleURL)
	for range 2 { // an insert that does nothing leaves a row to find
		id, found, err := lookupSource(ctx, tx, name)
		if err != nil || found {
			return id, err
		}
		if id, found, err := siteSource(ctx, tx, name, domain); err != nil || found {
			return id, err
		}
		var n int64
		err = tx.QueryRow(ctx, `INSERT INTO sources (name, name_key, domain) VALUES ($1, $2, $3)
			ON CONFLICT (name_key) DO NOTHING RETURNING id`, name, storeutil.FoldName(name), domain).Scan(&n)
		if err == nil {
			return &n, nil
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return nil, err
		}
	}
	return nil, fmt.Errorf("source %q: neither found nor created", name)
}

// domainOf returns the host of an absolute URL, lower-cased and without a
// leading "www.", or "".
func domainOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// siteSource finds the source of domain that name is another name of
// (outlet.SiteSource): one outlet per site. A source known by its bare
// host takes the site's alias for itself as its name (outlet.TakesName).
func siteSource(ctx context.Context, tx pgx.Tx, name, domain string) (*int64, bool, error) {
	if domain == "" {
		return nil, false, nil
	}
	rows, err := tx.Query(ctx, `SELECT id, name FROM sources WHERE domain = $1 ORDER BY id`, domain)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	var ids []int64
	var names []string
	for rows.Next() {
		var id int64
		var n string
		if err := rows.Scan(&id, &n); err != nil {
			return nil, false, err
		}
		ids, names = append(ids, id), append(names, n)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	rows.Close()
	i, ok := outlet.SiteSource(name, domain, names)
	if !ok {
		return nil, false, nil
	}
	if outlet.TakesName(name, domain, names[i]) {
		if _, err := tx.Exec(ctx, `UPDATE sources SET name = $1, name_key = $2 WHERE id = $3`,
			name, storeutil.FoldName(name), ids[i]); err != nil {
			return nil, false, err
		}
	}
	return &ids[i], true, nil
}
