package auth

import (
	"crypto/md5" //nolint:gosec // the Fever API's key is an MD5
	"encoding/hex"
	"regexp"
	"strings"
	"testing"
)

// appPasswordForm is the shape of an app password.
var appPasswordForm = regexp.MustCompile(`^[a-km-np-z2-9]{4}(-[a-km-np-z2-9]{4}){3}$`)

func TestNewAppPassword(t *testing.T) {
	seen := map[string]bool{}
	chars := map[rune]bool{}
	for range 200 {
		secret, secretHash, feverHash := NewAppPassword("alice")
		if !appPasswordForm.MatchString(secret) || len(secret) != AppPasswordLength {
			t.Fatalf("app password %q: not 4 groups of 4 readable characters", secret)
		}
		if seen[secret] {
			t.Fatalf("app password %q made twice", secret)
		}
		seen[secret] = true
		for _, c := range strings.ReplaceAll(secret, "-", "") {
			chars[c] = true
		}
		if secretHash != HashToken(secret) {
			t.Errorf("secret hash of %q = %q, want HashToken of it", secret, secretHash)
		}
		if want := FeverKeyHash(FeverKey("alice", secret)); feverHash != want || feverHash == secretHash {
			t.Errorf("Fever hash of %q = %q, want %q", secret, feverHash, want)
		}
	}
	// 3,200 characters drawn from 32: every one shows up.
	if len(chars) != len(appPasswordAlphabet) {
		t.Errorf("%d different characters in 200 passwords, want all %d", len(chars), len(appPasswordAlphabet))
	}
	if bits := appPasswordGroups * appPasswordGroupLen * 5; bits < 80 || len(appPasswordAlphabet) != 32 {
		t.Errorf("%d bits from %d characters, want at least 80 from 32", bits, len(appPasswordAlphabet))
	}
}

func TestFeverKey(t *testing.T) {
	sum := md5.Sum([]byte("alice:secret")) //nolint:gosec // the Fever API's definition
	want := hex.EncodeToString(sum[:])
	if got := FeverKey("alice", "secret"); got != want {
		t.Errorf(`FeverKey("alice", "secret") = %q, want %q`, got, want)
	}
	// The user's name counts as stored: another case is another key.
	if FeverKey("Alice", "secret") == want {
		t.Error("FeverKey ignores the case of the user's name")
	}
	tests := []struct {
		name   string
		apiKey string
		match  bool
	}{
		{"as computed", want, true},
		{"upper-case hex", strings.ToUpper(want), true},
		{"surrounding space", " " + want + "\n", true},
		{"another password", FeverKey("alice", "secreT"), false},
		{"another user", FeverKey("bob", "secret"), false},
		{"empty", "", false},
	}
	stored := FeverKeyHash(want)
	if stored != HashToken(want) {
		t.Errorf("FeverKeyHash(%q) = %q, want HashToken of the key", want, stored)
	}
	for _, tt := range tests {
		if got := FeverKeyHash(tt.apiKey) == stored; got != tt.match {
			t.Errorf("%s: FeverKeyHash(%q) matches %v, want %v", tt.name, tt.apiKey, got, tt.match)
		}
	}
}
