package imaging

import (
	"encoding/binary"
	"errors"
	"image/color"
	"testing"

	"github.com/storyline/storyline/internal/fuzztest"
)

// FuzzProcess checks that Process never panics, fails only with its four
// kinds of error and never makes an image beyond its limits.
func FuzzProcess(f *testing.F) {
	fuzztest.LimitMinimizing(f, fuzztest.MinimizeCalls)
	red, clear := color.NRGBA{255, 0, 0, 255}, color.NRGBA{}
	f.Add(jpegOf(f, photo(12, 8)))
	f.Add(withOrientation(jpegOf(f, photo(8, 4)), 6, binary.LittleEndian))
	f.Add(pngOf(f, halves(4, 6, red, clear)))
	f.Add(gifOf(f, halves(16, 9, red, red)))
	f.Add(testdata(f, "lossy.webp"))
	f.Add(testdata(f, "alpha-lossless.webp"))
	f.Add(pngBomb(60000, 60000))
	f.Add([]byte("<svg/>"))
	// Small limits keep each run fast enough for the fuzzer to make
	// progress; they still let through images to be scaled down.
	lim := Limits{MaxBytes: 1 << 16, MaxPixels: 1 << 16, MaxWidth: 2048, MaxHeight: 2048}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Process(data, lim)
		if err != nil {
			if !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrTooManyPixels) &&
				!errors.Is(err, ErrUnsupportedType) && !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error of no kind: %v", err)
			}
			return
		}
		o := r.Original
		if o.Width < 1 || o.Height < 1 || int64(o.Width)*int64(o.Height) > lim.MaxPixels ||
			max(o.Width, o.Height) > max(lim.MaxWidth, lim.MaxHeight) {
			t.Fatalf("original %d×%d is beyond the limits", o.Width, o.Height)
		}
		if r.Thumb.Width < 1 || r.Thumb.Height < 1 || r.Thumb.Width > ThumbWidth || r.Thumb.Height > ThumbHeight {
			t.Fatalf("thumbnail is %d×%d", r.Thumb.Width, r.Thumb.Height)
		}
		if r.Page.Width < 1 || r.Page.Height < 1 || r.Page.Width > PageWidth || r.Page.Height > PageMaxHeight {
			t.Fatalf("page is %d×%d", r.Page.Width, r.Page.Height)
		}
		if r.Page.Width > o.Width || r.Page.Height > o.Height || r.Thumb.Width > o.Width || r.Thumb.Height > o.Height {
			t.Fatalf("%d×%d scaled up to page %d×%d, thumbnail %d×%d", o.Width, o.Height,
				r.Page.Width, r.Page.Height, r.Thumb.Width, r.Thumb.Height)
		}
	})
}
