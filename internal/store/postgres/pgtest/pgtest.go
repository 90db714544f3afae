// Package pgtest gives each test a PostgreSQL database of its own: a real
// database, created empty from the server named by STORYLINE_TEST_POSTGRES
// (a postgres:// URL) and dropped when the test ends. Tests that need one
// are skipped when the variable is not set, so `go test ./...` passes on
// a machine without PostgreSQL; under CI (CI=true) they fail instead,
// since CI must name a server (.ci/run does).
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvVar names the variable holding the server's URL.
const EnvVar = "STORYLINE_TEST_POSTGRES"

// URL returns the URL of a new, empty database, dropped when t ends. When
// EnvVar is not set, t is skipped, or fails under CI=true.
func URL(t testing.TB) string {
	t.Helper()
	server, missing, fatal := serverURL(os.Getenv)
	switch {
	case fatal:
		t.Fatal(missing)
	case missing != "":
		t.Skip(missing)
	}
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("%s: %v", EnvVar, err)
	}
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	name := "storyline_test_" + hex.EncodeToString(b)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, server)
	if err != nil {
		t.Fatalf("connect to %s: %v", EnvVar, err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		admin, err := pgx.Connect(ctx, server)
		if err != nil {
			t.Errorf("drop database %s: %v", name, err)
			return
		}
		defer admin.Close(ctx)
		if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}

// serverURL returns the server named by EnvVar in the environment that
// getenv reads or, when none is, why not, and whether that fails the test
// (under CI=true, where a skip would hide that nothing was tested) rather
// than skipping it.
func serverURL(getenv func(string) string) (server, missing string, fatal bool) {
	if server = getenv(EnvVar); server != "" {
		return server, "", false
	}
	if getenv("CI") == "true" {
		return "", EnvVar + " is not set under CI=true: CI must start PostgreSQL and name it in " + EnvVar + " (see .ci/run)", true
	}
	return "", EnvVar + " is not set: no PostgreSQL to test against", false
}
