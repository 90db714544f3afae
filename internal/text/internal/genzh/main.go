// Command genzh writes the Chinese dictionary of package text from the
// simplified-Chinese dictionary gse ships (data/dict/zh/s_1.txt, jieba's
// word list with frequencies and part-of-speech tags; Apache 2.0 and MIT,
// see internal/text/data/zh_words.NOTICE):
//
//	go mod download -json github.com/go-ego/gse@v0.80.3   # prints its Dir
//	go run ./internal/text/internal/genzh -in DIR/data/dict/zh/s_1.txt -out internal/text/data/zh_words.txt.gz
//
// Each output line is a word, a tab, its frequency, a tab, and "n" when
// the dictionary tags it as a noun of any kind (people, places,
// organisations, verbal nouns, abbreviations, foreign words) or "-".
// Lines are in the input's order; the output is gzip-compressed with a
// fixed header, so that a rerun writes the same bytes.
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
)

func main() {
	in := flag.String("in", "", "gse's data/dict/zh/s_1.txt")
	out := flag.String("out", "", "the dictionary to write")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genzh:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	src, err := os.Open(in)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.Create(out)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(dst, gzip.BestCompression)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(zw)
	sc := bufio.NewScanner(src)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		if len(f) != 3 {
			return fmt.Errorf("%s:%d: want word, frequency and tag, got %q", in, line, sc.Text())
		}
		freq, err := strconv.Atoi(f[1])
		if err != nil || freq <= 0 {
			return fmt.Errorf("%s:%d: frequency %q", in, line, f[1])
		}
		tag := "-"
		if pos := f[2]; pos[0] == 'n' || pos == "vn" || pos == "j" || pos == "eng" {
			tag = "n"
		}
		fmt.Fprintf(w, "%s\t%d\t%s\n", f[0], freq, tag)
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return dst.Close()
}
