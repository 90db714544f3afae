// Package ingest orchestrates the way in: it takes documents from the
// input stage (internal/importer's decoders; feeds later), runs them through
// extraction (internal/extract), and saves the articles to a store, one
// transaction per item. It owns concurrency and progress reporting; the
// stages it drives are pure or self-contained.
package ingest
