package summarize

import (
	"strings"
	"sync"

	"github.com/storyline/storyline/internal/text"
)

// briefSource is the brief's word lists for one language; each field is
// a "|"-separated list (see briefWords).
type briefSource struct {
	backRef, connective, timeWords          string
	reaction, background, claim, attributed string
	expletive                               string // openings with a pronoun that points nowhere ("it is unclear")
	// demonstrative are words that are an article before a noun but
	// point back before a verb (German "Das hat …"), pointingVerbs those
	// verbs.
	demonstrative, pointingVerbs string
	attribution                  string // how a claim is attributed, %s the outlet
}

// briefLexicons returns the brief's word lists by language, made on first
// use and read only after that.
var briefLexicons = sync.OnceValue(func() map[string]*briefWords {
	out := make(map[string]*briefWords, len(briefSources()))
	for lang, src := range briefSources() {
		out[lang] = &briefWords{
			backRef:       wordSet(src.backRef),
			connective:    wordSet(src.connective),
			timeWords:     wordSet(src.timeWords),
			expletive:     padded(src.expletive),
			demonstrative: wordSet(src.demonstrative),
			pointingVerbs: wordSet(src.pointingVerbs),
			reaction:      padded(src.reaction),
			background:    padded(src.background),
			claim:         padded(src.claim),
			attributed:    padded(src.attributed),
			attribution:   src.attribution,
		}
	}
	return out
})

// briefSources returns the brief's word lists, by language.
func briefSources() map[string]briefSource {
	return map[string]briefSource{
		"en": {
			attribution: ", according to %s",
			backRef:     "he|she|it|they|his|her|its|their|him|them|this|that|these|those|such|latter|former",
			connective:  "and|but|or|so|yet|however|meanwhile|also|still|moreover|furthermore|besides|instead|nevertheless|nonetheless|thus|therefore|then|additionally|plus",
			timeWords:   "week|weekend|year|month|morning|afternoon|evening|season|spring|summer|autumn|fall|winter|monday|tuesday|wednesday|thursday|friday|saturday|sunday",
			expletive:   "it is unclear|it was unclear|it is not clear|it was not clear|it is not yet clear|it was not yet clear|it is expected|it was expected|it is likely|it is possible|it is understood|it was understood|it is feared|it is hoped",
			reaction:    "declined to comment|did not respond|did not immediately respond|could not be reached|no immediate comment|spokesperson|spokesman|spokeswoman|welcomed|condemned|criticised|criticized|praised|reacted|in response|responded",
			background:  "last year|last month|in the past|previously|has long|have long|for years|for decades|history of|was founded|earlier this year|back in",
			claim:       "should|must|ought to|need to|needs to|allegedly|appears to|seems to|clearly|undoubtedly|unacceptable|reckless|shameful|disaster",
			attributed:  "said|says|say|told|according to|stated|announced|reported|reports|wrote|added|noted|warned|insisted|argued|argue|argues|accused|claims|claimed|claim|alleges|alleged|believes|believe|thinks|think",
		},
		"de": {
			attribution:   ", so %s",
			backRef:       "er|sie|es|ihr|sein|seine|seinen|ihre|ihren|dies|diese|dieser|dieses|dabei|damit|dazu|danach|davor",
			connective:    "und|aber|oder|doch|jedoch|allerdings|zudem|außerdem|auch|deshalb|daher|dennoch|trotzdem|indes|unterdessen|inzwischen|dann",
			timeWords:     "woche|jahr|monat|wochenende|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag",
			expletive:     "es ist unklar|es war unklar|es ist nicht klar|es war nicht klar|es gilt als",
			demonstrative: "das",
			pointingVerbs: "hat|hatte|ist|war|wurde|wird|sei|habe|teilte|sagte|erklärte|bestätigte|gilt|bedeutet|zeigt|geht|betrifft|soll|muss",
			reaction:      "lehnte eine stellungnahme ab|wollte sich nicht äußern|wollte sich dazu nicht äußern|sprecher|sprecherin|begrüßte|verurteilte|kritisierte|reagierte",
			background:    "im vergangenen jahr|vergangenes jahr|seit jahren|bereits seit|zuvor|bisher",
			claim:         "sollte|sollten|müsse|müssten|muss|müssen|angeblich|offenbar|vermutlich|glaubt|meint|inakzeptabel",
			attributed:    "sagte|sagt|sagten|erklärte|erklärten|teilte mit|laut|zufolge|berichtete|berichtet|betonte|hieß es|warnte|kritisierte",
		},
		"fr": {
			attribution: ", selon %s",
			backRef:     "il|elle|ils|elles|ce|cela|ceci|celui|celle|ceux|celles|son|sa|ses|leur|leurs|cette|ces",
			connective:  "et|mais|ou|donc|cependant|toutefois|pourtant|neanmoins|néanmoins|aussi|ainsi|alors|puis",
			timeWords:   "semaine|annee|année|mois|matin|soir|week|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche",
			expletive:   "il est probable|il n'est pas clair|il est possible|il faut",
			reaction:    "porte parole|n'a pas souhaité commenter|n'a pas répondu|a salué|a condamné|a critiqué|a réagi",
			background:  "l'an dernier|l'année dernière|depuis des années|auparavant|précédemment",
			claim:       "devrait|devraient|doit|doivent|il faut|prétendument|aurait|auraient|inacceptable",
			attributed:  "a déclaré|a dit|a affirmé|a indiqué|selon|d'après|a annoncé|a expliqué|rapporte|a estimé",
		},
		"es": {
			attribution: ", según %s",
			backRef:     "él|ella|ellos|ellas|esto|eso|este|esta|estos|estas|ese|esa|esos|esas|su|sus",
			connective:  "y|pero|o|además|también|asimismo|entonces|así|mientras|aunque",
			timeWords:   "semana|año|mes|mañana|tarde|noche|lunes|martes|miércoles|jueves|viernes|sábado|domingo",
			expletive:   "no está claro|no estaba claro|es probable|es posible",
			reaction:    "portavoz|declinó comentar|no respondió|condenó|celebró|criticó|reaccionó",
			background:  "el año pasado|desde hace años|anteriormente|previamente",
			claim:       "debería|deberían|debe|deben|supuestamente|presuntamente|inaceptable",
			attributed:  "dijo|afirmó|declaró|según|indicó|señaló|explicó|anunció|informó|aseguró",
		},
		"pt": {
			attribution: ", segundo %s",
			backRef:     "ele|ela|eles|elas|isso|isto|este|esta|esse|essa|seu|sua|seus|suas",
			connective:  "e|mas|ou|porém|contudo|entretanto|também|além|assim",
			timeWords:   "semana|ano|mês|manhã|tarde|noite|segunda|terça|quarta|quinta|sexta|sábado|domingo",
			expletive:   "não está claro|é provável|é possível",
			reaction:    "porta voz|não quis comentar|condenou|criticou|reagiu",
			background:  "no ano passado|há anos|anteriormente",
			claim:       "deveria|deveriam|deve|devem|supostamente|alegadamente|inaceitável",
			attributed:  "disse|afirmou|declarou|segundo|de acordo com|informou|anunciou|explicou",
		},
		"it": {
			attribution: ", secondo %s",
			backRef:     "lui|lei|loro|questo|questa|questi|queste|quello|quella|suo|sua|suoi|sue",
			connective:  "e|ma|o|però|tuttavia|inoltre|anche|quindi|dunque",
			timeWords:   "settimana|anno|mese|mattina|sera|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica",
			expletive:   "non è chiaro|è probabile|è possibile",
			reaction:    "portavoce|non ha voluto commentare|ha condannato|ha criticato|ha reagito",
			background:  "l'anno scorso|da anni|in precedenza",
			claim:       "dovrebbe|dovrebbero|deve|devono|presumibilmente|avrebbe|inaccettabile",
			attributed:  "ha detto|ha dichiarato|secondo|ha affermato|ha spiegato|ha annunciato|ha riferito",
		},
		"ru": {
			attribution: ", сообщает %s",
			backRef:     "он|она|оно|они|его|её|ее|их|это|этот|эта|эти|тот|та|те",
			connective:  "и|но|а|или|однако|также|поэтому|тем",
			timeWords:   "неделе|году|месяце|утром|вечером",
			expletive:   "неясно|пока неясно",
			reaction:    "пресс секретарь|отказался комментировать|отказалась комментировать|осудил|осудила|раскритиковал|приветствовал",
			background:  "в прошлом году|ранее|на протяжении",
			claim:       "должен|должны|следует|якобы|по видимому|неприемлемо",
			attributed:  "заявил|заявила|сказал|сказала|сообщил|сообщила|по словам|по данным|отметил|отметила",
		},
	}
}

// wordSet returns the folded words of a "|"-separated list as a set.
func wordSet(list string) map[string]bool {
	set := make(map[string]bool)
	for w := range strings.SplitSeq(list, "|") {
		for _, f := range foldWords(text.Words(w)) {
			set[f] = true
		}
	}
	return set
}
