// Package entity finds the people, places and organisations named in news
// articles, and aggregates them per story.
//
// No single cue is reliable in news text, so several are combined, with
// precision first: capitalised spans of words; titles and roles before a
// name ("Foreign Minister Abbas Araghchi", "Mr.", "Gen.", "spokesman");
// the words that end an organisation's name (Ministry, Council, Bank,
// University, Inc …) or a place's (Province, River, Strait …); "X said" and
// "said X" for people; "in X", "near X" for places; acronyms for
// organisations; and a small gazetteer written for the package (data/:
// countries and their short forms, capitals and major cities, US states,
// regions, well-known organisations, given names across cultures,
// nationalities). Within an article, mentions are resolved to the full
// name ("Araghchi", "Mr Araghchi" → "Abbas Araghchi"; "U.S.",
// "US" → "United States"; "IAEA" → "International Atomic Energy Agency");
// across the articles of a story, Aggregate merges the lists and keeps the
// entities the articles agree on.
//
// A span that no cue classifies is dropped rather than guessed, and so is
// a capitalised word that may be capitalised only because it starts a
// sentence, a quotation or a headline. Headlines and headings in title case
// are searched only for names the body or the gazetteer establishes. Text
// in other languages yields only what the gazetteer and acronyms find;
// ExtractIn, told the article's language, reads it with a multilingual
// place table (CLDR and GeoNames names, data/places_i18n.tsv.gz) and the
// cues of that language.
//
// The package is pure: the gazetteer is embedded and loaded once by New;
// the multilingual table is embedded too, and loaded once, on the first
// ExtractIn of an article that is not in English.
package entity

import (
	"sort"
	"strings"
	"unicode"

	"github.com/storyline/storyline/internal/text"
)

// Kind is the kind of an entity.
type Kind string

// The kinds of entity.
const (
	Person       Kind = "person"       // a person, by name
	Place        Kind = "place"        // a country, region, city or other location
	Organization Kind = "organization" // a government body, company, party, agency, news outlet …
)

// Entity is one entity named in an article or a story.
type Entity struct {
	Name  string // canonical name: the gazetteer's, or the longest full form seen ("Abbas Araghchi")
	Kind  Kind
	Count int // mentions
}

// Extractor finds entities in articles. It is built once by New and is
// safe for concurrent use.
type Extractor struct {
	gaz *gazetteer

	given, demonyms, familyFirst          map[string]bool
	roleHeads, roleMods, lowerRoles       map[string]bool
	roleOf                                map[string]bool
	roleOfLen                             int
	abbrev                                map[string]bool
	orgSuffix, orgOfHeads                 map[string]bool
	placeSuffix, placePrefix, placeOfHead map[string]bool
	particles, connectors                 map[string]bool
	timeWords, nonEntity, nonAcronyms     map[string]bool
	function, english                     map[string]bool
	stop                                  *text.Analyzer
	said, placeCues, nameSuffixes         map[string]bool
	bylines, legal, stakeWords            map[string]bool
	possNames, hyphenWords                map[string]bool
}

// New returns an Extractor with its gazetteer loaded.
func New() *Extractor {
	g := newGazetteer()
	g.load("data/countries.txt", Place)
	g.load("data/us_states.txt", Place)
	g.load("data/cities.txt", Place)
	g.load("data/regions.txt", Place)
	g.load("data/organizations.txt", Organization)
	roleOf, roleOfLen := phraseSet(roleOfPhrases)
	e := &Extractor{
		gaz:          g,
		given:        wordSet("data/given_names.txt"),
		demonyms:     wordSet("data/demonyms.txt"),
		familyFirst:  set(familyFirstNames),
		roleHeads:    set(roleHeadWords),
		roleMods:     set(roleModifierWords),
		lowerRoles:   set(lowerRoleWords),
		roleOf:       roleOf,
		roleOfLen:    roleOfLen,
		abbrev:       set(titleAbbreviations),
		orgSuffix:    set(orgSuffixWords),
		orgOfHeads:   set(orgOfHeads),
		placeSuffix:  set(placeSuffixWords),
		placePrefix:  set(placePrefixWords),
		placeOfHead:  set(placeOfHeads),
		particles:    set(nameParticles),
		connectors:   set(connectorWords),
		timeWords:    set(timeWords),
		nonEntity:    set(nonEntityWords, timeWords),
		nonAcronyms:  set(nonEntityAcronyms),
		stop:         text.NewAnalyzer("en"),
		function:     set(functionWords),
		english:      set(englishWords),
		said:         set(saidVerbs),
		placeCues:    set(placeCueWords),
		nameSuffixes: set(nameSuffixes),
		bylines:      set(bylineWords),
		legal:        set(legalSuffixes),
		stakeWords:   set(stakeWords),
		possNames:    set(possessiveNameWords),
		hyphenWords:  set(hyphenWords),
	}
	return e
}

// Extract returns the entities named in an article's title and text,
// sorted by Count (descending), then Name; Count includes the mentions in
// the title. English text is understood best; other languages yield fewer
// entities, never an error. A person known by one word only ("Bernstein
// said") needs a title or role, or two mentions, to be returned.
func (e *Extractor) Extract(title, body string) []Entity {
	if strings.TrimSpace(title) == "" && strings.TrimSpace(body) == "" {
		return nil
	}
	s := e.newState(title, body)
	s.findMentions()
	s.resolve()
	s.countUnreliable()
	return s.entities()
}

// ExtractDoc is ExtractIn for an article's shared text pass: English
// text reuses its words and sentences.
func (e *Extractor) ExtractDoc(t *text.Doc) []Entity {
	if langCode(t.Lang) != "en" {
		return e.extractIn(t.Lang, t.Title, t.Body, t)
	}
	if strings.TrimSpace(t.Title) == "" && strings.TrimSpace(t.Body) == "" {
		return nil
	}
	d, titleEnd, ok := tokenizeDoc(t, e)
	if !ok {
		return e.Extract(t.Title, t.Body)
	}
	s := e.stateOf(d, titleEnd)
	s.findMentions()
	s.resolve()
	s.countUnreliable()
	return s.entities()
}

// Key returns a stable key for an entity, its kind and its name folded
// ("person:abbas araghchi"), for indexing stories by entity.
func Key(e Entity) string {
	return string(e.Kind) + ":" + normName(e.Name)
}

// normName returns a name lower-cased, with plain apostrophes, without
// periods, and with hyphens and runs of spaces made single spaces.
func normName(name string) string {
	var sb strings.Builder
	sb.Grow(len(name))
	space := false
	for _, r := range name {
		switch {
		case r == '.':
			continue
		case r == '’':
			r = '\''
		case r == '-' || r == '‐' || unicode.IsSpace(r):
			space = sb.Len() > 0
			continue
		}
		if space {
			sb.WriteByte(' ')
			space = false
		}
		sb.WriteRune(unicode.ToLower(r))
	}
	return sb.String()
}

// sortEntities sorts by Count descending, then Name, then Kind.
func sortEntities(out []Entity) {
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].Kind < out[j].Kind
	})
}
