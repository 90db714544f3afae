package synth

import (
	"strings"
	"unicode/utf8"
)

// language is what text like one language is made of.
type language struct {
	code       string
	common     []string // the most frequent words, in rough frequency order
	syllables  []string // what the rest of the vocabulary is made of
	space      string   // between words
	stop       string   // ends a sentence
	capitalize bool     // half the made-up words are nouns, capitalised (German)
	// minSyllables is the fewest syllables of a made-up word.
	minSyllables int
}

// codeOr returns l's language code, or def for a nil l.
func (l *language) codeOr(def string) string {
	if l == nil {
		return def
	}
	return l.code
}

// wordsIn counts the words of a generated sentence: words are spaced,
// except in Chinese, where each character counts as one (as
// text.CountWords counts them).
func (g *Generator) wordsIn(s string) int {
	if l := g.language(); l.space == "" {
		return utf8.RuneCountInString(s) - utf8.RuneCountInString(l.stop)
	}
	return strings.Count(s, " ") + 1
}

// languages are the languages a Generator writes like.
var languages = map[string]*language{
	"en": {code: "en", common: commonWords, space: " ", stop: ".", minSyllables: 2,
		syllables: strings.Fields("ka ri to ma ne lo su ven tar mir dal or es an bel cor fin gal hul jor kel lun mor nar pel ros sal tun val wen zor ath ber cid dor eth fal gor hin isk jat")},
	"de": {code: "de", common: germanWords, space: " ", stop: ".", capitalize: true, minSyllables: 2,
		syllables: strings.Fields("ber gen ung lich keit schaft hau sen bur ter wal der stein feld rat amt mann land heim dorf wer ken tag")},
	"zh": {code: "zh", common: chineseWords, space: "", stop: "。", minSyllables: 1,
		syllables: strings.Split("国家发展经济政府会议市场合作安全地区部门社会企业技术项目计划代表外交能源城市", "")},
}

// germanWords are frequent German words, function words first.
var germanWords = strings.Fields(`der die und in den von zu das mit sich des auf für ist im dem nicht ein die eine als auch
es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur
oder aber vor zur bis mehr durch man sein wurde sei prozent hatte kann gegen vom können schon wenn habe seine
ihre dann unter wir soll ich eines jahr zwei jahren diese dieser wieder keine seiner worden will zwischen immer
Regierung Bundesregierung Präsident Minister Verhandlungen Gespräche Land Stadt Partei Polizei Gericht Wahl
Wirtschaft Unternehmen Markt Woche Bericht Sprecher Kanzler Abkommen Krieg Sicherheit Preise Menschen`)

// chineseWords are frequent Chinese words, function words first.
var chineseWords = strings.Fields(`的 了 在 是 和 与 对 将 也 等 为 中 上 有 这 他 说 从 但 不 已 被 并 到 于 就 都 而 及 其
表示 进行 发展 国家 政府 会议 问题 工作 经济 合作 关系 美国 中国 伊朗 谈判 外交部 代表团 总统 部长 双方 市场
企业 安全 地区 国际 社会 方面 目前 今年 记者 报道 消息 官员 宣布 认为 继续 举行 制裁 协议 能源 价格 城市`)
