package greader

import (
	"encoding/json"
	"errors"
	"math"
	"testing"
)

func TestReplies(t *testing.T) {
	type reply struct {
		status      int
		contentType string
		body        string
	}
	of := func(status int, contentType string, body []byte) reply {
		return reply{status, contentType, string(body)}
	}
	for _, tc := range []struct {
		name string
		got  reply
		want reply
	}{
		{"login", of(ClientLogin("alice/abc", false)), reply{200, ContentTypeText, "SID=alice/abc\nLSID=alice/abc\nAuth=alice/abc\n"}},
		{"login JSON", of(ClientLogin("alice/a<b", true)), reply{200, ContentTypeJSON, `{"SID":"alice/a<b","LSID":"alice/a<b","Auth":"alice/a<b"}` + "\n"}},
		{"login failed", of(LoginFailed()), reply{401, ContentTypeText, "Error=BadAuthentication\n"}},
		{"unauthorized", of(Unauthorized()), reply{401, ContentTypeText, "Unauthorized"}},
		{"bad request", of(BadRequest(&ParamError{Param: "n", Value: "x", Problem: "not a count"})),
			reply{400, ContentTypeText, "greader: parameter n=\"x\": not a count\n"}},
		{"bad request, no error", of(BadRequest(nil)), reply{400, ContentTypeText, "Bad Request\n"}},
		{"OK", of(OK()), reply{200, ContentTypeText, "OK"}},
		{"token", of(Token("abc123")), reply{200, ContentTypeText, "abc123"}},
		{"JSON keeps HTML", of(JSON(Text{Content: "<p>a & b</p>"})), reply{200, ContentTypeJSON, `{"content":"<p>a & b</p>"}` + "\n"}},
		{"JSON of what cannot be", of(JSON(math.Inf(1))), reply{500, ContentTypeText, "Internal Server Error\n"}},
	} {
		if tc.got != tc.want {
			t.Errorf("%s:\n got %+v\nwant %+v", tc.name, tc.got, tc.want)
		}
	}
}

// TestLoginJSONReadsBack checks the JSON login as Read You reads it.
func TestLoginJSONReadsBack(t *testing.T) {
	_, _, body := ClientLogin("bob/0123", true)
	var got struct{ Auth string }
	if err := json.Unmarshal(body, &got); err != nil || got.Auth != "bob/0123" {
		t.Errorf("Auth %q, %v", got.Auth, err)
	}
}

func TestBadRequestOfAnyError(t *testing.T) {
	_, _, body := BadRequest(errors.New("greader: item ID \"x\": not an item ID"))
	if string(body) != "greader: item ID \"x\": not an item ID\n" {
		t.Errorf("body %q", body)
	}
}
