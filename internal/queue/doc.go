// Package queue runs ingestion as jobs in a PostgreSQL-backed queue
// (River), so that any number of worker processes, on any number of
// machines, share the work through the database: polling a feed, storing
// (fetching and extracting) each new entry, analysing each stored article,
// and updating the stories that changed. Jobs are unique (one poll of a
// feed, one job per entry URL, one analysis per article queued at a time),
// retried with back-off when they fail, and rescued when the worker
// running them dies. Assignment to stories stays correct across workers
// through the store's assignment log and lock (see ingest.Analyzer).
package queue
