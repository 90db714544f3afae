-- 0009: sources by domain, so that a name new to the store finds the
-- outlet of its site (one outlet per site) without reading every source,
-- on each save of an article whose page names its site another way.

CREATE INDEX IF NOT EXISTS sources_domain ON sources (domain);
