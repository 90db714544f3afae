package text

import (
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestChineseSegmentation(t *testing.T) {
	tests := []struct{ in, want string }{
		{"伊朗与美国在阿曼举行新一轮间接谈判", "伊朗|与|美国|在|阿曼|举行|新一轮|间接|谈判"},
		{"中国外交部发言人在北京举行的例行记者会上表示", "中国外交部|发言人|在|北京|举行|的|例行|记者会|上|表示"},
		{"国际原子能机构总干事在维也纳透露", "国际原子能机构|总干事|在|维也纳|透露"},
		{"𠀀伊朗", "𠀀|伊朗"}, // a character no dictionary knows is a word of its own
		{"", ""},
	}
	d := chineseDict()
	if d == nil {
		t.Fatal("the embedded Chinese dictionary does not load")
	}
	for _, tt := range tests {
		if got := strings.Join(d.segment(tt.in), "|"); got != tt.want {
			t.Errorf("segment(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestChineseDictionaryCost(t *testing.T) {
	if testing.Short() {
		t.Skip("parses the dictionary")
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	d, err := parseZhDict(zhWords)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	t.Logf("%d words, %d MiB of heap", len(d.words), (after.HeapAlloc-before.HeapAlloc)>>20)
	if len(d.words) < 300_000 || !slices.Contains(d.segment("德黑兰"), "德黑兰") {
		t.Errorf("dictionary of %d words", len(d.words))
	}
	runtime.KeepAlive(d)
}

func BenchmarkChineseSegment(b *testing.B) {
	run := strings.Repeat("伊朗与美国代表团周六在阿曼首都马斯喀特举行新一轮间接谈判双方围绕伊朗核计划和解除制裁问题交换了意见", 10)
	d := chineseDict()
	b.SetBytes(int64(len(run)))
	b.ResetTimer()
	for range b.N {
		d.segment(run)
	}
}

// FuzzWordsIn: in any language, every word WordsIn returns is the text
// at its offset, in order, and Chinese segmentation never loses a
// character of a run.
func FuzzWordsIn(f *testing.F) {
	f.Add("zh", "伊朗与美国在阿曼举行新一轮间接谈判，Reuters报道。")
	f.Add("ja", "テヘランは交渉が進展したと述べた。")
	f.Add("de", "Die Verhandlungen z. B. in Maskat")
	f.Fuzz(func(t *testing.T, lang, s string) {
		prev := -1
		for _, w := range WordsIn(lang, s) {
			if w.Start <= prev || w.Start+len(w.Text) > len(s) || s[w.Start:w.Start+len(w.Text)] != w.Text {
				t.Fatalf("word %q at %d does not match the text %q", w.Text, w.Start, s)
			}
			prev = w.Start
		}
		if d := chineseDict(); d != nil && utf8.ValidString(s) {
			if got := strings.Join(d.segment(s), ""); got != s {
				t.Fatalf("segment(%q) spells %q", s, got)
			}
		}
	})
}
