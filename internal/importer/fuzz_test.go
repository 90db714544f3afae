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
		})
	})
}
