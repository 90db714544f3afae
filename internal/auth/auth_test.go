package auth

import (
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// fast keeps the tests quick; the format is the same.
var fast = Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func TestHashPassword(t *testing.T) {
	h, err := HashPassword("correct horse", fast)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Errorf("hash %q: not in PHC argon2id form", h)
	}
	h2, _ := HashPassword("correct horse", fast)
	if h == h2 {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	tests := []struct {
		password string
		want     bool
	}{
		{"correct horse", true},
		{"correct horsE", false},
		{"", false},
		{strings.Repeat("x", MaxPasswordLength+1), false},
	}
	for _, tt := range tests {
		ok, err := VerifyPassword(h, tt.password)
		if err != nil || ok != tt.want {
			t.Errorf("VerifyPassword(%.20q) = %v, %v; want %v", tt.password, ok, err, tt.want)
		}
	}
}

func TestCheckPassword(t *testing.T) {
	for _, pw := range []string{"short", "", strings.Repeat("é", MaxPasswordLength+1)} {
		if _, err := HashPassword(pw, fast); storyline.ErrorCode(err) != storyline.EINVALID {
			t.Errorf("HashPassword(%.20q): err %v, want EINVALID", pw, err)
		}
	}
	if err := CheckPassword(strings.Repeat("é", MinPasswordLength)); err != nil {
		t.Errorf("8 two-byte characters: %v", err)
	}
}

func TestVerifyPasswordBadHash(t *testing.T) {
	for _, h := range []string{
		"", "plain", "$2a$10$abcdefghijklmnopqrstuv", "$argon2id$v=18$m=64,t=1,p=1$c2FsdA$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=0,t=1,p=1$c2FsdA$a2V5a2V5a2V5a2V5a2V5", "$argon2id$v=19$m=64,t=1,p=1$!!$a2V5",
		"$argon2id$v=19$m=99999999,t=1,p=1$c2FsdA$a2V5a2V5a2V5a2V5a2V5",
	} {
		if ok, err := VerifyPassword(h, "password1"); err == nil || ok {
			t.Errorf("VerifyPassword(%q) = %v, %v; want an error", h, ok, err)
		}
	}
}

func FuzzVerifyPassword(f *testing.F) {
	h, _ := HashPassword("password1", fast)
	f.Add(h, "password1")
	f.Add("$argon2id$v=19$m=1,t=1,p=1$$", "x")
	f.Fuzz(func(t *testing.T, hash, password string) {
		if strings.Contains(hash, "m=") && !strings.Contains(hash, "m=64,") && !strings.Contains(hash, "m=1,") {
			return // keep the fuzzer from spending its time in large hashes
		}
		_, _ = VerifyPassword(hash, password)
	})
}

func TestToken(t *testing.T) {
	s1, h1 := NewToken()
	s2, h2 := NewToken()
	if s1 == s2 || h1 == h2 {
		t.Fatal("two tokens are equal")
	}
	if len(s1) != 43 || HashToken(s1) != h1 || len(h1) != 64 {
		t.Errorf("token %q hash %q: wrong shape", s1, h1)
	}
}

func TestThrottle(t *testing.T) {
	th := &Throttle{Burst: 3, Every: time.Minute, MaxKeys: 2}
	now := time.Unix(1000, 0)
	for i := range 3 {
		if ok, _ := th.Allow("a", now); !ok {
			t.Fatalf("attempt %d refused", i+1)
		}
		th.Fail("a", now)
	}
	ok, wait := th.Allow("a", now)
	if ok || wait != time.Minute {
		t.Fatalf("after 3 failures: allow %v wait %v; want refused for 1m", ok, wait)
	}
	if ok, _ := th.Allow("b", now); !ok {
		t.Error("another key refused")
	}
	if ok, _ := th.Allow("a", now.Add(61*time.Second)); !ok {
		t.Error("still refused after the refill")
	}
	th.Succeed("a")
	if ok, _ := th.Allow("a", now); !ok {
		t.Error("refused after a success")
	}
	// Filling beyond MaxKeys keeps the map bounded.
	for _, k := range []string{"c", "d", "e", "f"} {
		th.Fail(k, now)
	}
	if n := len(th.keys); n > 2 {
		t.Errorf("%d keys kept, want at most 2", n)
	}
}

func BenchmarkHashPassword(b *testing.B) {
	p := DefaultParams()
	for b.Loop() {
		if _, err := HashPassword("correct horse battery", p); err != nil {
			b.Fatal(err)
		}
	}
}
