-- 0012: search terms computed by the store, per language.
--
-- The search column was generated from the 'storyline' configuration
-- (English stemming), which neither stems other languages nor cuts
-- Chinese into words. It becomes an ordinary column that the store fills
-- on every save with the terms Go computes for the article's language
-- (internal/text.SearchTerms), given as a tsvector with title terms
-- weighted A and body terms B. The GIN index of 0004 indexes the same
-- column and stays as it is.
--
-- search_version says which analysis an article's terms come from: 0 for
-- the rows of before (English stems, which English searches still mostly
-- match) and rows copied in without terms; the store's ReindexSearch
-- brings them up to the current version (search_terms.go's
-- searchVersion), found through articles_search_pending, whose predicate
-- must name that version.
--
-- search_language is the language of an article's terms, which its
-- snippets are made in; search_languages lists the languages of the
-- indexed articles, for which a query's words are normalised.
--
-- Each step may find itself done already (a database taken back to an
-- earlier version by hand runs it again).
DO $$
BEGIN
	IF EXISTS (SELECT 1 FROM pg_attribute
		WHERE attrelid = 'articles'::regclass AND attname = 'search' AND attgenerated = 's') THEN
		ALTER TABLE articles ALTER COLUMN search DROP EXPRESSION;
	END IF;
END $$;
ALTER TABLE articles ADD COLUMN IF NOT EXISTS search_version smallint NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN IF NOT EXISTS search_language text NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS articles_search_pending ON articles (id) WHERE search_version < 1;
CREATE TABLE IF NOT EXISTS search_languages (
	lang text PRIMARY KEY
);
INSERT INTO search_languages (lang) VALUES ('en') ON CONFLICT DO NOTHING;
