package migrate

import (
	"context"
	"fmt"
	"sort"

	"github.com/jackc/pgx/v5"
)

// verify counts the rows of every copied table in both stores, and
// compares the outlets' article counts, which PostgreSQL's trigger kept
// as the articles were inserted.
func verify(ctx context.Context, src reader, dst *pgx.Conn) (*Report, error) {
	r := &Report{}
	for _, t := range tables {
		q := "SELECT count(*) FROM " + t.name
		if t.filter != "" {
			q += " WHERE " + t.filter
		}
		c := Count{Table: t.name}
		if err := src.QueryRowContext(ctx, q).Scan(&c.SQLite); err != nil {
			return nil, fmt.Errorf("count %s in SQLite: %w", t.name, err)
		}
		if err := dst.QueryRow(ctx, q).Scan(&c.Postgres); err != nil {
			return nil, fmt.Errorf("count %s in PostgreSQL: %w", t.name, err)
		}
		r.Counts = append(r.Counts, c)
	}
	diffs, err := sourceCountDiffs(ctx, src, dst)
	if err != nil {
		return nil, err
	}
	r.SourceCountDiffs = diffs
	return r, nil
}

// sourceCountDiffs names the sources whose article_count differs between
// the stores (or that PostgreSQL lacks).
func sourceCountDiffs(ctx context.Context, src reader, dst *pgx.Conn) ([]string, error) {
	type source struct {
		name  string
		count int64
	}
	want := map[int64]source{}
	rs, err := src.QueryContext(ctx, `SELECT id, name, article_count FROM sources`)
	if err != nil {
		return nil, fmt.Errorf("read sources' article counts in SQLite: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		var id int64
		var s source
		if err := rs.Scan(&id, &s.name, &s.count); err != nil {
			return nil, fmt.Errorf("read sources' article counts in SQLite: %w", err)
		}
		want[id] = s
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("read sources' article counts in SQLite: %w", err)
	}
	got := map[int64]int64{}
	prs, err := dst.Query(ctx, `SELECT id, article_count FROM sources`)
	if err != nil {
		return nil, fmt.Errorf("read sources' article counts in PostgreSQL: %w", err)
	}
	for prs.Next() {
		var id, n int64
		if err := prs.Scan(&id, &n); err != nil {
			prs.Close()
			return nil, fmt.Errorf("read sources' article counts in PostgreSQL: %w", err)
		}
		got[id] = n
	}
	prs.Close()
	if err := prs.Err(); err != nil {
		return nil, fmt.Errorf("read sources' article counts in PostgreSQL: %w", err)
	}
	var diffs []string
	for id, s := range want {
		if n, ok := got[id]; !ok || n != s.count {
			diffs = append(diffs, fmt.Sprintf("%s (id %d): %d in SQLite, %d in PostgreSQL", s.name, id, s.count, n))
		}
	}
	sort.Strings(diffs)
	return diffs, nil
}
