package ask

import (
	"strings"
	"sync"

	"github.com/storyline/storyline/internal/text"
)

// questionSource is the word lists of one language that questions are
// made of besides their topic, each a space-separated list of words as
// written (inflected forms listed, since a stemmer leaves irregular ones
// apart).
type questionSource struct {
	// ask are question words and the verbs that only frame a question
	// ("what did X say", "what happened"): dropped from a question. Many
	// are already stop words of internal/text; the list does not rely on
	// it.
	ask string
	// soft are verbs a question uses for an event the coverage tells in
	// other words ("who met" answered by "held talks"): they help rank,
	// but do not decide whether the coverage answers at all.
	soft string
}

// questionSources returns the question word lists by language.
func questionSources() map[string]questionSource {
	return map[string]questionSource{
		"en": {
			ask: `who whom whose what which when where why how whats who's what's when's where's why's how's
				do does did done doing is are was were be been being am has have had
				say says said saying tell tells told telling happen happens happened happening occur occurs occurred
				anyone anybody someone somebody something anything everyone everything
				please explain describe know known`,
			soft: `meet meets met meeting meetings talk talked discuss discusses discussed announce announced
				decide decides decided agree agreed react reacted respond responded comment commented
				think thought want wanted mean meant plan planned go went come came get got give gave
				take took taken place`,
		},
		"de": {
			ask: `wer wen wem wessen was wann wo wohin woher warum wieso weshalb weswegen wie welche welcher
				welches welchen welchem ist sind war waren wurde wurden hat haben hatte hatten sagt sagte sagten
				sagen gesagt passiert passierte geschah geschehen ereignete ereignet jemand etwas`,
			soft: `treffen trifft traf trafen getroffen besprechen besprach besprachen besprochen diskutierten
				ankündigen kündigte angekündigt entscheiden entschied entschieden einigen einigten geeinigt
				reagieren reagierte reagiert erklären erklärte erklärt äußerte geäußert`,
		},
		"fr": {
			ask: `qui que quoi qu quand où pourquoi comment combien quel quelle quels quelles lequel laquelle
				lesquels lesquelles est sont était étaient a ont avait avaient dit dire disent déclaré
				passé passe passée arrivé arrive arrivée produit quelqu quelque chose`,
			soft: `rencontrer rencontré rencontrés rencontre rencontrent réunir réuni réunis discuter discuté
				annoncer annoncé décider décidé réagi répondu`,
		},
		"es": {
			ask: `quién quiénes quien quienes qué que cuándo cuando dónde donde por porqué cómo como cuál cuáles
				cuánto cuántos es son fue fueron era eran ha han dijo dijeron dice dicen decir pasó ocurrió
				sucedió ocurre pasa alguien algo`,
			soft: `reunió reunieron reunirse reunido encontraron encontrarse discutieron anunció anunciaron
				decidió decidieron acordaron reaccionó respondió`,
		},
		"it": {
			ask: `chi che cosa cos quando dove perché come quale quali quanto quanti è sono era erano fu ha hanno
				detto dice dicono dire successo accaduto avvenuto qualcuno qualcosa`,
			soft: `incontrato incontrati incontrare incontrarsi riuniti discusso annunciato deciso reagito risposto`,
		},
		"pt": {
			ask: `quem que quê quando onde porque por como qual quais quanto quantos é são foi foram era eram
				disse disseram diz dizem dizer aconteceu acontece ocorreu alguém algo`,
			soft: `reuniu reuniram encontrou encontraram encontrar discutiu discutiram anunciou decidiu
				reagiu respondeu`,
		},
		"ru": {
			ask: `кто кого кому кем что чего чем когда где куда откуда почему зачем как какой какая какое какие
				который которая которое сколько был была было были есть сказал сказала сказали говорит
				сказано произошло случилось происходит кто-то что-то`,
			soft: `встретились встретился встреча встречались обсудили обсуждали объявил объявили решил решили
				ответил ответили`,
		},
		"zh": {
			ask:  `谁 什么 哪里 哪儿 哪个 哪些 何时 何地 何人 为什么 为何 怎么 怎样 如何 多少 几 是 说 表示 称 发生 了 吗 呢`,
			soft: `会面 会晤 见面 会见 讨论 宣布 决定 回应`,
		},
		"ja": {
			ask:  `誰 だれ 何 なに なん どこ いつ なぜ どう どの どれ どうして 言っ 言う 述べ 起き 起こっ です ます`,
			soft: `会っ 会う 会談 話し 発表 決め`,
		},
	}
}

// questionWords is one language's question words, as sets of the
// folded words and of their terms in the language.
type questionWords struct {
	ask, soft map[string]bool
}

// questionLexicons returns the question words by language, made on first
// use and read only after that.
var questionLexicons = sync.OnceValue(func() map[string]*questionWords {
	out := make(map[string]*questionWords)
	for lang, src := range questionSources() {
		an := text.NewAnalyzer(lang)
		out[lang] = &questionWords{ask: wordsAndTerms(an, src.ask), soft: wordsAndTerms(an, src.soft)}
	}
	return out
})

// wordsAndTerms returns the set of the folded words of list and of the
// terms an gives them.
func wordsAndTerms(an *text.Analyzer, list string) map[string]bool {
	set := make(map[string]bool)
	for _, w := range strings.Fields(list) {
		set[text.Fold(w)] = true
		if t, ok := termOf(an, w); ok {
			set[t] = true
		}
	}
	return set
}

// kindOf tells how a question word counts in language lang: folded is
// the word folded, term its term in the language ("" for none).
func kindOf(lang, folded, term string) wordKind {
	for _, l := range [...]string{lang, "en"} {
		q := questionLexicons()[l]
		if q == nil {
			continue
		}
		if q.ask[folded] || (l == lang && q.ask[term]) {
			return askWord
		}
		if q.soft[folded] || (l == lang && q.soft[term]) {
			return softWord
		}
	}
	return topicWord
}

// wordKind is how a word of a question counts.
type wordKind int

const (
	topicWord wordKind = iota // what the question is about
	softWord                  // a generic verb: ranks, does not decide
	askWord                   // frames the question: dropped
)
