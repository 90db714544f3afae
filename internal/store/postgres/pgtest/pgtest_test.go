package pgtest

import (
	"strings"
	"testing"
)

func TestServerURL(t *testing.T) {
	const server = "postgres://postgres@127.0.0.1:5432/postgres"
	for _, tc := range []struct {
		name        string
		env         map[string]string
		wantServer  string
		wantMissing string // a part of the reason, when no server is named
		wantFatal   bool
	}{
		{name: "named", env: map[string]string{EnvVar: server}, wantServer: server},
		{name: "named under CI", env: map[string]string{EnvVar: server, "CI": "true"}, wantServer: server},
		{name: "not named", env: map[string]string{}, wantMissing: "no PostgreSQL to test against"},
		{name: "not named under CI", env: map[string]string{"CI": "true"}, wantMissing: "CI must start PostgreSQL", wantFatal: true},
		{name: "CI not true", env: map[string]string{"CI": "false"}, wantMissing: "no PostgreSQL to test against"},
		{name: "empty", env: map[string]string{EnvVar: "", "CI": "true"}, wantMissing: EnvVar + " is not set", wantFatal: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, missing, fatal := serverURL(func(k string) string { return tc.env[k] })
			if got != tc.wantServer || fatal != tc.wantFatal {
				t.Errorf("serverURL = %q, %q, %v; want %q, fatal %v", got, missing, fatal, tc.wantServer, tc.wantFatal)
			}
			if (missing == "") != (tc.wantMissing == "") || !strings.Contains(missing, tc.wantMissing) {
				t.Errorf("reason %q, want one containing %q", missing, tc.wantMissing)
			}
		})
	}
}
