package greader

import (
	"bytes"
	"encoding/json"
)

// The HTTP statuses of the answers, net/http's numbers, written here so
// that the package does not import net/http for four constants.
const (
	statusOK                  = 200
	statusBadRequest          = 400
	statusUnauthorized        = 401
	statusInternalServerError = 500
)

// Content types of the answers.
const (
	ContentTypeText = "text/plain; charset=utf-8"
	ContentTypeJSON = "application/json; charset=utf-8"
)

// BadTokenHeader is the header Google Reader set, to "true", on a 401 for
// a bad or expired token, which tells apps to sign in or fetch a token
// again (Miniflux sends it; FreshRSS sends Google-Bad-Token). A handler
// sets it with Unauthorized's answer.
const BadTokenHeader = "X-Reader-Google-Bad-Token"

// ClientLogin is the answer to a ClientLogin that signed in: token as
// SID, LSID and Auth, in the plain-text form every app reads (apps keep
// Auth; Vienna wants an LSID line), or in JSON for output=json, which
// Read You asks for.
func ClientLogin(token string, asJSON bool) (status int, contentType string, body []byte) {
	if asJSON {
		return JSON(struct {
			SID  string `json:"SID"`
			LSID string `json:"LSID"`
			Auth string `json:"Auth"`
		}{token, token, token})
	}
	return statusOK, ContentTypeText, []byte("SID=" + token + "\nLSID=" + token + "\nAuth=" + token + "\n")
}

// LoginFailed is the answer to a ClientLogin that did not sign in: 401 and
// Google's "Error=BadAuthentication" (FreshRSS and Miniflux answer 401
// too; Read You and Fluent Reader look at the status, newsboat and
// NetNewsWire for the missing Auth line).
func LoginFailed() (status int, contentType string, body []byte) {
	return statusUnauthorized, ContentTypeText, []byte("Error=BadAuthentication\n")
}

// Unauthorized is the answer to a request under /reader/api/0/ without a
// valid "Authorization: GoogleLogin auth=<token>": 401 and "Unauthorized"
// in plain text, as Miniflux answers (FreshRSS: "Unauthorized!"). Read You
// signs in again on a 401. Set BadTokenHeader with it.
func Unauthorized() (status int, contentType string, body []byte) {
	return statusUnauthorized, ContentTypeText, []byte("Unauthorized")
}

// BadRequest is the answer to a request with a bad parameter (a
// *ParamError, say): 400 and the error's message in plain text.
func BadRequest(err error) (status int, contentType string, body []byte) {
	msg := "Bad Request"
	if err != nil {
		msg = err.Error()
	}
	return statusBadRequest, ContentTypeText, []byte(msg + "\n")
}

// OK is the answer to a request that changed something (edit-tag,
// mark-all-as-read, subscription/edit, …): "OK" alone, without a newline,
// which newsboat compares its answers with.
func OK() (status int, contentType string, body []byte) {
	return statusOK, ContentTypeText, []byte("OK")
}

// Token is the answer to /reader/api/0/token: the action token in plain
// text, without a newline (NetNewsWire and Read You send the body back as
// T as it is; a handler trims T all the same).
func Token(token string) (status int, contentType string, body []byte) {
	return statusOK, ContentTypeText, []byte(token)
}

// JSON is the answer holding v, one of this package's response types, in
// JSON: without escaping <, > and & (item HTML stays readable and no
// larger), with a final newline. A value that cannot be encoded is a 500.
func JSON(v any) (status int, contentType string, body []byte) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return statusInternalServerError, ContentTypeText, []byte("Internal Server Error\n")
	}
	return statusOK, ContentTypeJSON, b.Bytes()
}
