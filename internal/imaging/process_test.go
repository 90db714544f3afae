package imaging

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"strings"
	"testing"
)

func TestProcess(t *testing.T) {
	red, blue := color.NRGBA{255, 0, 0, 255}, color.NRGBA{0, 0, 255, 255}
	tests := []struct {
		name           string
		data           []byte
		typ            string
		origW, origH   int
		pageW, pageH   int
		thumbW, thumbH int
	}{
		{"photo JPEG", jpegOf(t, photo(1440, 960)), JPEG, 1440, 960, 960, 640, 320, 180},
		{"PNG", pngOf(t, halves(1000, 750, red, blue)), PNG, 1000, 750, 960, 720, 320, 180},
		{"GIF first frame", gifOf(t, halves(400, 300, red, blue)), GIF, 400, 300, 400, 300, 320, 180},
		{"lossy WebP", testdata(t, "lossy.webp"), WebP, 150, 100, 150, 100, 150, 84},
		{"lossless WebP with alpha", testdata(t, "alpha-lossless.webp"), WebP, 75, 100, 75, 100, 75, 42},
		{"1×1 is kept 1×1", pngOf(t, halves(1, 1, red, red)), PNG, 1, 1, 1, 1, 1, 1},
		{"exactly the page width", jpegOf(t, photo(960, 540)), JPEG, 960, 540, 960, 540, 320, 180},
		{"very wide", pngOf(t, halves(3000, 50, red, blue)), PNG, 3000, 50, 960, 16, 89, 50},
		{"very tall", pngOf(t, halves(200, 4000, red, blue)), PNG, 200, 4000, 120, 2400, 200, 113},
		{"a column", pngOf(t, halves(2, 3000, red, blue)), PNG, 2, 3000, 2, 2400, 2, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Process(tt.data, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			want := Info{tt.typ, tt.origW, tt.origH}
			if r.Original != want {
				t.Errorf("Original = %+v, want %+v", r.Original, want)
			}
			checkRendition(t, "page", r.Page, tt.pageW, tt.pageH)
			checkRendition(t, "thumb", r.Thumb, tt.thumbW, tt.thumbH)
		})
	}
}

// checkRendition checks that r is a JPEG of w×h, as it says.
func checkRendition(t *testing.T, name string, r Rendition, w, h int) *image.Image {
	t.Helper()
	if r.ContentType != JPEG || r.Width != w || r.Height != h {
		t.Errorf("%s = %s %d×%d, want image/jpeg %d×%d", name, r.ContentType, r.Width, r.Height, w, h)
	}
	img, err := jpeg.Decode(bytes.NewReader(r.Data))
	if err != nil {
		t.Fatalf("%s does not decode: %v", name, err)
	}
	if got := img.Bounds().Size(); got != image.Pt(r.Width, r.Height) {
		t.Errorf("%s decodes to %v, says %d×%d", name, got, r.Width, r.Height)
	}
	return &img
}

func TestProcessRefuses(t *testing.T) {
	jpg := jpegOf(t, photo(64, 48))
	pngData := pngOf(t, photo(64, 48))
	tests := []struct {
		name    string
		data    []byte
		lim     Limits
		kind    error
		typ     string
		message string
	}{
		{"PNG bomb", pngBomb(60000, 60000), Limits{}, ErrTooManyPixels, PNG, "image is 60000×60000 px, more than the 40 Mpx allowed"},
		{"JPEG bomb", jpegBomb(t, 65000, 65000), Limits{}, ErrTooManyPixels, JPEG, "image is 65000×65000 px, more than the 40 Mpx allowed"},
		{"GIF bomb", gifBomb(t, 65535, 65535), Limits{}, ErrTooManyPixels, GIF, "image is 65535×65535 px, more than the 40 Mpx allowed"},
		{"too wide", pngBomb(20000, 10), Limits{}, ErrTooManyPixels, PNG, "image is 20000×10 px, wider than the 12000 px allowed"},
		{"too tall", pngBomb(10, 13000), Limits{}, ErrTooManyPixels, PNG, "image is 10×13000 px, taller than the 12000 px allowed"},
		{"too many pixels for the limit", jpg, Limits{MaxPixels: 1000}, ErrTooManyPixels, JPEG, "image is 64×48 px, more than the 1000 px allowed"},
		{"too many bytes", jpg, Limits{MaxBytes: 100}, ErrTooLarge, "", "more than the 100 bytes allowed"},
		{"empty", nil, Limits{}, ErrUnsupportedType, "empty", "empty is not an image type"},
		{"SVG", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>`), Limits{}, ErrUnsupportedType, "image/svg+xml", "image/svg+xml is not"},
		{"HTML", []byte("<!DOCTYPE html><html><body><p>Not found</p></body></html>"), Limits{}, ErrUnsupportedType, "text/html; charset=utf-8", "text/html"},
		{"AVIF", []byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf"), Limits{}, ErrUnsupportedType, "image/avif", "image/avif is not"},
		{"BMP", append([]byte("BM"), make([]byte, 60)...), Limits{}, ErrUnsupportedType, "image/bmp", "image/bmp is not"},
		{"truncated JPEG", jpg[:len(jpg)/2], Limits{}, ErrCorrupt, JPEG, "cannot decode the image/jpeg image"},
		{"truncated PNG", pngData[:len(pngData)/2], Limits{}, ErrCorrupt, PNG, "cannot decode the image/png image"},
		{"header only", []byte("\x89PNG\r\n\x1a\n"), Limits{}, ErrCorrupt, PNG, "cannot read the image/png header"},
		{"zero width", pngBomb(0, 10), Limits{}, ErrCorrupt, PNG, "cannot read"},
		{"bad WebP", append([]byte("RIFF\x10\x00\x00\x00WEBPVP8 "), make([]byte, 8)...), Limits{}, ErrCorrupt, WebP, "cannot read the image/webp header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Process(tt.data, tt.lim)
			if err == nil {
				t.Fatalf("Process = %+v, want an error", r.Original)
			}
			if !errors.Is(err, tt.kind) {
				t.Errorf("error %q is not %v", err, tt.kind)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %q is not an *Error", err)
			}
			if e.Type != tt.typ {
				t.Errorf("Type = %q, want %q", e.Type, tt.typ)
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("error %q does not say %q", err, tt.message)
			}
		})
	}
}

func TestProcessReader(t *testing.T) {
	jpg := jpegOf(t, photo(64, 48))
	if _, err := ProcessReader(bytes.NewReader(jpg), Limits{MaxBytes: int64(len(jpg))}); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	_, err := ProcessReader(bytes.NewReader(jpg), Limits{MaxBytes: int64(len(jpg) - 1)})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "larger than the") {
		t.Errorf("over the limit: %v", err)
	}
}

func TestTransparencyOnWhite(t *testing.T) {
	clear, halfRed := color.NRGBA{0, 0, 0, 0}, color.NRGBA{255, 0, 0, 128}
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"PNG", pngOf(t, halves(400, 300, clear, halfRed))},
		{"GIF", gifWithTransparency(t, 400, 300)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Process(tt.data, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			img := *checkRendition(t, "page", r.Page, 400, 300)
			if c := gray(img.At(20, 150)); c.r < 240 || c.g < 240 || c.b < 240 {
				t.Errorf("transparent pixel = %v, want white", c)
			}
			if tt.name == "PNG" {
				if c := gray(img.At(380, 150)); c.r < 240 || c.g < 110 || c.g > 145 {
					t.Errorf("half-transparent red = %v, want pink", c)
				}
			}
		})
	}
}

// gifWithTransparency returns a w×h GIF whose left half is transparent.
func gifWithTransparency(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.Transparent, color.NRGBA{0, 0, 255, 255}})
	for y := range h {
		for x := w / 2; x < w; x++ {
			img.SetColorIndex(x, y, 1)
		}
	}
	var b bytes.Buffer
	if err := gif.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// rgb8 is a colour in 8-bit channels.
type rgb8 struct{ r, g, b uint8 }

// gray returns c in 8-bit channels.
func gray(c color.Color) rgb8 {
	r, g, b, _ := c.RGBA()
	return rgb8{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8)}
}

func TestEXIFOrientation(t *testing.T) {
	red, blue := color.NRGBA{255, 0, 0, 255}, color.NRGBA{0, 0, 255, 255}
	raw := jpegOf(t, halves(640, 320, red, blue)) // red left, blue right
	// Where the red half shows once the orientation is applied.
	tests := []struct {
		o             uint16
		order         binary.AppendByteOrder
		w, h          int
		redAt, blueAt image.Point // in fractions of 4 of the page
	}{
		{1, binary.BigEndian, 640, 320, image.Pt(1, 2), image.Pt(3, 2)},
		{2, binary.BigEndian, 640, 320, image.Pt(3, 2), image.Pt(1, 2)},
		{3, binary.LittleEndian, 640, 320, image.Pt(3, 2), image.Pt(1, 2)},
		{4, binary.BigEndian, 640, 320, image.Pt(1, 2), image.Pt(3, 2)},
		{5, binary.BigEndian, 320, 640, image.Pt(2, 1), image.Pt(2, 3)},
		{6, binary.LittleEndian, 320, 640, image.Pt(2, 1), image.Pt(2, 3)},
		{7, binary.BigEndian, 320, 640, image.Pt(2, 3), image.Pt(2, 1)},
		{8, binary.BigEndian, 320, 640, image.Pt(2, 3), image.Pt(2, 1)},
		{9, binary.BigEndian, 640, 320, image.Pt(1, 2), image.Pt(3, 2)}, // out of range: ignored
	}
	for _, tt := range tests {
		r, err := Process(withOrientation(raw, tt.o, tt.order), Limits{})
		if err != nil {
			t.Fatalf("orientation %d: %v", tt.o, err)
		}
		if r.Original.Width != tt.w || r.Original.Height != tt.h {
			t.Errorf("orientation %d: original %d×%d, want %d×%d", tt.o, r.Original.Width, r.Original.Height, tt.w, tt.h)
		}
		img := *checkRendition(t, "page", r.Page, min(tt.w, 960), min(tt.w, 960)*tt.h/tt.w)
		at := func(p image.Point) rgb8 { return gray(img.At(r.Page.Width*p.X/4, r.Page.Height*p.Y/4)) }
		if c := at(tt.redAt); c.r < 200 || c.b > 60 {
			t.Errorf("orientation %d: %v is %v, want red", tt.o, tt.redAt, c)
		}
		if c := at(tt.blueAt); c.b < 200 || c.r > 60 {
			t.Errorf("orientation %d: %v is %v, want blue", tt.o, tt.blueAt, c)
		}
		checkRendition(t, "thumb", r.Thumb, 320, 180)
	}
}
