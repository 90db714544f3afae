package greader

import (
	"fmt"
	"strconv"
	"strings"
)

// LongItemIDPrefix begins every item ID in its long form,
// "tag:google.com,2005:reader/item/" and 16 lower-case hex digits.
const LongItemIDPrefix = "tag:google.com,2005:reader/item/"

// storyBit marks a story's item ID: see StoryItemID.
const storyBit = 1 << 52

// MaxArticleID is the largest article ID an item ID can carry: article
// item IDs are the article IDs themselves, below the story items' range.
const MaxArticleID = storyBit - 1

// MaxStoryID is the largest story ID StoryItemID takes.
const MaxStoryID = storyBit - 1

// ItemKind says what an item ID names.
type ItemKind int8

// Item kinds. The zero value is ItemUnknown, so that a forgotten check
// matches nothing.
const (
	// ItemUnknown: no article or story of Storyline has the ID (zero,
	// negative, or beyond the story items' range).
	ItemUnknown ItemKind = iota
	// ItemArticle: an article, whose ID is the item's.
	ItemArticle
	// ItemStory: a story shown as one item (the "one item per story"
	// option of an app password).
	ItemStory
)

// String names the kind for messages and logs.
func (k ItemKind) String() string {
	switch k {
	case ItemArticle:
		return "article"
	case ItemStory:
		return "story"
	}
	return "unknown"
}

// StoryItemID is the item ID of story storyID: 2^52 + storyID. Article
// IDs, which are their own item IDs, stay below 2^52 (MaxArticleID; they
// are below 2^40 today), so the two never meet, and every item ID lies
// below 2^53. That keeps each one:
//   - positive, so that its short (decimal) form is never negative and
//     apps that read the hex of the long form into a signed 64-bit integer
//     (NetNewsWire's Int, Read You's Long) get it back;
//   - exact as a JavaScript number or any double, which web and
//     JavaScript apps may turn a decimal ID into;
//   - unambiguous between the short and the bare-hex forms: its 16 hex
//     digits begin with "00", and its decimal form never begins with 0,
//     which is how ParseItemID tells them apart.
//
// Setting bit 62 instead would break the last two: a story's decimal ID
// would lose digits as a double, and its hex form could be all digits
// ("4000000000000007") and read as a decimal. StoryItemID returns 0, which
// names no item, for a story ID outside 1..MaxStoryID.
func StoryItemID(storyID int64) int64 {
	if storyID <= 0 || storyID > MaxStoryID {
		return 0
	}
	return storyBit + storyID
}

// SplitItemID says what item ID id names: ItemArticle and the article's
// ID, ItemStory and the story's ID, or ItemUnknown and 0.
func SplitItemID(id int64) (ItemKind, int64) {
	switch {
	case id > 0 && id < storyBit:
		return ItemArticle, id
	case id > storyBit && id < 2*storyBit:
		return ItemStory, id - storyBit
	}
	return ItemUnknown, 0
}

// LongItemID is id's long form, "tag:google.com,2005:reader/item/" and the
// 16 lower-case hex digits of its 64 bits (a negative ID's two's
// complement, as Google Reader wrote it). stream/contents and
// stream/items/contents name their items so.
func LongItemID(id int64) string {
	h := strconv.FormatUint(uint64(id), 16)
	return LongItemIDPrefix + strings.Repeat("0", 16-len(h)) + h
}

// ShortItemID is id's short form, its signed decimal, as stream/items/ids
// lists it.
func ShortItemID(id int64) string {
	return strconv.FormatInt(id, 10)
}

// ParseItemID reads an item ID in any of the forms apps send:
//   - the long form with 1 to 16 hex digits, padded or not
//     ("tag:google.com,2005:reader/item/00000000148b9369"; NetNewsWire
//     leaves out the zeros when it asks for contents);
//   - the short form, a signed decimal ("344691561", "-3587166568350259386"),
//     as stream/items/ids gave it;
//   - bare hex, 1 to 16 digits ("00000000148b9369", as Reeder, Read You
//     and Fluent Reader send it).
//
// Bare digits are a decimal unless they begin with 0, as FreshRSS reads
// them: a padded hex ID begins with 0 (every Storyline item ID does, see
// StoryItemID), a decimal never does. Miniflux reads 16 digits as hex
// instead, which would misread the decimal of an ID from 10^15 up; no
// Storyline ID is ambiguous under FreshRSS's rule. Hex digits may be of
// either case. The ID is returned as the 64 bits the form carries; 0
// names no item and is an error. Whether the ID names an article or a
// story is SplitItemID's to say.
func ParseItemID(s string) (int64, error) {
	id, problem := parseItemID(s)
	if problem != "" {
		return 0, fmt.Errorf("greader: item ID %q: %s", s, problem)
	}
	return id, nil
}

// parseItemID is ParseItemID, with the problem (without the input) in
// place of an error, for the callers that name the parameter too.
func parseItemID(s string) (int64, string) {
	var id int64
	switch {
	case strings.HasPrefix(s, LongItemIDPrefix):
		u, ok := parseHex(s[len(LongItemIDPrefix):])
		if !ok {
			return 0, "want 1 to 16 hex digits after " + LongItemIDPrefix
		}
		id = int64(u)
	case isDecimal(s):
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, "decimal out of the signed 64-bit range"
		}
		id = v
	default:
		u, ok := parseHex(s)
		if !ok {
			if s == "" {
				return 0, "empty"
			}
			return 0, "not an item ID: want tag:google.com,2005:reader/item/ and hex digits, a decimal, or 1 to 16 hex digits"
		}
		id = int64(u)
	}
	if id == 0 {
		return 0, "0 names no item"
	}
	return id, ""
}

// isDecimal reports whether s is an optional minus and digits, the first
// of them not 0: the short form of a nonzero ID.
func isDecimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" || s[0] == '0' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseHex reads 1 to 16 hex digits, of either case, and nothing else.
func parseHex(s string) (uint64, bool) {
	if s == "" || len(s) > 16 {
		return 0, false
	}
	var u uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		u = u<<4 | uint64(d)
	}
	return u, true
}
