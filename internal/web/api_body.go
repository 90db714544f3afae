package web

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/storyline/storyline"
)

// maxJSONBytes caps a JSON request body.
const maxJSONBytes = 1 << 20

// decodeJSON reads r's body, which must be one JSON object of type
// application/json and at most maxJSONBytes, into v. Fields v does not
// have are refused. Errors are EINVALID and name the field at fault.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	ct := r.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
		return storyline.Errorf(storyline.EINVALID, "request body: Content-Type %.60q, want application/json", ct)
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxJSONBytes)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return jsonError(err)
		}
		return storyline.Errorf(storyline.EINVALID, "request body: trailing data after the JSON object")
	}
	return nil
}

// jsonError turns a decoding error into an EINVALID error that says what
// was wrong, and where.
func jsonError(err error) error {
	var (
		syntax   *json.SyntaxError
		typ      *json.UnmarshalTypeError
		tooBig   *http.MaxBytesError
		unknown  = "json: unknown field "
		expected = "want a JSON object"
	)
	switch {
	case errors.As(err, &tooBig):
		return storyline.Errorf(storyline.EINVALID, "request body: larger than %d bytes", tooBig.Limit)
	case errors.As(err, &syntax):
		return storyline.Errorf(storyline.EINVALID, "request body: malformed JSON at byte %d: %v", syntax.Offset, syntax)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return storyline.Errorf(storyline.EINVALID, "request body: %s, not %s", expected, typ.Value)
		}
		return storyline.Errorf(storyline.EINVALID, "request body: field %q: want %s, not %s", typ.Field, typ.Type, typ.Value)
	case errors.Is(err, io.EOF):
		return storyline.Errorf(storyline.EINVALID, "request body: empty, %s", expected)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return storyline.Errorf(storyline.EINVALID, "request body: JSON cut short")
	case strings.HasPrefix(err.Error(), unknown):
		return storyline.Errorf(storyline.EINVALID, "request body: unknown field %s", strings.TrimPrefix(err.Error(), unknown))
	}
	return storyline.Errorf(storyline.EINVALID, "request body: %v", err)
}
