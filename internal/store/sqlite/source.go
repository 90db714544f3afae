package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/outlet"
)

// Sources lists outlets by name with their article counts, copies
// included (kept up to date by triggers, see migration 0005).
func (db *DB) Sources(ctx context.Context) ([]*storyline.Source, error) {
	rows, err := db.query(ctx, `SELECT s.id, s.name, s.domain, s.article_count
		FROM sources s ORDER BY s.name, s.id`)
	if err != nil {
		return nil, wrap(err, "list sources")
	}
	defer rows.Close()
	var list []*storyline.Source
	for rows.Next() {
		var s storyline.Source
		if err := rows.Scan(&s.ID, &s.Name, &s.Domain, &s.ArticleCount); err != nil {
			return nil, wrap(err, "list sources")
		}
		list = append(list, &s)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(err, "list sources")
	}
	return list, nil
}

// RenameSource gives source id the name name, or merges it into the
// source that has that name already.
func (db *DB) RenameSource(ctx context.Context, id int64, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return storyline.Errorf(storyline.EINVALID, "rename outlet %d: no name", id)
	}
	err := db.writeTx(ctx, func(t *txn) error {
		var old string
		err := t.queryRow(`SELECT name FROM sources WHERE id = ?`, id).Scan(&old)
		if errors.Is(err, sql.ErrNoRows) {
			return storyline.Errorf(storyline.ENOTFOUND, "outlet %d not found", id)
		}
		if err != nil {
			return err
		}
		other, found, err := lookupSource(t, name)
		if err != nil {
			return err
		}
		if found && other.Int64 != id {
			if _, err := t.exec(`UPDATE articles SET source_id = ? WHERE source_id = ?`, other.Int64, id); err != nil {
				return err
			}
			if _, err := t.exec(`DELETE FROM sources WHERE id = ?`, id); err != nil {
				return err
			}
		} else if _, err := t.exec(`UPDATE sources SET name = ? WHERE id = ?`, name, id); err != nil {
			return err
		}
		_, err = t.exec(`UPDATE feeds SET source = ? WHERE source = ? COLLATE NOCASE`, name, old)
		return err
	})
	return wrap(err, "rename outlet %d to %q", id, name)
}

// lookupSource finds a source by name, case-insensitively. An empty name
// is found as NULL.
func lookupSource(t *txn, name string) (id sql.NullInt64, found bool, err error) {
	if name == "" {
		return sql.NullInt64{}, true, nil
	}
	err = t.queryRow(sqlSourceByName, name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return sql.NullInt64{}, false, nil
	}
	if err != nil {
		return sql.NullInt64{}, false, err
	}
	return id, true, nil
}

// ensureSource finds a source by name, case-insensitively, or the
// source of the same site the name is another name of (see
// outlet.SiteSource), or creates it with the domain of articleURL. An
// empty name is NULL.
func ensureSource(t *txn, name, articleURL string) (sql.NullInt64, error) {
	id, found, err := lookupSource(t, name)
	if err != nil || found {
		return id, err
	}
	domain := domainOf(articleURL)
	if id, found, err := siteSource(t, name, domain); err != nil || found {
		return id, err
	}
	res, err := t.exec(sqlInsertSource, name, domain)
	if err != nil {
		return sql.NullInt64{}, err
	}
	n, err := res.LastInsertId()
	if err != nil {
		return sql.NullInt64{}, err
	}
	return sql.NullInt64{Int64: n, Valid: true}, nil
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
func siteSource(t *txn, name, domain string) (sql.NullInt64, bool, error) {
	if domain == "" {
		return sql.NullInt64{}, false, nil
	}
	rows, err := t.query(`SELECT id, name FROM sources WHERE domain = ? ORDER BY id`, domain)
	if err != nil {
		return sql.NullInt64{}, false, err
	}
	defer rows.Close()
	var ids []int64
	var names []string
	for rows.Next() {
		var id int64
		var n string
		if err := rows.Scan(&id, &n); err != nil {
			return sql.NullInt64{}, false, err
		}
		ids, names = append(ids, id), append(names, n)
	}
	if err := rows.Err(); err != nil {
		return sql.NullInt64{}, false, err
	}
	rows.Close()
	i, ok := outlet.SiteSource(name, domain, names)
	if !ok {
		return sql.NullInt64{}, false, nil
	}
	if outlet.TakesName(name, domain, names[i]) {
		if _, err := t.exec(`UPDATE sources SET name = ? WHERE id = ?`, name, ids[i]); err != nil {
			return sql.NullInt64{}, false, err
		}
	}
	return sql.NullInt64{Int64: ids[i], Valid: true}, true, nil
}
