package imaging

import (
	"bytes"
	"image/jpeg"
	"testing"

	"golang.org/x/image/draw"
)

// BenchmarkProcess processes a 2000×1333 photo-like JPEG (about what a
// news site's og:image is) with the defaults.
func BenchmarkProcess(b *testing.B) {
	data := jpegOf(b, photo(2000, 1333))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Process(data, Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScalers compares the ways Process could scale the page
// rendition on the same JPEG; Process uses the one chosen from these
// figures.
func BenchmarkScalers(b *testing.B) {
	data := jpegOf(b, photo(2000, 1333))
	for _, s := range []struct {
		name string
		m    method
	}{
		{"ApproxBiLinear", method{interp: draw.ApproxBiLinear}},
		{"BiLinear", method{interp: draw.BiLinear}},
		{"CatmullRom", method{interp: draw.CatmullRom}},
		{"halve+ApproxBiLinear", method{interp: draw.ApproxBiLinear, halve: true}},
		{"halve+BiLinear", method{interp: draw.BiLinear, halve: true}},
		{"halve+CatmullRom", method{interp: draw.CatmullRom, halve: true}},
	} {
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := process(data, Limits{}, s.m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecode is the share of Process that only decodes the JPEG.
func BenchmarkDecode(b *testing.B) {
	data := jpegOf(b, photo(2000, 1333))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
