package extract

import (
	"regexp"
	"strings"

	"github.com/storyline/storyline"
)

// pageHints is what post-processing knows of the page besides the blocks:
// the normalized forms of its title as declared in different places.
type pageHints struct {
	titles []string
}

// newPageHints returns hints for the given title candidates.
func newPageHints(titles ...string) pageHints {
	var h pageHints
	for _, t := range titles {
		if n := storyline.NormalizeText(t); n != "" {
			h.titles = append(h.titles, n)
		}
	}
	return h
}

// leadScan is how many blocks at the start are checked for repeated
// titles and dateline chrome.
const leadScan = 4

// postProcess drops blocks that are page chrome rather than article: the
// repeated title and headings before the text starts, date and reading-time
// lines at the top, boilerplate sections and lines at the end, and
// "Related:"/"Read more:" teasers anywhere.
func postProcess(blocks []block, h pageHints) []block {
	blocks = dropLeadChrome(blocks, h)
	blocks = dropTeasers(blocks)
	blocks = dropTrailingChrome(blocks)
	return blocks
}

// dropLeadChrome drops, among the first blocks, the title repeated,
// headings before the first paragraph, short date, byline or reading time
// lines, and copyright or reprint notices.
func dropLeadChrome(blocks []block, h pageHints) []block {
	i := 0
	for i < len(blocks) && i < leadScan {
		b := blocks[i]
		switch {
		case b.isHeading(), h.isTitle(b.text()), isDateline(b.text()), isNoticeLine(b.text()):
			i++
			continue
		}
		break
	}
	return blocks[i:]
}

// isTitle reports whether text is the page's title (or its start).
func (h pageHints) isTitle(text string) bool {
	n := storyline.NormalizeText(text)
	if n == "" {
		return false
	}
	for _, t := range h.titles {
		if n == t || len(strings.Fields(n)) >= 4 && strings.HasPrefix(t, n) {
			return true
		}
	}
	return false
}

var (
	// dateRE matches text that is mostly a date or a time.
	dateRE = regexp.MustCompile(`(?i)\b(1[89]|20)\d\d\b|\b\d{1,2}[:h]\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b`)
	// relTimeRE matches a relative time such as "35 minutes ago".
	relTimeRE = regexp.MustCompile(`(?i)\b\d+\s*(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago\b|\b(yesterday|just now)\b`)
	// metaLineRE matches reading-time, update and byline lines.
	metaLineRE = regexp.MustCompile(`(?i)^(by |por |von |par |updated|published|posted|last (updated|modified)|tempo de leitura|reading time|\d+\s*(min|minute|minutes|mins)\b.*read)|\b\d+\s*(min|minute|minuto|minutes|minutos)\b.*\b(read|leitura|lectura|lecture)\b`)
)

// isDateline reports whether a short line is a date, a reading time or a
// byline.
func isDateline(text string) bool {
	if len(strings.Fields(text)) > 12 || strings.Contains(text, "\n\n") {
		return false
	}
	return metaLineRE.MatchString(text) || relTimeRE.MatchString(text) ||
		dateRE.MatchString(text) && len(strings.Fields(text)) <= 8
}

// teaserRE matches the start of an inline link to another article.
var teaserRE = regexp.MustCompile(`(?i)^[\[(]?\s*(related( post| posts| article| articles| story| stories| content| reading)?|read more|read next|read also|also read|see also|more|more from [^:]{1,40}|recommended|watch|listen|leia também|leia mais|veja também|lee también|lire aussi|à lire aussi|lesen sie auch|mehr zum thema|leggi anche)\s*[:：|»>]`)

// dropTeasers drops short blocks that announce a link to another article
// ("Related: …", "[Read more: …]").
func dropTeasers(blocks []block) []block {
	out := blocks[:0]
	for _, b := range blocks {
		t := b.text()
		if len(strings.Fields(t)) <= 30 && teaserRE.MatchString(t) {
			continue
		}
		out = append(out, b)
	}
	return out
}

// boilerplateRE matches lines that belong to the page, not the article:
// sharing and following prompts, newsletter sign-ups, comment rules, form
// feedback, affiliate disclosures, reprint offers and credit lines.
var boilerplateRE = regexp.MustCompile(`(?i)` + strings.Join([]string{
	`newsletter|sign(ing)? up\b|\bsubscri(be|ption)|your inbox|\binscreva`,
	`^follow\b|\bfollow (us|him|her|them|me)\b|on (facebook|twitter|instagram)\b|@\w+\s*\.?$`,
	`\bshare (this|it|on)\b|like this (story|article)|^share\b`,
	`an error (has )?occurred|please try again|^thanks?( you)?\b|^sorry\b`,
	`^advertisement$|\bsponsored\b|affiliate|may (earn|get|receive) a (small )?(commission|share)|if you (buy|purchase) something`,
	`\bcomments?\b.*\b(moderat|approv|rules|policy|closed)|leave a (comment|reply)|coment[aá]rios?\b.*(moderad|aprovad)`,
	`for (your )?personal,? non-?commercial use|reprints?\b|this article (has been|was) sent`,
	`contributed (reporting|to this report)|additional reporting|\breporting by\b|\bediting by\b|^write to .*@`,
	`^(tags?|topics|filed under|categories|keywords)\s*:`,
}, "|"))

// sectionTitleRE matches the title of a boilerplate section: related
// links, comments, tags, sharing, newsletters, promotions.
var sectionTitleRE = regexp.MustCompile(`(?i)^(related|related (articles?|stories|posts|content|coverage|news|links|reading)|more (stories|news|articles|on this( story| topic)?|from [\w .'-]{1,40}|to (read|explore))|you (may|might) (also )?(like|enjoy|be interested in)|recommended( for you| stories| articles)?|read (more|next|also)|also read|see also|further reading|(most|top) (popular|read|viewed|shared)|popular( now| stories| posts)?|trending( now| stories)?|(our )?latest (news|stories|articles|posts)|top stories|editor'?s picks|don'?t miss|(\d+ )?comments?|leave a (comment|reply)|join the (discussion|conversation)|discussion|hashtags?|tags?|topics|share( this( article| story| post)?)?|newsletter|sign up.*|subscribe.*|ai features?|about the author|notícias relacionadas|leia também|veja também|comentários|noticias relacionadas|te puede interesar|comentarios|articles similaires|à lire aussi|commentaires|ähnliche artikel|mehr zum thema|kommentare|articoli correlati|commenti)\W*$`)

// endSectionRE matches the titles of sections that only ever follow the
// article (as opposed to "Read more" or "See also" boxes set inside it).
var endSectionRE = regexp.MustCompile(`(?i)^(related|you (may|might)|recommended|(most|top) |popular|trending|(our )?latest|top stories|editor|comments?|\d+ comments?|leave a|join the|discussion|hashtags?|tags?|topics|share|newsletter|sign up|subscribe|ai features?|about the author|notícias relacionadas|comentários|noticias relacionadas|te puede|comentarios|articles similaires|commentaires|ähnliche|kommentare|articoli correlati|commenti|more (stories|news|articles|from))`)

// isEndSection reports whether a section title names an end section.
func isEndSection(title string) bool { return endSectionRE.MatchString(title) }

// isSectionTitle reports whether text is the title of a boilerplate
// section.
func isSectionTitle(text string) bool {
	return len(strings.Fields(text)) <= 8 && sectionTitleRE.MatchString(strings.TrimSpace(text))
}

// maxChromeWords bounds the length of a line judged boilerplate by its
// wording alone; maxNoticeWords that of a legal notice.
const (
	maxChromeWords = 40
	maxNoticeWords = 80
)

// noticeRE matches copyright and reprint notices, which no article text
// reads like.
var noticeRE = regexp.MustCompile(`(?i)©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|todos os direitos|derechos reservados|tous droits|for (your )?personal,? non-?commercial use`)

// isChromeLine reports whether a line is boilerplate by its wording: a
// short line of page furniture or a legal notice.
func isChromeLine(text string) bool {
	n := len(strings.Fields(text))
	return n <= maxChromeWords && boilerplateRE.MatchString(text) || isNoticeLine(text)
}

// isNoticeLine reports whether a line is a copyright or reprint notice.
func isNoticeLine(text string) bool {
	return len(strings.Fields(text)) <= maxNoticeWords && mayBeNotice(text) && noticeRE.MatchString(text)
}

// noticeWords are the words one of which every match of noticeRE holds:
// checked first, they spare most lines the slower case-folding regexp.
var noticeWords = []string{"©", "(c)", "copyright", "rights reserved", "direitos", "derechos", "droits", "personal"}

// mayBeNotice reports whether text holds one of noticeWords, in any case.
func mayBeNotice(text string) bool {
	lower := strings.ToLower(text)
	for _, w := range noticeWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// dropTrailingChrome drops boilerplate from the end: a boilerplate section
// (from its title on) in the last part of the article, then short
// boilerplate lines at the very end.
func dropTrailingChrome(blocks []block) []block {
	return dropTrailingLines(cutEndSection(blocks), true)
}

// cutEndSection drops a boilerplate section, from its title on, that
// starts in the last half of the article's text.
func cutEndSection(blocks []block) []block {
	total := 0
	for _, b := range blocks {
		total += len(b.text())
	}
	seen := 0
	for i, b := range blocks {
		if i > 0 && seen*2 >= total && isSectionTitle(b.text()) && isEndSection(b.text()) {
			blocks = blocks[:i]
			break
		}
		seen += len(b.text())
	}
	return blocks
}

// dropTrailingLines drops boilerplate lines from the end, and with short
// also headings and lines of one or two words (a page's furniture).
func dropTrailingLines(blocks []block, short bool) []block {
	for len(blocks) > 1 {
		b := blocks[len(blocks)-1]
		t := b.text()
		if isChromeLine(t) || isSectionTitle(t) || short && (b.isHeading() || len(strings.Fields(t)) <= 2) {
			blocks = blocks[:len(blocks)-1]
			continue
		}
		break
	}
	return blocks
}
