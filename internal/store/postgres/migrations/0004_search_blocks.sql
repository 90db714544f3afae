-- Search ranks the newest matches of a query (storeutil.RankWindow), and
-- finding them must not cost a look at every match of a common word. The
-- GIN index also holds, for each article, lexemes naming the blocks of IDs
-- it is in: '#a' and the number of its block of 2048 IDs, '#b' and that of
-- its block of 8192, and so on, four times as wide at each level, to '#f'.
-- A search asks for its words' matches in the newest blocks first and
-- looks further back only when it needs more. No query a person types has
-- such a lexeme (the parser never keeps '#'), and ranking reads the search
-- column, which does not hold them. The expression must stay exactly as
-- search.go's searchVector writes it, or the planner cannot use the index.
DROP INDEX articles_search;
CREATE INDEX articles_search ON articles USING gin ((search || array_to_tsvector(ARRAY[
	'#a' || (id / 2048)::text, '#b' || (id / 8192)::text, '#c' || (id / 32768)::text,
	'#d' || (id / 131072)::text, '#e' || (id / 524288)::text, '#f' || (id / 2097152)::text])))
	WHERE copy_of IS NULL;
