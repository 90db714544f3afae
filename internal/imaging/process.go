package imaging

import (
	"bytes"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"

	"golang.org/x/image/draw"
	"golang.org/x/image/webp"
)

// JPEGQuality is the quality both renditions are encoded at.
const JPEGQuality = 80

// Info describes an image: its content type and size in pixels.
type Info struct {
	ContentType string
	Width       int
	Height      int
}

// Rendition is an encoded image Process made.
type Rendition struct {
	Info
	Data []byte
}

// Result is what Process makes of one image.
type Result struct {
	// Original is the type sniffed from the input and its size as shown,
	// that is after its EXIF orientation is applied.
	Original Info
	// Thumb is the thumbnail: the centre cropped to 16:9, at most
	// ThumbWidth×ThumbHeight, JPEG.
	Thumb Rendition
	// Page is the whole image fitted within PageWidth×PageMaxHeight, JPEG.
	Page Rendition
}

// Process checks data against lim (zero fields take the defaults),
// decodes it and returns its thumbnail and page-width renditions. Errors
// are *Error values of the kinds ErrTooLarge, ErrTooManyPixels,
// ErrUnsupportedType and ErrCorrupt.
func Process(data []byte, lim Limits) (*Result, error) {
	return process(data, lim, method{interp: draw.CatmullRom, halve: true})
}

// ProcessReader reads at most lim.MaxBytes from r and processes them like
// Process; a longer input is refused with ErrTooLarge without being read
// to its end.
func ProcessReader(r io.Reader, lim Limits) (*Result, error) {
	lim = lim.withDefaults()
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read image: %w", err)
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, &Error{Kind: ErrTooLarge, Type: Sniff(data),
			Msg: fmt.Sprintf("image is larger than the %s allowed", byteSize(lim.MaxBytes))}
	}
	return Process(data, lim)
}

// process is Process with the scaling method as a parameter, so that
// BenchmarkScalers can compare them.
func process(data []byte, lim Limits, m method) (*Result, error) {
	lim = lim.withDefaults()
	if err := lim.checkBytes(int64(len(data))); err != nil {
		return nil, err
	}
	typ := Sniff(data)
	dec, ok := codecOf(typ)
	if !ok {
		return nil, &Error{Kind: ErrUnsupportedType, Type: typ,
			Msg: fmt.Sprintf("%s is not an image type storyline accepts (JPEG, PNG, GIF, WebP)", typ)}
	}
	cfg, err := dec.config(bytes.NewReader(data))
	if err != nil {
		return nil, &Error{Kind: ErrCorrupt, Type: typ, Msg: "cannot read the " + typ + " header", Cause: err}
	}
	if err := lim.checkDimensions(typ, cfg.Width, cfg.Height); err != nil {
		return nil, err
	}
	src, err := dec.decode(bytes.NewReader(data))
	if err != nil {
		return nil, &Error{Kind: ErrCorrupt, Type: typ, Msg: "cannot decode the " + typ + " image", Cause: err}
	}
	b := src.Bounds()
	if err := lim.checkDimensions(typ, b.Dx(), b.Dy()); err != nil {
		return nil, err
	}
	o := 1
	if typ == JPEG {
		o = jpegOrientation(data)
	}
	return render(src, typ, o, m)
}

// render scales src (of type typ, EXIF orientation o) into both
// renditions and encodes them, the page rendition with m. The
// thumbnail, usually scaled from the page rendition, is small enough to
// afford the best of the interpolators, CatmullRom.
func render(src image.Image, typ string, o int, m method) (*Result, error) {
	b := src.Bounds()
	p := makePlan(b.Dx(), b.Dy(), o)
	page := m.scale(src, b, p.page)

	// The thumbnail is scaled from the page rendition when that still has
	// enough pixels, which costs far less than scaling the source again.
	thumbSrc, crop := image.Image(src), p.thumbCrop.Add(b.Min)
	if pc := coverCrop(p.page.X, p.page.Y, p.thumbCrop.Dx(), p.thumbCrop.Dy()); pc.Dx() >= p.thumb.X && pc.Dy() >= p.thumb.Y {
		thumbSrc, crop = page, pc
	}
	thumb := method{interp: draw.CatmullRom}.scale(thumbSrc, crop, p.thumb)

	r := &Result{Original: Info{ContentType: typ, Width: b.Dx(), Height: b.Dy()}}
	if transposed(o) {
		r.Original.Width, r.Original.Height = b.Dy(), b.Dx()
	}
	var err error
	if r.Page, err = encode(orient(page, o)); err != nil {
		return nil, err
	}
	if r.Thumb, err = encode(orient(thumb, o)); err != nil {
		return nil, err
	}
	return r, nil
}

// method is a way to scale an image down: an interpolator, and whether
// to halve the image first, with ApproxBiLinear, for as long as it stays
// twice the target size. Halving averages 2×2 pixels, as fast as
// ApproxBiLinear and without its aliasing, and leaves the interpolator a
// smaller source and a scale factor under 2.
type method struct {
	interp draw.Interpolator
	halve  bool
}

// scale draws the part sr of src onto a new opaque image of size size,
// flattening any transparency onto white.
func (m method) scale(src image.Image, sr image.Rectangle, size image.Point) *image.RGBA {
	for m.halve && sr.Dx() >= 2*size.X && sr.Dy() >= 2*size.Y {
		half := image.NewRGBA(image.Rect(0, 0, (sr.Dx()+1)/2, (sr.Dy()+1)/2))
		draw.ApproxBiLinear.Scale(half, half.Rect, src, sr, draw.Src, nil)
		src, sr = half, half.Rect
	}
	dst := image.NewRGBA(image.Rectangle{Max: size})
	op := draw.Src
	if !opaque(src) {
		draw.Draw(dst, dst.Rect, image.White, image.Point{}, draw.Src)
		op = draw.Over
	}
	if sr.Size() == size {
		draw.Draw(dst, dst.Rect, src, sr.Min, op)
	} else {
		m.interp.Scale(dst, dst.Rect, src, sr, op, nil)
	}
	return dst
}

// opaque reports whether every pixel of img is known to be opaque.
func opaque(img image.Image) bool {
	o, ok := img.(interface{ Opaque() bool })
	return ok && o.Opaque()
}

// encode encodes img as a JPEG rendition.
func encode(img *image.RGBA) (Rendition, error) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: JPEGQuality}); err != nil {
		return Rendition{}, fmt.Errorf("encode %d×%d JPEG: %w", img.Rect.Dx(), img.Rect.Dy(), err)
	}
	return Rendition{Info: Info{ContentType: JPEG, Width: img.Rect.Dx(), Height: img.Rect.Dy()}, Data: buf.Bytes()}, nil
}

// codec is the decoder of one accepted type.
type codec struct {
	config func(io.Reader) (image.Config, error)
	decode func(io.Reader) (image.Image, error) // of a GIF, the first frame
}

// codecOf returns the decoder of content type typ, and false when Process
// does not accept typ.
func codecOf(typ string) (codec, bool) {
	switch typ {
	case JPEG:
		return codec{jpeg.DecodeConfig, jpeg.Decode}, true
	case PNG:
		return codec{png.DecodeConfig, png.Decode}, true
	case GIF:
		return codec{gif.DecodeConfig, gif.Decode}, true
	case WebP:
		return codec{webp.DecodeConfig, webp.Decode}, true
	}
	return codec{}, false
}
