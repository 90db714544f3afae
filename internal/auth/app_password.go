package auth

import (
	"crypto/md5" //nolint:gosec // the Fever API's key is an MD5; see FeverKeyHash
	"crypto/rand"
	"encoding/hex"
	"strings"
)

// App passwords are 4 groups of 4 characters, separated by dashes, such
// as "k7mq-2xfa-pn4d-w9ce": easy to read out and type on a phone. The 32
// characters leave out 0, 1, l and o, which are read for one another, so
// each carries 5 bits: 80 random bits in all.
const (
	appPasswordAlphabet = "abcdefghijkmnpqrstuvwxyz23456789"
	appPasswordGroups   = 4
	appPasswordGroupLen = 4
)

// AppPasswordLength is the length of an app password, dashes included.
const AppPasswordLength = appPasswordGroups*appPasswordGroupLen + appPasswordGroups - 1

// NewAppPassword returns a new app password for the user named userName
// (as stored, exactly) and the two hashes under which it is stored:
// secretHash (HashToken of the password) finds it when an app signs in
// with the user's name and the password (the Google Reader API), and
// feverHash (FeverKeyHash of the Fever API key, the hex MD5 of
// userName + ":" + secret) when a Fever client sends that key. The
// secret is shown to the user once; only the hashes are kept.
func NewAppPassword(userName string) (secret, secretHash, feverHash string) {
	b := make([]byte, appPasswordGroups*appPasswordGroupLen)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (it panics if the OS source does)
	var sb strings.Builder
	sb.Grow(AppPasswordLength)
	for i, c := range b {
		if i > 0 && i%appPasswordGroupLen == 0 {
			sb.WriteByte('-')
		}
		sb.WriteByte(appPasswordAlphabet[c%byte(len(appPasswordAlphabet))]) // 256 is a multiple of 32: no bias
	}
	secret = sb.String()
	return secret, HashToken(secret), FeverKeyHash(FeverKey(userName, secret))
}

// FeverKey returns the key a Fever client sends for the user named
// userName with password password: the lower-case hex MD5 of
// userName + ":" + password, as the Fever API defines it (with the
// account's e-mail address; here its user name).
func FeverKey(userName, password string) string {
	sum := md5.Sum([]byte(userName + ":" + password)) //nolint:gosec // the Fever API's definition
	return hex.EncodeToString(sum[:])
}

// FeverKeyHash returns the stored form of a Fever API key, under which
// the API looks the key up: HashToken of the key with surrounding space
// trimmed and in lower case, since clients differ in the case of their
// hex digits. A fast hash suffices: the key is made from an app
// password's 80 random bits.
func FeverKeyHash(apiKey string) string {
	return HashToken(strings.ToLower(strings.TrimSpace(apiKey)))
}
