package entity

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// want is an entity a test expects; Count 0 means any count.
type want struct {
	name  string
	kind  Kind
	count int
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name        string
		title, text string
		want        []want
		notWant     []string // names that must not be found, of any kind
	}{
		{
			name: "roles give people their full names",
			text: `Iranian Foreign Minister Abbas Araghchi met President Emmanuel Macron in Paris on Thursday. ` +
				`Prime Minister Keir Starmer joined by video. Gen. Michael Kurilla briefed them, and Dr. Helena Marsh, ` +
				`a virologist, spoke later. "We are close," said spokesman Tomas Rueda. Halvorsen CEO Ingrid Solberg ` +
				`and Mrs. Agnes Varga were also there, as was White House press secretary Lauren Pike.`,
			want: []want{
				{"Abbas Araghchi", Person, 1}, {"Emmanuel Macron", Person, 1}, {"Keir Starmer", Person, 1},
				{"Michael Kurilla", Person, 1}, {"Helena Marsh", Person, 1}, {"Tomas Rueda", Person, 1},
				{"Ingrid Solberg", Person, 1}, {"Agnes Varga", Person, 1}, {"Lauren Pike", Person, 1},
				{"Paris", Place, 1}, {"White House", Organization, 1},
			},
			notWant: []string{"Foreign Minister", "President", "Prime Minister", "Gen", "Dr", "Iranian", "Thursday", "CEO", "Halvorsen CEO"},
		},
		{
			name: "codes and shouted words are no organisations",
			text: `Fuel prices rose in CA, FL and NY this week. Drivers should fill up ASAP, one analyst said. ` +
				`"This is GREAT news for refiners," said Tomas Rueda of the Valmora Energy Agency (VEA). VEA expects more rises.`,
			want:    []want{{"Tomas Rueda", Person, 1}, {"Valmora Energy Agency", Organization, 3}},
			notWant: []string{"CA", "FL", "NY", "ASAP", "GREAT"},
		},
		{
			name: "a surname's possessive stays the person's",
			text: `The band will tour with Michael McDonald this summer. Michael McDonald's return was a gift, ` +
				`and McDonald's voice is as it was.`,
			want:    []want{{"Michael McDonald", Person, 3}},
			notWant: []string{"McDonald's"},
		},
		{
			name: "dotted initials inside a name",
			text: `Former President George H.W. Bush spoke in Houston. Bush was 94.`,
			want: []want{{"George H.W. Bush", Person, 2}, {"Houston", Place, 1}},
		},
		{
			name: "surname-only mentions count for the full name",
			text: `Foreign Minister Abbas Araghchi arrived in Muscat on Sunday.` + "\n\n" +
				`Araghchi told reporters the talks were serious. "We will see," Araghchi said. Mr Araghchi later ` +
				`left for Tehran, and Mr. Araghchi's deputy stayed behind.`,
			want:    []want{{"Abbas Araghchi", Person, 5}, {"Muscat", Place, 1}, {"Tehran", Place, 1}},
			notWant: []string{"Araghchi", "Mr Araghchi", "Sunday"},
		},
		{
			name: "full name found only after the surname",
			text: `Solberg said the deal was fair. The company's chief executive, Ingrid Solberg, told analysts ` +
				`she expected no objections. Solberg added that more deals would follow.`,
			want: []want{{"Ingrid Solberg", Person, 3}},
		},
		{
			name: "places from the gazetteer and from in/near",
			text: `Shelling hit homes near Dravnik and in Ostrava-Lesna overnight, officials in Kharkiv said. ` +
				`Fighting also spread along the Dnipro River and into the Gaza Strip, while aid reached Port Sudan ` +
				`and Mount Elgon. Residents fled from Dravnik to Lviv.`,
			want: []want{
				{"Dravnik", Place, 2}, {"Ostrava-Lesna", Place, 1}, {"Kharkiv", Place, 1},
				{"Dnipro River", Place, 1}, {"Gaza Strip", Place, 1}, {"Port Sudan", Place, 1},
				{"Mount Elgon", Place, 1}, {"Lviv", Place, 1},
			},
			notWant: []string{"Shelling", "Fighting", "Residents"},
		},
		{
			name: "organisations by suffix, acronym and gazetteer",
			text: `The Central Bank of Norland raised rates, and the Norland Workers' Party objected. ` +
				`Halvorsen Logistics Inc. said its profit rose; Halvorsen shares fell anyway. ` +
				`The International Atomic Energy Agency (IAEA) sent inspectors, and the IAEA said NATO, the EU, ` +
				`the FBI and the NRB had been told. The Ministry of Defence and the Foreign Ministry declined to comment. ` +
				`Reuters and Chatham House reported the news first.`,
			want: []want{
				{"Central Bank of Norland", Organization, 1}, {"Halvorsen Logistics Inc", Organization, 2},
				{"International Atomic Energy Agency", Organization, 3}, {"NATO", Organization, 1},
				{"European Union", Organization, 1}, {"FBI", Organization, 1}, {"NRB", Organization, 1},
				{"Ministry of Defence", Organization, 1}, {"Foreign Ministry", Organization, 1},
				{"Reuters", Organization, 1}, {"Chatham House", Organization, 1},
			},
			notWant: []string{"IAEA", "Halvorsen", "The Ministry"},
		},
		{
			name: "sentence-initial capitals are not names",
			text: `However, the talks stalled. Officials said the plan was dead. The ministry declined to comment. ` +
				`Despite the setback, negotiators will return. Meanwhile prices rose. Analysts were surprised. ` +
				`Witnesses said they heard blasts. They fled. Shares fell.`,
			want:    nil,
			notWant: []string{"However", "Officials", "The", "Despite", "Meanwhile", "Analysts", "Witnesses", "They", "Shares"},
		},
		{
			name: "U.S., US and United States are one place",
			text: `The U.S. said it would respond. US officials met their counterparts, and the United States ` +
				`sent a delegation. Later the U.S. Treasury imposed sanctions.`,
			want:    []want{{"United States", Place, 4}},
			notWant: []string{"U.S.", "US", "U.S"},
		},
		{
			name: "days, months, holidays are not entities",
			text: `On Monday the council met. In January, February and March prices rose; by Christmas they fell. ` +
				`The report came out on Tuesday, May 5, and again in September.`,
			want:    nil,
			notWant: []string{"Monday", "January", "February", "March", "Christmas", "Tuesday", "May", "September"},
		},
		{
			name:  "a title-case headline counts only established names",
			title: "Trump Meets Netanyahu at White House as Gaza Talks Stall",
			text: "President Donald Trump hosted Prime Minister Benjamin Netanyahu on Monday. Trump said progress " +
				"was being made.\n\nWhat Happens Next\n\nThe two leaders will meet again in July.",
			want: []want{
				{"Donald Trump", Person, 3}, {"Benjamin Netanyahu", Person, 2},
				{"White House", Organization, 1}, {"Gaza Strip", Place, 1},
			},
			notWant: []string{"Meets", "Talks Stall", "What Happens Next", "Happens"},
		},
		{
			name: "names with particles and hyphens",
			text: `Crown Prince Mohammed bin Salman met Ursula von der Leyen and an envoy of Bashar al-Assad ` +
				`in Riyadh. Later, Mohammed bin Salman flew to Jeddah.`,
			want: []want{
				{"Mohammed bin Salman", Person, 2}, {"Ursula von der Leyen", Person, 1},
				{"Bashar al-Assad", Person, 1}, {"Riyadh", Place, 1}, {"Jeddah", Place, 1},
			},
		},
		{
			name: "other languages return fewer, never garbage",
			text: "Президент Путин заявил, что переговоры продолжатся. 习近平在北京会见了来访的客人。" +
				"Die Bundesregierung in Berlin hat am Montag beschlossen, dass der Kanzler nach Paris reist.",
			want:    []want{{"Berlin", Place, 1}, {"Paris", Place, 1}},
			notWant: []string{"Bundesregierung", "Kanzler", "Montag", "Президент", "Путин"},
		},
	}
	x := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := x.Extract(tt.title, tt.text)
			byName := map[string]Entity{}
			for _, e := range got {
				byName[e.Name] = e
			}
			for _, w := range tt.want {
				e, ok := byName[w.name]
				switch {
				case !ok:
					t.Errorf("missing %s %q; got %v", w.kind, w.name, got)
				case e.Kind != w.kind:
					t.Errorf("%q: kind %s, want %s", w.name, e.Kind, w.kind)
				case w.count > 0 && e.Count != w.count:
					t.Errorf("%q: count %d, want %d", w.name, e.Count, w.count)
				}
			}
			for _, n := range tt.notWant {
				if e, ok := byName[n]; ok {
					t.Errorf("found %s %q, want none", e.Kind, n)
				}
			}
			checkSorted(t, got)
		})
	}
}

// checkSorted fails unless es is sorted by Count descending, then Name,
// and every entity is well formed.
func checkSorted(t *testing.T, es []Entity) {
	t.Helper()
	for i, e := range es {
		if e.Name == "" || e.Count < 1 || (e.Kind != Person && e.Kind != Place && e.Kind != Organization) {
			t.Errorf("malformed entity %+v", e)
		}
		if i > 0 {
			p := es[i-1]
			if p.Count < e.Count || (p.Count == e.Count && p.Name > e.Name) {
				t.Errorf("not sorted: %+v before %+v", p, e)
			}
		}
	}
}

func TestExtractEmpty(t *testing.T) {
	x := New()
	for _, in := range [][2]string{{"", ""}, {" ", "\n\n"}, {"", "the and of"}, {"", "1234 5678"}, {"", "\x00\xff"}} {
		if got := x.Extract(in[0], in[1]); len(got) != 0 {
			t.Errorf("Extract(%q, %q) = %v, want none", in[0], in[1], got)
		}
	}
}

func TestKey(t *testing.T) {
	tests := []struct {
		e    Entity
		want string
	}{
		{Entity{Name: "Abbas Araghchi", Kind: Person}, "person:abbas araghchi"},
		{Entity{Name: " United  States ", Kind: Place}, "place:united states"},
		{Entity{Name: "Al-Qaeda", Kind: Organization}, "organization:al qaeda"},
		{Entity{Name: "U.S.", Kind: Place}, "place:us"},
		{Entity{Name: "O’Brien", Kind: Person}, "person:o'brien"},
	}
	for _, tt := range tests {
		if got := Key(tt.e); got != tt.want {
			t.Errorf("Key(%+v) = %q, want %q", tt.e, got, tt.want)
		}
	}
}

func TestAggregate(t *testing.T) {
	x := New()
	articles := []struct{ title, text string }{
		{
			"Iran and US to resume talks in Oman",
			`Iran and the United States will hold talks in Muscat next week, Iranian Foreign Minister Abbas ` +
				`Araghchi said on Saturday. Araghchi said Oman would mediate. The U.S. delegation will be led by ` +
				`envoy Daniel Whitcomb. Separately, the Norland Shipping Council said exports fell.`,
		},
		{
			"Iran, US Agree to New Round of Talks",
			`Foreign Minister Abbas Araghchi said the meeting would take place in Muscat. Mr. Araghchi called ` +
				`the talks "serious." In Washington, spokeswoman Lauren Pike said the United States wanted a deal.`,
		},
		{
			"What we know about the Oman meeting",
			`Iran and the US are due to meet in Muscat. On Tuesday, Mr. Araghchi said he would lead the team, and envoy ` +
				`Daniel Whitcomb is expected to attend. The IAEA said Iran was enriching uranium.`,
		},
	}
	var per [][]Entity
	for _, a := range articles {
		per = append(per, x.Extract(a.title, a.text))
	}
	got := Aggregate(per)
	byKey := map[string]Entity{}
	for _, e := range got {
		byKey[Key(e)] = e
	}
	wantKeys := map[string]int{
		// Two full mentions in each of the first two articles, and the
		// third's "Araghchi said" merged into the full name.
		"person:abbas araghchi":  5,
		"place:iran":             5,
		"place:united states":    6,
		"place:muscat":           3,
		"place:oman":             3,
		"person:daniel whitcomb": 2,
	}
	for k, n := range wantKeys {
		e, ok := byKey[k]
		switch {
		case !ok:
			t.Errorf("missing %s; got %v", k, got)
		case e.Count != n:
			t.Errorf("%s: count %d, want %d", k, e.Count, n)
		}
	}
	// Named once in one article: not agreed on.
	for _, k := range []string{"organization:norland shipping council", "place:washington", "person:lauren pike"} {
		if _, ok := byKey[k]; ok {
			t.Errorf("%s kept, want dropped (one mention in one article)", k)
		}
	}
	checkSorted(t, got)
}

func TestAggregateLabelledStory(t *testing.T) {
	x := New()
	var per [][]Entity
	for _, l := range loadLabelled(t) {
		if strings.HasPrefix(l.name, "talks-") {
			per = append(per, x.Extract(l.title, l.text))
		}
	}
	if len(per) != 3 {
		t.Fatalf("%d articles of the talks story, want 3", len(per))
	}
	got := Aggregate(per)
	var keys []string
	for _, e := range got[:6] {
		keys = append(keys, Key(e))
	}
	want := "place:iran place:united states person:abbas araghchi place:oman place:tehran " +
		"organization:international atomic energy agency"
	if strings.Join(keys, " ") != want {
		t.Errorf("top entities %v, want %s", keys, want)
	}
	for _, e := range got {
		if e.Name == "Araghchi" || e.Name == "IAEA" || e.Name == "U.S." {
			t.Errorf("%q not merged into its full name", e.Name)
		}
	}
	checkSorted(t, got)
}

func TestAggregateRules(t *testing.T) {
	one := [][]Entity{{{Name: "Tomas Rueda", Kind: Person, Count: 1}}}
	if got := Aggregate(one); len(got) != 1 {
		t.Errorf("one-article story: %v, want its entity kept", got)
	}
	per := [][]Entity{
		{{Name: "Jordan", Kind: Place, Count: 2}, {Name: "Rueda", Kind: Person, Count: 1}, {Name: "NRB", Kind: Organization, Count: 1}},
		{{Name: "Jordan", Kind: Place, Count: 1}, {Name: "Tomas Rueda", Kind: Person, Count: 1}, {Name: "Norland Reserve Bank", Kind: Organization, Count: 1}},
		{{Name: "Jordan", Kind: Person, Count: 5}, {Name: "", Kind: Place, Count: 3}, {Name: "Dravnik", Kind: Place, Count: 0}},
	}
	got := Aggregate(per)
	want := []Entity{
		{Name: "Jordan", Kind: Place, Count: 8},
		{Name: "Norland Reserve Bank", Kind: Organization, Count: 2},
		{Name: "Tomas Rueda", Kind: Person, Count: 2},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Aggregate =\n%v\nwant\n%v", got, want)
	}
	if got := Aggregate(nil); len(got) != 0 {
		t.Errorf("Aggregate(nil) = %v", got)
	}
}

func TestExtractConcurrent(t *testing.T) {
	x := New()
	ls := loadLabelled(t)
	want := make([]string, len(ls))
	for i, l := range ls {
		want[i] = fmt.Sprint(x.Extract(l.title, l.text))
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, l := range ls {
				if got := fmt.Sprint(x.Extract(l.title, l.text)); got != want[i] {
					t.Errorf("%s: concurrent result differs", l.name)
				}
			}
		}()
	}
	wg.Wait()
}

func FuzzExtract(f *testing.F) {
	f.Add("Iran and US to resume talks", "Foreign Minister Abbas Araghchi said on Saturday that the U.S. would attend.")
	f.Add("", "Mr. Smith met Gen. J. R. Adams in Washington.\n\nHe said: \"NATO's chief (UN) won't.\"")
	f.Add("TRUMP MEETS XI", "Президент Путин. 习近平在北京。 al-Assad bin von der Leyen of the and")
	f.Add("A", "in X and Y, said Z of the Bank of, Mr. , U.S.-led \"Quote\" — Dash: Colon")
	x := New()
	f.Fuzz(func(t *testing.T, title, text string) {
		for _, e := range x.Extract(title, text) {
			if strings.TrimSpace(e.Name) == "" || e.Count < 1 || !utf8.ValidString(e.Name) && utf8.ValidString(title+text) {
				t.Fatalf("bad entity %+v", e)
			}
			_ = Key(e)
		}
	})
}
