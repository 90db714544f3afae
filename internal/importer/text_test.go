package importer

import (
	"strings"
	"testing"
)

func TestSplitTitleDecidesWhetherTheFirstLineIsATitle(t *testing.T) {
	long := strings.Repeat("word ", 30)
	tests := []struct {
		name, text, title, body string
	}{
		{"a headline", "Harbour bridge reopens\n\nThe bridge reopened on Tuesday.", "Harbour bridge reopens", "The bridge reopened on Tuesday."},
		{"a headline asking", "Will the bridge reopen?\nThe council decides on Tuesday.", "Will the bridge reopen?", "The council decides on Tuesday."},
		{"a paragraph first",
			"The harbour bridge reopened on Tuesday after repairs. Commuters queued from dawn.\n\nThe city thanked them.",
			"The harbour bridge reopened on Tuesday after repairs",
			"The harbour bridge reopened on Tuesday after repairs. Commuters queued from dawn.\n\nThe city thanked them."},
		{"a wrapped paragraph first",
			"The harbour bridge in Port Aldine reopened on Tuesday morning after\nthree weeks of repairs to storm damage, the city said.",
			"The harbour bridge in Port Aldine reopened on Tuesday morning after three…",
			"The harbour bridge in Port Aldine reopened on Tuesday morning after three weeks of repairs to storm damage, the city said."},
		{"a long first sentence", long + "end.\n\nMore.", strings.Repeat("word ", 12)[:len(strings.Repeat("word ", 12))-1] + "…", strings.TrimSpace(long) + " end.\n\nMore."},
		{"a long headline, the text right under it",
			"Harbour bridge in Port Aldine reopens after three weeks of storm repairs\nThe bridge reopened on Tuesday.",
			"Harbour bridge in Port Aldine reopens after three weeks of storm repairs", "The bridge reopened on Tuesday."},
		{"one paragraph only", "The bridge reopened on Tuesday.", "The bridge reopened on Tuesday", "The bridge reopened on Tuesday."},
		{"a paragraph a line",
			"Bridge reopens\n" + strings.Repeat("The harbour bridge reopened on Tuesday after repairs. ", 3) + "\nShort line\n" +
				strings.Repeat("Commuters queued from dawn to cross it. ", 4),
			"Bridge reopens",
			strings.TrimSpace(strings.Repeat("The harbour bridge reopened on Tuesday after repairs. ", 3)) + "\n\nShort line\n\n" +
				strings.TrimSpace(strings.Repeat("Commuters queued from dawn to cross it. ", 4))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			title, body, err := splitTitle(tt.text, false)
			if err != nil || title != tt.title || body != tt.body {
				t.Errorf("splitTitle = %q, %q, %v; want %q, %q", title, body, err, tt.title, tt.body)
			}
		})
	}
	title, _, err := splitTitle("# A heading that ends with a period.\n\nText.", true)
	if err != nil || title != "A heading that ends with a period." {
		t.Errorf("a Markdown heading is the title whatever it ends with: %q, %v", title, err)
	}
}
