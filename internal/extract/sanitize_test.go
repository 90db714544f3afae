package extract

import (
	"strings"
	"testing"
)

// hostilePage is an article laced with active content.
const hostilePage = `<!DOCTYPE html><html><head><title>Grell Head light shines again</title>
<style>body { background: url(javascript:alert(1)) }</style>
<script>alert("head")</script></head>
<body onload="alert('body')"><div class="content">
<h1>Grell Head light shines again</h1>
<p onclick="alert('p')">The lighthouse on Grell Head was switched back on at dusk on Friday, <a href="javascript:alert('a')">three years after</a> a lightning strike cracked its lens and left the northern approach to the bay in darkness.</p>
<script>document.write("injected paragraph text")</script>
<p>Volunteers from the island rowing club carried the new lens up the 112 steps in four pieces, <em>wrapped in blankets</em>, while a crowd of <strong>about two hundred people</strong> waited on the rocks below, as the <a href="https://coast.example/report" onmouseover="alert('x')">coast authority report</a> describes.</p>
<iframe src="https://ads.example/frame"></iframe>
<h2>The museum</h2>
<p>The keeper's cottage has been turned into a small museum with logbooks going back to 1871, including an entry about a whale that followed the supply boat for a whole afternoon.</p>
<img src="https://cdn.example/lens-large.jpg" alt="The new lens" width="800" height="600" onerror="alert('img')">
<blockquote><p>It is the most beautiful light on this coast, and now it is ours again, said the harbour pilot who has guided ships here for thirty years.</p></blockquote>
<ul><li>Visible for twenty-two nautical miles from the northern approach.</li><li>Checked every month by a technician who travels on the Tuesday ferry.</li></ul>
<table><tr><th>Year</th><th>Event</th></tr><tr><td>1871</td><td>First keeper's logbook opened at the station.</td></tr><tr><td>2028</td><td>Lightning strike cracked the lens of the light.</td></tr></table>
<p>The coast authority says the light can be seen from twenty-two nautical miles away and will be checked every month by a technician who travels over on the Tuesday ferry.</p>
</div></body></html>`

// TestExtractSanitizes checks that active content never reaches the
// article HTML while the article's structure does.
func TestExtractSanitizes(t *testing.T) {
	a, err := New(Options{}).Extract([]byte(hostilePage), "https://news.example/grell", "")
	if err != nil {
		t.Fatal(err)
	}
	lower := strings.ToLower(a.HTML)
	for _, bad := range []string{"<script", "<style", "<iframe", "onclick", "onload", "onmouseover", "onerror", "javascript:", "alert(", "injected"} {
		if strings.Contains(lower, bad) {
			t.Errorf("HTML holds %q:\n%s", bad, a.HTML)
		}
	}
	for _, bad := range []string{"alert(", "injected", "background"} {
		if strings.Contains(a.Text, bad) {
			t.Errorf("text holds %q", bad)
		}
	}
	for _, good := range []string{
		`<a href="https://coast.example/report">coast authority report</a>`,
		"<em>wrapped in blankets</em>", "<strong>about two hundred people</strong>",
		"<h2>The museum</h2>", "<blockquote>", "<li>", "<table>", "<td>1871</td>",
		`<img src="https://cdn.example/lens-large.jpg" alt="The new lens"/>`,
	} {
		if !strings.Contains(a.HTML, good) {
			t.Errorf("HTML lacks %q:\n%s", good, a.HTML)
		}
	}
}

// TestPolicy checks the sanitizing policy on its own, element by element.
func TestPolicy(t *testing.T) {
	p := newPolicy()
	tests := []struct {
		in, want string
	}{
		{`<p onclick="x()">hi</p>`, `<p>hi</p>`},
		{`<script>alert(1)</script><p>a</p>`, `<p>a</p>`},
		{`<style>p{}</style><p>a</p>`, `<p>a</p>`},
		{`<iframe src="https://x.example"></iframe>`, ``},
		{`<a href="javascript:alert(1)">x</a>`, `x`},
		{`<a href="https://x.example/a" target="_blank" onclick="y()">x</a>`, `<a href="https://x.example/a">x</a>`},
		{`<img src="https://x.example/i.png" alt="i" onerror="y()">`, `<img src="https://x.example/i.png" alt="i">`},
		{`<img src="data:image/png;base64,AAAA">`, ``},
		{`<figure><img src="https://x.example/i.png" alt=""><figcaption>c</figcaption></figure>`, `<figure><img src="https://x.example/i.png" alt=""><figcaption>c</figcaption></figure>`},
		{`<table><tr><td colspan="2" style="color:red">c</td></tr></table>`, `<table><tr><td colspan="2">c</td></tr></table>`},
		{`<h3 class="x">t</h3><em>e</em><strong>s</strong>`, `<h3>t</h3><em>e</em><strong>s</strong>`},
		{`<form><input value="v"></form><div>d</div>`, `d`},
	}
	for _, tt := range tests {
		if got := p.Sanitize(tt.in); got != tt.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
