package extract

import (
	"strings"
	"testing"
)

// TestExtractParagraphs checks the plain text's layout: one blank line
// between paragraphs, headings and list items, a single newline for <br>.
func TestExtractParagraphs(t *testing.T) {
	page := `<html><head><title>Grell Head light shines again</title></head><body><div class="content">
<h1>Grell Head light shines again</h1>
<p>` + storyParagraphs[0] + `</p>
<p>` + storyParagraphs[1] + `</p>
<h2>A museum in the cottage</h2>
<p>` + storyParagraphs[2] + `<br>Opening hours are posted at the ferry landing.</p>
<ul><li>Visible for twenty-two nautical miles.</li><li>Checked every month by a technician.</li></ul>
<p>` + storyParagraphs[3] + `</p>
</div></body></html>`
	a, err := New(Options{}).Extract([]byte(page), "", "")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		storyParagraphs[0],
		storyParagraphs[1],
		"A museum in the cottage",
		storyParagraphs[2] + "\nOpening hours are posted at the ferry landing.",
		"Visible for twenty-two nautical miles.",
		"Checked every month by a technician.",
		storyParagraphs[3],
	}, "\n\n")
	if a.Text != want {
		t.Errorf("text =\n%s\nwant\n%s", a.Text, want)
	}
	if got := len(strings.Fields(want)); a.WordCount != got {
		t.Errorf("WordCount = %d, want %d", a.WordCount, got)
	}
}

// TestParagraphsRenderer checks the text renderer on fragments.
func TestParagraphsRenderer(t *testing.T) {
	tests := []struct {
		name, html string
		want       []string
	}{
		{"white space collapsed", "<p>  a \n  b\t c </p>", []string{"a b c"}},
		{"blocks split", "<div>x<p>y</p>z</div>", []string{"x", "y", "z"}},
		{"line break", "<p>a<br>b <br/> c</p>", []string{"a\nb\nc"}},
		{"pre kept", "<pre>a  b\n  c</pre>", []string{"a  b\n  c"}},
		{"table cells", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", []string{"a | b", "c"}},
		{"script dropped", "<p>a<script>x()</script>b</p>", []string{"ab"}},
		{"empty", "<p> </p><div></div>", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := paragraphs(parseFragment(t, tt.html))
			if strings.Join(got, "¶") != strings.Join(tt.want, "¶") {
				t.Errorf("paragraphs = %q, want %q", got, tt.want)
			}
		})
	}
}
