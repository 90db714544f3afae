package importer

import (
	"os"
	"path/filepath"
	"testing"
)

func FuzzDecodeRecord(f *testing.F) {
	f.Add([]byte(`{"url":"https://e.com/a","title":"T","text":"x","published":"2026-01-02","source":{"name":"S"}}`))
	f.Add([]byte(`{"html":"<p>x</p>","date":1700000000}`))
	f.Add([]byte(`{"title":null,"text":7}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		it := decodeRecord("fuzz", data)
		if (it.Doc == nil) == (it.Err == nil) {
			t.Fatalf("want exactly one of doc and error: %+v", it)
		}
		if it.Doc != nil && it.Doc.Text == "" && len(it.Doc.HTML) == 0 {
			t.Fatal("document without content")
		}
	})
}

func FuzzDecodeFile(f *testing.F) {
	f.Add("a.jsonl", []byte("{\"title\":\"A\",\"text\":\"a\"}\n{bad\n"))
	f.Add("a.md", []byte("# T\n\n**b** [l](u)\n- i\n"))
	f.Add("a.txt", []byte("T\r\nbody\r\n"))
	f.Add("a.json", []byte(`{"items":[{"text":"x"}]}`))
	f.Add("a.rss", []byte(`<rss version="2.0"><channel><title>C</title><item><title>T</title><link>/a</link><description>&lt;p&gt;x&lt;/p&gt;</description></item><item><link>https://e.example/b</link></item></channel></rss>`))
	f.Add("a.atom", []byte(`<feed xmlns="http://www.w3.org/2005/Atom"><link href="https://e.example/"/><entry><title>T</title><link href="x"/><content type="text">a</content></entry></feed>`))
	f.Add("b.json", []byte(`{"version":"https://jsonfeed.org/version/1.1","title":"F","items":[{"id":"1","content_text":"x"}]}`))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if KindOf(name) == KindUnknown || filepath.Base(name) != name || name == "" || len(name) > 100 {
			return
		}
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			return
		}
		_ = Decoder{MaxBytes: 1 << 16}.DecodeFile(path, func(it Item) {
			if it.Doc == nil && it.Feed == nil && it.Err == nil {
				t.Fatal("empty item")
			}
			if it.Doc != nil && KindOf(name) == KindFeed && (it.Doc.Title == "" || it.Doc.HTML != nil || it.Doc.Text != "") {
				t.Fatalf("feed entry without a title or with more than Content: %+v", it.Doc)
			}
		})
	})
}
