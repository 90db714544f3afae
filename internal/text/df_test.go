package text

import "testing"

func TestDocFreq(t *testing.T) {
	d := NewDocFreq()
	d.Add([]string{"talk", "iran", "talk"})
	d.Add([]string{"talk", "vote"})
	if d.Docs() != 2 || d.Count("talk") != 2 || d.Count("iran") != 1 || d.Terms() != 3 {
		t.Errorf("counts: docs %d talk %d iran %d terms %d", d.Docs(), d.Count("talk"), d.Count("iran"), d.Terms())
	}
	if !(d.IDF("unseen") > d.IDF("iran") && d.IDF("iran") > d.IDF("talk") && d.IDF("talk") > 0) {
		t.Errorf("IDF order wrong: unseen %v iran %v talk %v", d.IDF("unseen"), d.IDF("iran"), d.IDF("talk"))
	}
}

func TestDetectLanguage(t *testing.T) {
	tests := map[string]string{
		"The government announced on Tuesday that the talks would resume next week in Geneva.":     "en",
		"Le gouvernement a annoncé mardi que les négociations reprendraient la semaine prochaine.": "fr",
		"Die Regierung kündigte am Dienstag an, dass die Gespräche nächste Woche weitergehen.":     "de",
		"ok": "",
	}
	for in, want := range tests {
		if got := DetectLanguage(in); got != want {
			t.Errorf("DetectLanguage(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDocFreqJSON(t *testing.T) {
	d := NewDocFreq()
	d.Add([]string{"a", "b"})
	d.Add([]string{"a"})
	b, err := d.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var back DocFreq
	if err := back.UnmarshalJSON(b); err != nil {
		t.Fatal(err)
	}
	if back.Docs() != 2 || back.Count("a") != 2 || back.Count("b") != 1 {
		t.Errorf("round trip: %s", b)
	}
	for _, bad := range []string{`{"docs":-1}`, `[`, `{"docs":"x"}`} {
		if err := back.UnmarshalJSON([]byte(bad)); err == nil {
			t.Errorf("UnmarshalJSON(%s) succeeded", bad)
		}
	}
}
