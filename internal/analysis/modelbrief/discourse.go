package modelbrief

// discourseWords returns, for a language, the words a neutral summary
// adds around the facts it reports — attribution and reporting verbs —
// which the articles need not contain for a sentence to be grounded.
func discourseWords(lang string) string {
	switch lang {
	case "en":
		return "according report reports reported reporting said says say told tell stated states announced added noted described meanwhile also"
	case "de":
		return "laut berichtet berichtete berichten sagte sagt sagten erklärte erklärt teilte mit hieß zudem außerdem"
	case "fr":
		return "selon rapporte rapporté indiqué indique déclaré déclare affirmé annoncé ajouté également"
	case "es":
		return "según informó informa dijo dice declaró afirmó anunció añadió señaló además"
	case "it":
		return "secondo riferisce riferito detto dice dichiarato affermato annunciato aggiunto inoltre"
	case "pt":
		return "segundo informou informa disse diz declarou afirmou anunciou acrescentou além"
	case "ru":
		return "по словам сообщил сообщила сообщили заявил заявила заявили сказал сказала добавил также"
	}
	return ""
}
