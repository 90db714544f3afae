package entity

import (
	"strings"
	"unicode"
)

// Aggregate merges the entities of the articles of one story into the
// story's entities.
//
// Entities are matched by their folded name (Key without the kind), then a
// person named by surname only ("Araghchi") is merged into the one person
// of the story whose full name ends with it ("Abbas Araghchi"), a shorter
// full name into a longer one, and an acronym into the one organisation
// whose initials it is. Counts are summed; the name is the longest full
// form seen; the kind is the one most articles gave it (on a tie, the one
// with more mentions, then person, place, organization in that order).
//
// The agreement rule: when the story has two articles or more, an entity is
// kept if at least two articles name it, or if its one article names it at
// least twice (Count ≥ 2). A story of one article keeps all of that
// article's entities, there being nothing to agree with. The result is
// sorted like Extract's.
func Aggregate(perArticle [][]Entity) []Entity {
	articles := 0
	for _, es := range perArticle {
		if len(es) > 0 {
			articles++
		}
	}
	var groups []*group
	byName := make(map[string]int)
	for ai, es := range perArticle {
		for _, e := range es {
			norm := normName(e.Name)
			if norm == "" {
				continue
			}
			count := max(e.Count, 1)
			i, ok := byName[norm]
			if !ok {
				i = len(groups)
				byName[norm] = i
				groups = append(groups, &group{
					name: strings.TrimSpace(e.Name), words: strings.Fields(norm),
					articles: map[int]bool{}, votes: map[Kind]int{}, counts: map[Kind]int{},
					parent: i,
				})
			}
			g := groups[i]
			g.add(ai, e, count)
		}
	}
	mergeSurnames(groups)
	mergeAcronyms(groups)
	var out []Entity
	for i, g := range groups {
		if g.parent != i {
			continue
		}
		if articles >= 2 && len(g.articles) < 2 && g.count < 2 {
			continue
		}
		out = append(out, Entity{Name: g.name, Kind: g.kind(), Count: g.count})
	}
	sortEntities(out)
	return out
}

// group is one entity of a story.
type group struct {
	name     string
	words    []string // folded words of name
	count    int
	articles map[int]bool
	votes    map[Kind]int // articles per kind
	counts   map[Kind]int // mentions per kind
	parent   int
	voted    map[int]Kind // the kind each article gave it
}

// add counts one article's entity.
func (g *group) add(article int, e Entity, count int) {
	g.count += count
	g.counts[e.Kind] += count
	if g.voted == nil {
		g.voted = map[int]Kind{}
	}
	if _, ok := g.voted[article]; !ok {
		g.voted[article] = e.Kind
		g.votes[e.Kind]++
	}
	g.articles[article] = true
	if name := strings.TrimSpace(e.Name); betterName(name, g.name) ||
		(!betterName(g.name, name) && name < g.name) {
		g.name = name
		g.words = strings.Fields(normName(name))
	}
}

// absorb merges group h into g.
func (g *group) absorb(h *group) {
	g.count += h.count
	for k, v := range h.counts {
		g.counts[k] += v
	}
	for a, k := range h.voted {
		if _, ok := g.voted[a]; !ok {
			g.voted[a] = k
			g.votes[k]++
		}
	}
	for a := range h.articles {
		g.articles[a] = true
	}
}

// kind returns the kind most articles gave the group.
func (g *group) kind() Kind {
	best := Kind("")
	for _, k := range []Kind{Person, Place, Organization} {
		if best == "" || g.votes[k] > g.votes[best] ||
			(g.votes[k] == g.votes[best] && g.counts[k] > g.counts[best]) {
			best = k
		}
	}
	if g.votes[best] == 0 {
		// Kinds other than the three: the most voted one.
		for k, v := range g.votes {
			if v > g.votes[best] || (v == g.votes[best] && k < best) {
				best = k
			}
		}
	}
	return best
}

// mergeSurnames merges people named by a surname, or by a shorter full
// name, into the person whose longer name ends with it (the one with the
// most mentions when there are several); a family name written first
// ("Lai" of "Lai Ching-te") counts as well.
func mergeSurnames(groups []*group) {
	ends := make(map[string][]int) // the last words of a name → people
	for j, h := range groups {
		if h.kind() != Person || len(h.words) < 2 {
			continue
		}
		for k := 1; k < len(h.words); k++ {
			key := strings.Join(h.words[k:], " ")
			ends[key] = append(ends[key], j)
		}
		if syllableLast(h.name) {
			ends[h.words[0]] = append(ends[h.words[0]], j)
		}
	}
	for i, g := range groups {
		if g.parent != i || g.kind() != Person {
			continue
		}
		target := -1
		for _, j := range ends[strings.Join(g.words, " ")] {
			for groups[j].parent != j {
				j = groups[j].parent
			}
			if j == i || len(groups[j].words) <= len(g.words) {
				continue
			}
			if target < 0 || groups[j].count > groups[target].count {
				target = j
			}
		}
		if target >= 0 {
			groups[target].absorb(g)
			g.parent = target
		}
	}
}

// mergeAcronyms merges an acronym ("IAEA") into the one organisation whose
// initials it is.
func mergeAcronyms(groups []*group) {
	byInitials := make(map[string][]int)
	for j, h := range groups {
		if h.parent == j && len(h.words) >= 2 && h.kind() == Organization {
			in := initialsOf(h.words)
			byInitials[in] = append(byInitials[in], j)
		}
	}
	for i, g := range groups {
		if g.parent != i || len(g.words) != 1 || !isAcronym(g.name) {
			continue
		}
		if ts := byInitials[g.words[0]]; len(ts) == 1 && ts[0] != i {
			groups[ts[0]].absorb(g)
			g.parent = ts[0]
		}
	}
}

// isAcronym reports whether name is one word in capitals.
func isAcronym(name string) bool {
	return !strings.ContainsRune(name, ' ') && isUpperWord(strings.ReplaceAll(name, ".", ""))
}

// initialsOf returns the first letters of the words that are not "of",
// "the", "and", "for", "on".
func initialsOf(words []string) string {
	var sb strings.Builder
	for _, w := range words {
		switch w {
		case "of", "the", "and", "for", "on":
			continue
		}
		for _, r := range w {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				sb.WriteRune(r)
			}
			break
		}
	}
	return sb.String()
}
