package migrate

import (
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgtype"
)

// kind is how a column's SQLite value becomes a PostgreSQL one.
type kind int

const (
	kindInt   kind = iota // INTEGER (or NULL) → bigint
	kindText              // TEXT (or NULL) → text
	kindFold              // TEXT → text, trimmed and lower-cased (name_key)
	kindTime              // INTEGER Unix nanoseconds (or NULL) → timestamptz, truncated to microseconds
	kindBool              // INTEGER 0/1 → boolean
	kindJSON              // TEXT holding JSON → jsonb
	kindBytes             // TEXT or BLOB (or NULL) → bytea
	kindFloat             // REAL → double precision
	// kindSpan is a date of a story's span: INTEGER Unix nanoseconds, 0
	// for an undated story → timestamptz, truncated to microseconds, and
	// '-infinity' for an undated story.
	kindSpan
)

// arrayType is the PostgreSQL array type a batch of the column is sent
// as, and cast the expression that turns an element into the column's
// type.
func (k kind) arrayType() string {
	switch k {
	case kindInt:
		return "bigint[]"
	case kindTime, kindSpan:
		return "timestamptz[]"
	case kindBool:
		return "boolean[]"
	case kindBytes:
		return "bytea[]"
	case kindFloat:
		return "float8[]"
	}
	return "text[]"
}

// cast returns the expression for element expr in the column's type.
func (k kind) cast(expr string) string {
	if k == kindJSON {
		return expr + "::jsonb"
	}
	return expr
}

// toArray converts one column of a batch, as the SQLite driver returned
// it, into a slice pgx sends as the column's array type. ids names the
// rows for errors.
func (k kind) toArray(vals []any, ids []string) (any, error) {
	switch k {
	case kindInt:
		out := make([]*int64, len(vals))
		for i, v := range vals {
			switch v := v.(type) {
			case nil:
			case int64:
				out[i] = &v
			default:
				return nil, typeError(ids[i], "an integer", v)
			}
		}
		return out, nil
	case kindText, kindFold, kindJSON:
		out := make([]*string, len(vals))
		for i, v := range vals {
			var s string
			switch v := v.(type) {
			case nil:
				if k != kindText {
					return nil, typeError(ids[i], "text", v)
				}
				continue
			case string:
				s = v
			case []byte:
				s = string(v)
			default:
				return nil, typeError(ids[i], "text", v)
			}
			if k == kindFold {
				s = strings.ToLower(strings.TrimSpace(s))
			}
			out[i] = &s
		}
		return out, nil
	case kindTime:
		out := make([]*time.Time, len(vals))
		for i, v := range vals {
			switch v := v.(type) {
			case nil:
			case int64:
				t := time.Unix(0, v).UTC().Truncate(time.Microsecond)
				out[i] = &t
			default:
				return nil, typeError(ids[i], "Unix nanoseconds", v)
			}
		}
		return out, nil
	case kindSpan:
		out := make([]pgtype.Timestamptz, len(vals))
		for i, v := range vals {
			n, ok := v.(int64)
			switch {
			case !ok:
				return nil, typeError(ids[i], "Unix nanoseconds", v)
			case n == 0:
				out[i] = pgtype.Timestamptz{InfinityModifier: pgtype.NegativeInfinity, Valid: true}
			default:
				out[i] = pgtype.Timestamptz{Time: time.Unix(0, n).UTC().Truncate(time.Microsecond), Valid: true}
			}
		}
		return out, nil
	case kindBool:
		out := make([]bool, len(vals))
		for i, v := range vals {
			n, ok := v.(int64)
			if !ok {
				return nil, typeError(ids[i], "0 or 1", v)
			}
			out[i] = n != 0
		}
		return out, nil
	case kindBytes:
		out := make([][]byte, len(vals))
		for i, v := range vals {
			switch v := v.(type) {
			case nil:
			case string:
				out[i] = append([]byte{}, v...)
			case []byte:
				out[i] = append([]byte{}, v...)
			default:
				return nil, typeError(ids[i], "text or a blob", v)
			}
		}
		return out, nil
	case kindFloat:
		out := make([]float64, len(vals))
		for i, v := range vals {
			switch v := v.(type) {
			case float64:
				out[i] = v
			case int64:
				out[i] = float64(v)
			default:
				return nil, typeError(ids[i], "a number", v)
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("unknown column kind %d", k)
}

// typeError is a value of an unexpected type in row id.
func typeError(id, want string, v any) error {
	return fmt.Errorf("row %s: want %s, got %T (%v)", id, want, v, v)
}
