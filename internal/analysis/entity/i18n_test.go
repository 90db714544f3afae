package entity

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/fuzztest"
)

// fixture reads an article of internal/ingest/testdata/languages: its
// title and text.
func fixture(t testing.TB, name string) (string, string) {
	t.Helper()
	b, err := os.ReadFile("../../ingest/testdata/languages/" + name + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	title, body, _ := strings.Cut(string(b), "\n\n")
	return title, body
}

// hasEntity reports whether es holds an entity of that kind and name.
func hasEntity(es []Entity, k Kind, name string) bool {
	for _, e := range es {
		if e.Kind == k && e.Name == name {
			return true
		}
	}
	return false
}

func TestExtractInFixtures(t *testing.T) {
	x := New()
	tests := []struct {
		file, lang string
		want       []want
		notWant    []string
	}{
		{
			file: "de", lang: "de",
			want: []want{
				{"Tehran", Place, 4}, {"Iran", Place, 3}, {"Germany", Place, 2}, {"Muscat", Place, 3}, {"Berlin", Place, 2},
				{"Friedrich Merz", Person, 1}, {"Johann Wadephul", Person, 1}, {"Niklas Brandt", Person, 2},
				{"Jens Spahn", Person, 1}, {"Badr al-Busaidi", Person, 1},
				{"Commerzbank", Organization, 1}, {"SPD", Organization, 1}, {"European Union", Organization, 0},
				{"International Atomic Energy Agency", Organization, 1},
			},
			notWant: []string{"Die Bundesregierung", "Bundeskanzler", "Außenminister", "Die", "Verhandlungen", "Dienstag", "Brent"},
		},
		{
			file: "fr", lang: "fr",
			want: []want{
				{"Paris", Place, 3}, {"Brussels", Place, 4}, {"Brasilia", Place, 1}, {"Toulouse", Place, 1},
				{"Emmanuel Macron", Person, 1}, {"Annie Genevard", Person, 1}, {"Jean-Luc Marchand", Person, 1},
				{"Banque de France", Organization, 1}, {"European Commission", Organization, 1},
			},
			notWant: []string{"Le", "Les", "Cour", "Dans"},
		},
		{
			file: "es", lang: "es",
			want: []want{
				{"Madrid", Place, 3}, {"Barcelona", Place, 2}, {"Pedro Sánchez", Person, 1}, {"Isabel Díaz Ayuso", Person, 1},
				{"Banco de España", Organization, 1}, {"Partido Popular", Organization, 2},
			},
			notWant: []string{"El", "La", "Las"},
		},
		{
			file: "pt", lang: "pt",
			want: []want{
				{"Brazil", Place, 1}, {"Brasilia", Place, 1}, {"China", Place, 1}, {"Carlos Fávaro", Person, 1},
				{"Luiz Inácio Lula da Silva", Person, 1}, {"Companhia Nacional de Abastecimento", Organization, 1},
			},
			notWant: []string{"BR", "O", "Nos"},
		},
		{
			file: "ru", lang: "ru",
			want: []want{
				{"Tehran", Place, 6}, {"Moscow", Place, 3}, {"Iran", Place, 6}, {"Muscat", Place, 2}, {"Russia", Place, 3},
				{"Мария Захарова", Person, 1}, {"Сергей Рябков", Person, 1}, {"Владимир Путин", Person, 1},
				{"International Atomic Energy Agency", Organization, 1}, {"МИД", Organization, 1},
			},
		},
		{
			file: "zh", lang: "zh",
			want:    []want{{"Iran", Place, 9}, {"Tehran", Place, 3}, {"Muscat", Place, 3}, {"Oman", Place, 0}, {"Beijing", Place, 1}},
			notWant: []string{"Sudan"}, // 苏丹国, a sultanate
		},
		{
			file: "ar", lang: "ar",
			want: []want{{"Tehran", Place, 3}, {"Muscat", Place, 3}, {"Washington", Place, 1}, {"Riyadh", Place, 1}},
		},
		{
			file: "fa", lang: "fa",
			want: []want{{"Tehran", Place, 7}, {"Iran", Place, 2}, {"Isfahan", Place, 2}},
		},
		{
			// English read as German (a page that declares the wrong
			// language) still yields its places and people.
			file: "en-declared-de", lang: "de",
			want: []want{{"Brussels", Place, 0}, {"London", Place, 0}, {"Helen Carrow", Person, 0}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			title, body := fixture(t, tt.file)
			got := x.ExtractIn(tt.lang, title, body)
			places := 0
			for _, e := range got {
				if e.Kind == Place {
					places++
				}
			}
			if places == 0 {
				t.Errorf("no place found: %v", got)
			}
			for _, w := range tt.want {
				found := false
				for _, e := range got {
					if e.Name == w.name && e.Kind == w.kind {
						found = true
						if w.count > 0 && e.Count != w.count {
							t.Errorf("%s: count %d, want %d", w.name, e.Count, w.count)
						}
					}
				}
				if !found {
					t.Errorf("missing %s %q; got %v", w.kind, w.name, got)
				}
			}
			for _, n := range tt.notWant {
				for _, e := range got {
					if e.Name == n {
						t.Errorf("unwanted %+v", e)
					}
				}
			}
			checkSorted(t, got)
		})
	}
}

func TestExtractInVariants(t *testing.T) {
	x := New()
	tests := []struct {
		lang, text string
		want       string
	}{
		{"en", "Talks resumed in Tehran on Monday.", "Tehran"},
		{"de", "Die Gespräche in Teheran wurden am Montag fortgesetzt.", "Tehran"},
		{"de", "Die Regierung Teherans lehnte ab.", "Tehran"},
		{"fr", "Les discussions ont repris lundi à Téhéran.", "Tehran"},
		{"es", "Las conversaciones se reanudaron el lunes en Teherán.", "Tehran"},
		{"ru", "Переговоры возобновились в понедельник в Тегеране.", "Tehran"},
		{"ru", "Делегация прибыла из Тегерана.", "Tehran"},
		{"ru", "Тегеран отверг предложение.", "Tehran"},
		{"ar", "استؤنفت المحادثات في طهران يوم الاثنين.", "Tehran"},
		{"ar", "وصل الوفد بطهران مساء الاثنين.", "Tehran"},
		{"fa", "مذاکرات روز دوشنبه در تهران از سر گرفته شد.", "Tehran"},
		{"zh", "谈判周一在德黑兰恢复。", "Tehran"},
		{"ja", "協議は月曜日にテヘランで再開された。", "Tehran"},
		{"de", "Deutschland und Frankreich verhandeln.", "Germany"},
		{"de", "Die Haltung Deutschlands ist klar.", "Germany"},
		{"fr", "L'Allemagne a refusé.", "Germany"},
		{"ru", "Германия отказалась.", "Germany"},
		{"ru", "Канцлер Германии отказался.", "Germany"},
		{"ar", "رفضت ألمانيا الاقتراح.", "Germany"},
		{"zh", "德国拒绝了这一提议。", "Germany"},
		{"ru", "Переговоры прошли в Москве.", "Moscow"},
		{"pl", "Rozmowy odbyły się w Moskwie.", "Moscow"},
		{"es", "La reunión fue en EE. UU. y en Pekín.", "Beijing"},
		{"pt", "O acordo foi assinado em Brasília.", "Brasilia"},
	}
	for _, tt := range tests {
		got := x.ExtractIn(tt.lang, "", tt.text)
		if !hasEntity(got, Place, tt.want) {
			t.Errorf("%s %q: got %v, want place %s", tt.lang, tt.text, got, tt.want)
		}
	}
}

func TestExtractInPrecision(t *testing.T) {
	x := New()
	tests := []struct {
		lang, text string
		notWant    []string
	}{
		// German capitalises every noun: none of these is a name.
		{"de", "Die Regierung sagte am Dienstag, die Verhandlungen seien schwierig. Das Essen war kalt. " +
			"Die Halle blieb leer. Man rechnet mit Streit. Wirtschaft Bundesländer Gespräche sagte er.",
			[]string{"Die Regierung", "Regierung", "Essen", "Halle", "Man", "Verhandlungen", "Wirtschaft Bundesländer"}},
		// Given names and surnames that are also cities.
		{"es", "La secretaria Victoria Nuland llegó con Jorge Santos a la capital.",
			[]string{"Victoria", "Santos"}},
		{"fr", "Le Congrès a voté. La Commission a tranché. Mardi, les ministres se sont réunis.",
			[]string{"Le Congrès", "Congrès", "La Commission", "Mardi"}},
		{"ru", "Министр заявил, что переговоры продолжатся. Переговоры шли долго.",
			[]string{"Министр", "Переговоры"}},
		{"zh", "苏丹国将继续为对话提供便利。中非合作论坛在北京举行。", []string{"Sudan", "Central African Republic"}},
		// Words in capitals that are measures, and cities that are words.
		{"de", "Das BIP wuchs, sagte die KI-Expertin der ARD.", []string{"BIP", "KI"}},
		{"pt", "No Natal, a Serra do Mar recebeu turistas. O PIB cresceu.", []string{"Natal", "Serra", "PIB"}},
	}
	for _, tt := range tests {
		got := x.ExtractIn(tt.lang, "", tt.text)
		for _, n := range tt.notWant {
			for _, e := range got {
				if e.Name == n {
					t.Errorf("%s %q: unwanted %+v in %v", tt.lang, tt.text, e, got)
				}
			}
		}
	}
}

func TestExtractInEnglishIsExtract(t *testing.T) {
	x := New()
	for _, l := range loadLabelled(t) {
		want := fmt.Sprint(x.Extract(l.title, l.text))
		for _, lang := range []string{"", "en", "EN", "en-GB"} {
			if got := fmt.Sprint(x.ExtractIn(lang, l.title, l.text)); got != want {
				t.Errorf("%s: ExtractIn(%q) differs from Extract:\n%s\n%s", l.name, lang, got, want)
			}
		}
	}
	if got := x.ExtractIn("de", " ", "\n"); got != nil {
		t.Errorf("empty article: %v", got)
	}
}

func TestExtractInConcurrent(t *testing.T) {
	x := New()
	langs := []string{"de", "fr", "es", "pt", "ru", "zh", "ar", "fa"}
	want := make([]string, len(langs))
	texts := make([][2]string, len(langs))
	for i, l := range langs {
		title, body := fixture(t, l)
		texts[i] = [2]string{title, body}
		want[i] = fmt.Sprint(x.ExtractIn(l, title, body))
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			y := New() // a fresh Extractor shares the loaded table
			for i, l := range langs {
				if got := fmt.Sprint(y.ExtractIn(l, texts[i][0], texts[i][1])); got != want[i] {
					t.Errorf("%s: concurrent result differs", l)
				}
			}
		}()
	}
	wg.Wait()
}

// TestPlacesI18nCost logs what loading the multilingual table costs: the
// time and the heap it keeps.
func TestPlacesI18nCost(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	tab := loadPlacesI18n()
	took := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	langs := 0
	for range tab.lang {
		langs++
	}
	if tab.names < 10000 || len(tab.common) < 5000 {
		t.Errorf("table too small: %d names, %d common keys", tab.names, len(tab.common))
	}
	t.Logf("places_i18n: %d names (%d common keys, %d languages), %d bytes compressed; load %v, heap %.1f MiB",
		tab.names, len(tab.common), langs, len(placesI18nGz), took,
		float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/(1<<20))
	runtime.KeepAlive(tab)
}

func BenchmarkLoadPlacesI18n(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		loadPlacesI18n()
	}
}

func BenchmarkExtractIn(b *testing.B) {
	x := New()
	placesI18n() // loaded once, not timed
	for _, lang := range []string{"de", "ru", "zh", "ar"} {
		title, text := fixture(b, lang)
		b.Run(lang, func(b *testing.B) {
			b.SetBytes(int64(len(title) + len(text)))
			b.ReportAllocs()
			for b.Loop() {
				x.ExtractIn(lang, title, text)
			}
		})
	}
}

func FuzzExtractIn(f *testing.F) {
	f.Add("de", "Berlin drängt auf Verhandlungen", "Bundeskanzler Friedrich Merz sagte in Berlin, Irans Vertreter seien in Maskat.")
	f.Add("ru", "", "Официальный представитель МИД Мария Захарова заявила в Москве, что Тегерана …")
	f.Add("ar", "", "وبطهران والمفاوضات مسقط ـ ً الولايات المتحدة")
	f.Add("fa", "تهران", "آلودگی هوای تهران\u200cها و اصفهان")
	f.Add("zh", "伊朗", "谈判在德黑兰和马斯喀特举行，苏丹国中非")
	f.Add("fr", "l'", "La ministre de l'Agriculture, Annie Genevard, a déclaré « l'Union européenne » d'")
	f.Add("pt-BR", "BR-163", "O presidente Luiz Inácio Lula da Silva disse em São Paulo que a Conab S.A.")
	f.Add("he", "", "השיחות בטהרן ובירושלים")
	x := New()
	fuzztest.LimitMinimizing(f, fuzztest.MinimizeCalls)
	f.Fuzz(func(t *testing.T, lang, title, text string) {
		got := x.ExtractIn(lang, title, text)
		for i, e := range got {
			if strings.TrimSpace(e.Name) == "" || e.Count < 1 || !utf8.ValidString(e.Name) && utf8.ValidString(title+text) {
				t.Fatalf("bad entity %+v", e)
			}
			if i > 0 && (got[i-1].Count < e.Count || got[i-1].Count == e.Count && got[i-1].Name > e.Name) {
				t.Fatalf("not sorted: %v", got)
			}
			_ = Key(e)
		}
	})
}
