-- 0007: sources by domain, as the SQLite store's 0009: a name new to the
-- store finds the outlet of its site without reading every source.

CREATE INDEX IF NOT EXISTS sources_domain ON sources (domain);
