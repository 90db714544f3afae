package outlet

import (
	"strings"
	"unicode"
)

// agency is a news agency: the credits a report of it carries, in a
// dateline ("(AP)") or a byline ("Associated Press"), and its outlet name.
type agency struct {
	codes []string // dateline credits, matched as written
	names []string // byline credits, matched ignoring case
	name  string
}

// agencies are the wire services whose reports other sites carry.
var agencies = []agency{
	{[]string{"AP"}, []string{"Associated Press"}, "Associated Press"},
	{[]string{"Reuters"}, []string{"Reuters"}, "Reuters"},
	{[]string{"AFP"}, []string{"Agence France-Presse", "Agence France Presse"}, "AFP"},
	{[]string{"UPI"}, []string{"United Press International"}, "UPI"},
	{[]string{"dpa"}, []string{"Deutsche Presse-Agentur"}, "dpa"},
	{[]string{"CP"}, []string{"The Canadian Press"}, "The Canadian Press"},
	{[]string{"AAP"}, []string{"Australian Associated Press"}, "Australian Associated Press"},
	{[]string{"PTI"}, []string{"Press Trust of India"}, "Press Trust of India"},
	{[]string{"IANS"}, []string{"Indo-Asian News Service"}, "IANS"},
	{[]string{"Xinhua"}, []string{"Xinhua"}, "Xinhua"},
	{[]string{"EFE"}, nil, "EFE"},
	{[]string{"ANSA"}, nil, "ANSA"},
	{[]string{"Yonhap"}, []string{"Yonhap"}, "Yonhap"},
}

// datelineSpan is how far into a text its dateline's credit may lie.
const datelineSpan = 160

// Wire returns the news agency a report is credited to, or "": the
// credit in the dateline that opens its text ("LONDON (AP) — …",
// "(Reuters) - …"), else the agency named in its byline ("By Jill
// Lawless, Associated Press"). A page that carries an agency's report
// under a host that names no outlet of its own (hosted.ap.org, a
// syndication portal) is the agency's.
func Wire(byline, text string) string {
	lead := text
	if len(lead) > datelineSpan {
		lead = lead[:datelineSpan]
	}
	for open := strings.IndexByte(lead, '('); open >= 0; {
		end := strings.IndexByte(lead[open:], ')')
		if end < 0 {
			break
		}
		code, rest := lead[open+1:open+end], lead[open+end+1:]
		if a := byCode(code); a != "" && startsWithDash(rest) {
			return a
		}
		next := strings.IndexByte(lead[open+1:], '(')
		if next < 0 {
			break
		}
		open += 1 + next
	}
	return byName(byline)
}

// byCode returns the agency whose dateline credit code is.
func byCode(code string) string {
	for _, a := range agencies {
		for _, c := range a.codes {
			if code == c {
				return a.name
			}
		}
	}
	return ""
}

// byName returns the agency a byline names as a whole word sequence.
func byName(byline string) string {
	lower := strings.ToLower(byline)
	for _, a := range agencies {
		for _, n := range a.names {
			n = strings.ToLower(n)
			for from := 0; ; {
				i := strings.Index(lower[from:], n)
				if i < 0 {
					break
				}
				i += from
				if wordEdge(lower, i-1) && wordEdge(lower, i+len(n)) {
					return a.name
				}
				from = i + 1
			}
		}
	}
	return ""
}

// wordEdge reports whether byte i of s is outside s or not part of a word.
func wordEdge(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return true
	}
	r := rune(s[i])
	return r < 0x80 && !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// startsWithDash reports whether s, after spaces, starts with a dash or
// a colon: what follows a dateline's credit.
func startsWithDash(s string) bool {
	s = strings.TrimLeft(s, " \u00a0")
	for _, d := range []string{"—", "–", "-", ":", "―"} {
		if strings.HasPrefix(s, d) {
			return true
		}
	}
	return false
}
