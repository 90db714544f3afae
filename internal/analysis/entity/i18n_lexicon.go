package entity

// The word lists for articles in languages other than English. They are
// written without diacritics (i18nFold drops them from Latin and Greek
// words), space separated; i18nLexicon turns them into sets.

// slavicLangs are the languages whose place names take case endings
// that replace a final vowel: "Москва", "в Москве"; "Warszawa", "w
// Warszawie".
var slavicLangs = map[string]bool{
	"ru": true, "uk": true, "be": true, "bg": true, "pl": true, "cs": true, "sk": true, "sl": true,
	"hr": true, "sr": true, "bs": true,
}

// caseEndings are, by language, the endings stripped from a word before
// it is looked up again: German and Greek genitives ("Irans",
// "Αθήνας"), Slavic case endings, Turkish suffixes after an apostrophe
// are cut apart. The longest that fits is tried first.
var caseEndings = map[string][]string{
	"de": {"es", "s"},
	"nl": {"s"},
	"el": {"ας", "ης", "ου", "σ"},
	"ru": {"ами", "ями", "ого", "ему", "ому", "ой", "ей", "ом", "ем", "ах", "ях", "ов", "ев", "ам", "ям", "ую", "а", "я", "у", "ю", "е", "и", "ы"},
	"uk": {"ами", "ями", "ого", "ому", "ой", "ою", "ей", "ом", "ем", "ах", "ях", "ів", "ам", "ям", "а", "я", "у", "ю", "е", "і", "и"},
	"be": {"ам", "ах", "а", "у", "е", "і", "ы"},
	"bg": {"а", "я"},
	"pl": {"iem", "ami", "ach", "owi", "ie", "em", "om", "ą", "ę", "a", "u", "e", "i", "y"},
	"cs": {"em", "ou", "ě", "u", "a", "e", "i", "y"},
	"sk": {"om", "ou", "e", "u", "a", "y", "i"},
	"sl": {"om", "u", "a", "i", "e"},
	"hr": {"om", "u", "a", "i", "e"},
	"sr": {"ом", "ом", "у", "а", "и", "е", "om", "u", "a", "i", "e"},
	"bs": {"om", "u", "a", "i", "e"},
}

// i18nRoleStems are roles and titles in many languages; a word is a role
// when it is one of them, or ends with one (German compounds:
// "Außenminister", "Fraktionschef"), with at most an inflection from
// roleInflections after it ("Ministerin", "министра", "presidenta").
const i18nRoleStems = `
	minister kanzler prasident sprecher chef politiker vorsitzend botschafter direktor sekretar
	gouverneur burgermeister abgeordnet leiter experte analyst okonom professor unterhandler
	gesandt beauftragt vermittler kommissar general admiral richter anwalt koordinator
	ministre president presidente porte-parole parole directeur directrice secretaire ambassadeur
	chancelier depute senateur maire dirigeant negociateur commissaire eurodepute juge procureur
	economiste analyste ministro ministra presidenta portavoz director directora secretario
	secretaria embajador embajadora canciller diputado diputada senador senadora alcalde
	alcaldesa gobernador gobernadora jefe jefa lider negociador enviado analista economista fiscal
	diretor diretora embaixador embaixadora deputado deputada prefeito prefeita governador chefe
	portavoce direttore segretario ambasciatore cancelliere deputato senatore sindaco
	woordvoerder burgemeester premier prezydent rzecznik ambasador
	президент министр представител глав директор заместител посол секретар губернатор мэр
	спикер председател лидер премьер канцлер генсек советник помощник дипломат эксперт аналитик
	экономист посланник спецпосланник депутат сенатор генерал прокурор судья
	міністр речник голов
	προεδρ υπουργ εκπροσωπ πρωθυπουργ
	cumhurbaskan bakan sozcu`

// roleInflections are the endings a role may take after its stem.
const roleInflections = `in innen en er e n s es a o as os i y u
	а е о ы и у ю я ь ом ем ой ей ам ах ов ами ями
	ος ου ο οι ων α ης η ε ı ın`

// i18nSaidWords after a name, or right before it ("sagte Brandt", "dijo
// Sánchez"), make it a person's. French and Italian past tenses are
// found after their auxiliary ("a déclaré").
const i18nSaidWords = `sagte sagt sagten erklarte erklart betonte teilte warnte kritisierte forderte
	schrieb meinte bestatigte declare affirme dit explique souligne estime ajoute precise
	dijo afirmo declaro aseguro senalo explico anuncio anadio disse afirmou declarou explicou
	ressaltou anunciou acrescentou detto dichiarato affermato spiegato zei zegt verklaarde
	заявил заявила сказал сказала сообщил сообщила отметил отметила подчеркнул подчеркнула
	пояснил пояснила считает заявляет добавил добавила назвал назвала
	δηλωσε ειπε τονισε`

// i18nAuxiliaries come between a name and the participle of a said verb.
const i18nAuxiliaries = `a ont ha hanno hat`

// i18nSaidBefore before a name make it a person's: "selon Macron".
const i18nSaidBefore = `selon segun segundo secondo laut по-словам`

// i18nParticles are the lower-case words inside names: "Ursula von der
// Leyen", "Luiz Inácio Lula da Silva", "Badr al-Busaidi".
const i18nParticles = `von van de da di du do dos das del della bin ibn al el ter ten zu`

// i18nOrgHeads start an organisation's name: "Ministerio de Vivienda",
// "Banque de France", "Companhia Nacional de Abastecimento".
const i18nOrgHeads = `union ministerio ministere ministero ministerie banco banque banca companhia compania
	compagnie empresa tribunal congreso congresso comision commission comissao commissione consejo
	conseil conselho consiglio partido parti partito sindicato syndicat associacao asociacion
	association associazione federation federacion federacao federazione fundacion fundacao
	fondation fondazione universidad universidade universite universita instituto institut
	istituto agencia agence agenzia organizacion organizacao organisation organizzazione senado
	senat senato assemblee asamblea assembleia camara cour corte confederation confederacion
	autoridad autorite autoridade fondo fonds fundo servicio`

// i18nOrgConnectors continue a name after its head: "Banco de España",
// "Congreso de los Diputados", "Ministerio de Vivienda y Agenda Urbana".
const i18nOrgConnectors = `de del des du da do dos das di della delle dei degli y e et para pour per por
	sur la le les los las el`

// i18nOrgAdjectives, in lower case, continue a French or Italian name
// after its head: "Commission européenne", "Banque centrale".
const i18nOrgAdjectives = `europeenne europeen europea europeo europeia nationale national nacional
	nazionale internationale international internacional internazionale centrale central
	federale federal mondiale constitutionnel constitucional socialiste communiste populaire
	democrate democratique ecologiste republicain`

// i18nOrgSuffixes end an organisation's name, alone after an adjective
// ("Europäische Union", "Deutsche Bank") or at the end of a compound
// ("Bundeswirtschaftsministerium", "Commerzbank",
// "Atomenergiebehörde").
const i18nOrgSuffixes = `ministerium bank behorde partei union gericht universitat agentur kommission
	gewerkschaft stiftung institut verband rat konzern`

// i18nOrgWords are organisations named by one word.
const i18nOrgWords = `bundestag bundesrat bundesregierung bundeswehr kanzleramt bundeskanzleramt
	landtag europarat elysee kreml кремль`

// i18nLegalForms follow a company's name: "Siemens AG", "Petrobras S.A.".
const i18nLegalForms = `ag gmbh se sa spa nv bv kg plc`

// ruOrgHeads start an organisation's name in Russian and Ukrainian, which
// write only its first word in capitals: "Министерство иностранных дел
// России", "Международное агентство по атомной энергии".
const ruOrgHeads = `министерств агентств банк совет комитет служб фонд университет парти
	организаци суд дум правительств компани корпораци центр институт академи союз
	міністерств`

// i18nOrgAcronyms are organisations' acronyms in other languages.
var i18nOrgAcronyms = map[string]string{
	"ООН": "United Nations", "ONU": "United Nations", "UNO": "United Nations", "ЕС": "European Union",
	"UE": "European Union", "НАТО": "NATO", "OTAN": "NATO", "МАГАТЭ": "International Atomic Energy Agency",
	"AIEA": "International Atomic Energy Agency", "OIEA": "International Atomic Energy Agency",
	"IAEO": "International Atomic Energy Agency",
}

// i18nGivenNames are given names the English list lacks, in Latin and
// Cyrillic letters.
const i18nGivenNames = `johann niklas annie andre tomas badr jean-luc inacio jurgen gunter horst
	wolfgang heinz klaus manfred dieter ulrich ralf uwe jorg frank-walter hubertus lars-erik
	annegret ursula sahra katrin franziska saskia ricarda svenja
	владимир сергей мария дмитрий александр алексей андрей николай михаил иван анна елена ольга
	татьяна наталья юрий игорь олег виктор евгений борис павел петр пётр антон максим ирина
	светлана екатерина аббас рафаэль вячеслав валентина георгий геннадий рамзан`

// i18nDeterminers before a one-word name make a city of GeoNames that is
// also a common noun no place: "das Essen", "la Sale".
const i18nDeterminers = `der die das dem den des ein eine einer einem eines kein keine le la les un une
	el los las una lo il gli o os as um uma`

// i18nOrgNames are the names of organisations in other languages, by
// their name in the English gazetteer. Inflected forms ("Internationalen
// Atomenergiebehörde", "Международного агентства") are matched by the
// first five letters of each word (orgKey).
var i18nOrgNames = map[string][]string{
	"European Union": {"Europäische Union", "Union européenne", "Unión Europea", "União Europeia",
		"Unione europea", "Europese Unie", "Европейский союз", "Unia Europejska"},
	"United Nations": {"Vereinte Nationen", "Nations unies", "Naciones Unidas", "Nações Unidas",
		"Nazioni Unite", "Организация Объединённых Наций"},
	"International Atomic Energy Agency": {"Internationale Atomenergiebehörde",
		"Agence internationale de l'énergie atomique", "Organismo Internacional de Energía Atómica",
		"Agência Internacional de Energia Atômica", "Agenzia internazionale per l'energia atomica",
		"Международное агентство по атомной энергии"},
	"European Commission": {"Europäische Kommission", "EU-Kommission", "Commission européenne",
		"Comisión Europea", "Comissão Europeia", "Commissione europea", "Европейская комиссия"},
	"European Central Bank": {"Europäische Zentralbank", "Banque centrale européenne",
		"Banco Central Europeo", "Banco Central Europeu", "Banca centrale europea",
		"Европейский центральный банк"},
}

// i18nNonAcronyms are words in capitals that name no organisation in
// other languages: economic measures and units ("BIP", "PIB", "ВВП").
const i18nNonAcronyms = `ki bip pib pil iva tva mwst ввп ии ндс км тыс млн млрд руб`
