package web

import (
	"net/url"
	"testing"

	"github.com/storyline/storyline"
)

func TestLangParam(t *testing.T) {
	for in, want := range map[string]string{"": "", "de": "de", " pt-BR ": "pt-BR", "zh-Hans-CN": "zh-Hans-CN"} {
		if got, err := langParam(url.Values{"lang": {in}}); err != nil || got != want {
			t.Errorf("langParam(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"d", "german!", "de_DE", "x-" + string(make([]byte, 40)), "de--at"} {
		if _, err := langParam(url.Values{"lang": {in}}); storyline.ErrorCode(err) != storyline.EINVALID {
			t.Errorf("langParam(%q) = %v, want EINVALID", in, err)
		}
	}
}
