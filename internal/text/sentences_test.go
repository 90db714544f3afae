package text

import (
	"strings"
	"testing"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{
			name: "titles and initials",
			in:   "Mr. Smith met Gen. J. R. Adams in Washington. They talked for an hour.",
			want: []string{"Mr. Smith met Gen. J. R. Adams in Washington.", "They talked for an hour."},
		},
		{
			name: "dotted initials",
			in:   "Former President George H.W. Bush died on Friday. He was 94.",
			want: []string{"Former President George H.W. Bush died on Friday.", "He was 94."},
		},
		{
			name: "U.S. inside and at the end",
			in:   "The U.S. said it would respond. Talks resume in the U.S. Officials declined to comment.",
			want: []string{"The U.S. said it would respond.", "Talks resume in the U.S. Officials declined to comment."},
		},
		{
			name: "quotes and question marks",
			in:   `"We will not give up," she said. "Why would we?" He left.`,
			want: []string{`"We will not give up," she said.`, `"Why would we?"`, "He left."},
		},
		{
			name: "dateline and numbers",
			in:   "LONDON (Reuters) - Prices rose 3.5 percent in Jan. after a weak Dec. The bank held rates at No. 10.",
			want: []string{"LONDON (Reuters) - Prices rose 3.5 percent in Jan. after a weak Dec. The bank held rates at No. 10."},
		},
		{
			name: "paragraphs never share a sentence",
			in:   "First paragraph without a stop\n\nSecond paragraph. With two sentences.",
			want: []string{"First paragraph without a stop", "Second paragraph.", "With two sentences."},
		},
		{name: "empty", in: " \n\n ", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sentences(tt.in)
			var texts []string
			for _, s := range got {
				texts = append(texts, s.Text)
				if !strings.HasPrefix(tt.in[s.Start:], strings.Fields(s.Text)[0]) {
					t.Errorf("sentence %q: Start %d points at %q", s.Text, s.Start, tt.in[s.Start:])
				}
			}
			if strings.Join(texts, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Sentences =\n%q\nwant\n%q", texts, tt.want)
			}
		})
	}
}

func TestWords(t *testing.T) {
	got := Words(`The U.S. didn't pay $3.5 billion — "never", said O'Brien.`)
	var texts []string
	for _, w := range got {
		texts = append(texts, w.Text)
	}
	want := "The|U.S|didn't|pay|3.5|billion|never|said|O'Brien"
	if strings.Join(texts, "|") != want {
		t.Errorf("Words = %q, want %q", strings.Join(texts, "|"), want)
	}
}

func FuzzSentences(f *testing.F) {
	f.Add("Mr. Smith went to Washington. He left.\n\nNew paragraph.")
	f.Add("U.S.")
	f.Fuzz(func(t *testing.T, s string) {
		for _, sen := range Sentences(s) {
			if sen.Start < 0 || sen.Start > len(s) || sen.Text == "" {
				t.Fatalf("bad sentence %+v", sen)
			}
		}
		Words(s)
	})
}
