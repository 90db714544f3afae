package extract

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedPagesDir holds the benchmark pages kept outside the repository.
const sharedPagesDir = "../../../shared/data/extraction/html"

// benchPage is one page to extract in a benchmark.
type benchPage struct {
	name string
	raw  []byte
}

// loadBenchPages returns the testdata pages and, when present, the shared
// benchmark pages.
func loadBenchPages(b *testing.B) []benchPage {
	b.Helper()
	var pages []benchPage
	local, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	for _, p := range local {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, benchPage{name: filepath.Base(p), raw: raw})
	}
	shared, _ := filepath.Glob(filepath.Join(sharedPagesDir, "*.html.gz"))
	for _, p := range shared {
		raw, err := readGzipFile(p)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, benchPage{name: strings.TrimSuffix(filepath.Base(p), ".html.gz"), raw: raw})
	}
	if len(pages) == 0 {
		b.Skip("no pages to benchmark")
	}
	return pages
}

// readGzipFile returns the unzipped content of a file.
func readGzipFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// BenchmarkExtract extracts one benchmark page per iteration, cycling
// through them, in parallel over GOMAXPROCS goroutines. It reports pages
// per second (wall clock) and the process's CPU milliseconds per page,
// which other load on the machine disturbs less.
func BenchmarkExtract(b *testing.B) {
	pages := loadBenchPages(b)
	ex := New(Options{})
	cpu0, cpuOK := processCPUTime()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			p := pages[i%len(pages)]
			i++
			_, _ = ex.Extract(p.raw, "https://example.com/"+p.name, "")
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	if cpu1, ok := processCPUTime(); ok && cpuOK {
		b.ReportMetric(float64((cpu1-cpu0).Milliseconds())/float64(b.N), "cpu-ms/page")
	}
}
