package migrate

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// reader is what the copy reads SQLite with: a read transaction.
type reader interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// copier copies tables from an SQLite database to a PostgreSQL one in
// batches.
type copier struct {
	src      reader
	dst      *pgx.Conn
	batch    int
	progress io.Writer
}

// copyTable copies every row of t that PostgreSQL does not have yet, and
// prints one line of progress.
func (c *copier) copyTable(ctx context.Context, t table) error {
	start := time.Now()
	var read, inserted int64
	passes := t.passes
	if len(passes) == 0 {
		passes = []string{""}
	}
	for _, pass := range passes {
		var after []any
		for {
			rows, err := c.readBatch(ctx, t, pass, after)
			if err != nil {
				return err
			}
			if len(rows) == 0 {
				break
			}
			n, err := c.insertBatch(ctx, t, rows)
			if err != nil {
				return err
			}
			read += int64(len(rows))
			inserted += n
			after = keyOf(t, rows[len(rows)-1])
		}
	}
	if t.link != "" {
		if err := c.copyLinks(ctx, t); err != nil {
			return err
		}
	}
	fmt.Fprintf(c.progress, "%-16s %9d rows read, %9d inserted (%s)\n",
		t.name, read, inserted, time.Since(start).Round(time.Millisecond))
	return nil
}

// readBatch reads the next rows of t (matching pass) after the primary
// key after (nil: from the start), in primary key order, as the driver
// returns them.
func (c *copier) readBatch(ctx context.Context, t table, pass string, after []any) ([][]any, error) {
	names := make([]string, len(t.cols))
	for i, col := range t.cols {
		names[i] = col.source()
	}
	var where []string
	for _, cond := range []string{t.filter, pass} {
		if cond != "" {
			where = append(where, cond)
		}
	}
	args := append([]any(nil), after...)
	if after != nil {
		where = append(where, "("+strings.Join(t.key, ", ")+") > ("+strings.TrimSuffix(strings.Repeat("?, ", len(t.key)), ", ")+")")
	}
	q := "SELECT " + strings.Join(names, ", ") + " FROM " + t.name
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY " + strings.Join(t.key, ", ") + " LIMIT ?"
	args = append(args, t.batchSize(c.batch))

	rs, err := c.src.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", t.name, err)
	}
	defer rs.Close()
	var rows [][]any
	for rs.Next() {
		row := make([]any, len(t.cols))
		ptrs := make([]any, len(row))
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("read %s after %s: %w", t.name, formatKey(t, after), err)
		}
		rows = append(rows, row)
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("read %s after %s: %w", t.name, formatKey(t, after), err)
	}
	return rows, nil
}

// insertBatch inserts rows into t in PostgreSQL with one statement,
// leaving rows already there as they are, and returns how many were new.
// When the batch fails, its rows are inserted one by one to name the row
// at fault.
func (c *copier) insertBatch(ctx context.Context, t table, rows [][]any) (int64, error) {
	n, err := c.insert(ctx, t, rows)
	if err == nil || len(rows) == 1 || ctx.Err() != nil {
		return n, err
	}
	n = 0
	for _, row := range rows {
		m, err := c.insert(ctx, t, [][]any{row})
		if err != nil {
			return 0, err
		}
		n += m
	}
	return n, nil
}

// insert inserts rows into t in one INSERT … SELECT FROM unnest(…) ON
// CONFLICT DO NOTHING; errors name the table and the rows.
func (c *copier) insert(ctx context.Context, t table, rows [][]any) (int64, error) {
	ids := make([]string, len(rows))
	for i, row := range rows {
		ids[i] = formatKey(t, keyOf(t, row))
	}
	span := ids[0]
	if len(ids) > 1 {
		span = "rows " + ids[0] + " to " + ids[len(ids)-1]
	}
	cols := make([]string, len(t.cols))
	params := make([]string, len(t.cols))
	exprs := make([]string, len(t.cols))
	args := make([]any, len(t.cols))
	vals := make([]any, len(rows))
	for i, col := range t.cols {
		for j, row := range rows {
			vals[j] = row[i]
		}
		a, err := col.kind.toArray(vals, ids)
		if err != nil {
			return 0, fmt.Errorf("copy %s, column %s: %w", t.name, col.name, err)
		}
		name := pgx.Identifier{col.name}.Sanitize()
		cols[i] = name
		params[i] = fmt.Sprintf("$%d::%s", i+1, col.kind.arrayType())
		exprs[i] = col.kind.cast("r." + name)
		args[i] = a
	}
	q := "INSERT INTO " + t.name + " (" + strings.Join(cols, ", ") + ") SELECT " + strings.Join(exprs, ", ") +
		" FROM unnest(" + strings.Join(params, ", ") + ") AS r (" + strings.Join(cols, ", ") + ") ON CONFLICT DO NOTHING"
	tag, err := c.dst.Exec(ctx, q, args...)
	if err != nil {
		return 0, fmt.Errorf("copy %s %s: %w", t.name, span, err)
	}
	return tag.RowsAffected(), nil
}

// copyLinks sets t's self-referencing column (inserted as NULL) from
// SQLite, once all of t's rows are in PostgreSQL. A link already set is
// left as it is.
func (c *copier) copyLinks(ctx context.Context, t table) error {
	var after int64
	for {
		rs, err := c.src.QueryContext(ctx, fmt.Sprintf(`SELECT id, %s FROM %s WHERE %[1]s IS NOT NULL AND id > ? ORDER BY id LIMIT ?`,
			t.link, t.name), after, c.batch)
		if err != nil {
			return fmt.Errorf("read %s.%s: %w", t.name, t.link, err)
		}
		var ids, links []int64
		for rs.Next() {
			var id, link int64
			if err := rs.Scan(&id, &link); err != nil {
				rs.Close()
				return fmt.Errorf("read %s.%s after id %d: %w", t.name, t.link, after, err)
			}
			ids = append(ids, id)
			links = append(links, link)
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return fmt.Errorf("read %s.%s after id %d: %w", t.name, t.link, after, err)
		}
		if len(ids) == 0 {
			return nil
		}
		_, err = c.dst.Exec(ctx, fmt.Sprintf(`UPDATE %s AS t SET %s = u.link
			FROM unnest($1::bigint[], $2::bigint[]) AS u (id, link)
			WHERE t.id = u.id AND t.%[2]s IS NULL`, t.name, t.link), ids, links)
		if err != nil {
			return fmt.Errorf("set %s.%s of ids %d to %d: %w", t.name, t.link, ids[0], ids[len(ids)-1], err)
		}
		after = ids[len(ids)-1]
	}
}

// keyOf returns the primary key values of row of t.
func keyOf(t table, row []any) []any {
	key := make([]any, 0, len(t.key))
	for _, k := range t.key {
		for i, col := range t.cols {
			if col.name == k {
				key = append(key, row[i])
				break
			}
		}
	}
	return key
}

// formatKey names a row of t by its primary key, for messages: "id 42",
// "(feed_id, guid) (3, "x")"; nil is the start of the table.
func formatKey(t table, key []any) string {
	if key == nil {
		return "the start"
	}
	vals := make([]string, len(key))
	for i, v := range key {
		switch v := v.(type) {
		case string:
			vals[i] = fmt.Sprintf("%q", v)
		case []byte:
			vals[i] = fmt.Sprintf("%q", v)
		default:
			vals[i] = fmt.Sprint(v)
		}
	}
	if len(key) == 1 {
		return t.key[0] + " " + vals[0]
	}
	return "(" + strings.Join(t.key, ", ") + ") (" + strings.Join(vals, ", ") + ")"
}
