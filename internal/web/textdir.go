package web

import "strings"

// rtlLanguages are the languages written right to left, by primary
// subtag.
var rtlLanguages = map[string]bool{"ar": true, "fa": true, "he": true, "ur": true, "ps": true, "yi": true, "dv": true, "ckb": true, "sd": true, "ug": true}

// textLang returns the primary subtag of a language tag ("de-AT" → "de"),
// lower-cased, for a lang attribute; "" when there is none or it is not
// a plausible subtag.
func textLang(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	tag = strings.ToLower(strings.TrimSpace(tag))
	if len(tag) < 2 || len(tag) > 3 {
		return ""
	}
	for _, c := range tag {
		if c < 'a' || c > 'z' {
			return ""
		}
	}
	return tag
}

// textDir returns the dir attribute of text in language lang: "rtl" for
// a language written right to left, else "auto", which lets the browser
// tell from the text itself (a quote in another script, an unknown
// language).
func textDir(lang string) string {
	if rtlLanguages[textLang(lang)] {
		return "rtl"
	}
	return "auto"
}
