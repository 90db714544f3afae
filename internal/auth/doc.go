// Package auth holds the building blocks of accounts: password hashing
// (argon2id), secret tokens for sessions and the API and app passwords
// for feed-reading apps with their Fever keys (only their hashes are
// stored), and a throttle for sign-in attempts. It does no I/O of its own.
package auth
