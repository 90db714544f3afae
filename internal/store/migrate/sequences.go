package migrate

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// advanceSequences moves the identity sequence of every copied table with
// an id column (its key) past the largest id, so that rows added later do not clash
// with the copied ones. An empty table's sequence is left alone.
func advanceSequences(ctx context.Context, dst *pgx.Conn) error {
	for _, t := range tables {
		if !t.sequence {
			continue
		}
		_, err := dst.Exec(ctx, fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%[1]s', '%[2]s'), max(%[2]s))
			FROM %[1]s HAVING max(%[2]s) IS NOT NULL`, t.name, t.key[0]))
		if err != nil {
			return fmt.Errorf("advance the id sequence of %s: %w", t.name, err)
		}
	}
	return nil
}
