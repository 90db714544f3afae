package imaging

import "image"

// Sizes of the two renditions, in pixels.
const (
	// ThumbWidth and ThumbHeight are the thumbnail's size: the image's
	// centre cropped to 16:9 and scaled down to it. A smaller image gives
	// a smaller thumbnail of the same crop: nothing is scaled up.
	ThumbWidth  = 320
	ThumbHeight = 180
	// PageWidth and PageMaxHeight bound the page-width rendition: the
	// whole image scaled down to fit, never up.
	PageWidth     = 960
	PageMaxHeight = 2400
)

// fit returns the size of a w×h image scaled down, keeping its aspect,
// to fit within maxW×maxH; a smaller image keeps its size. Neither side
// is less than 1.
func fit(w, h, maxW, maxH int) (int, int) {
	if w <= maxW && h <= maxH {
		return w, h
	}
	// Scale by the smaller ratio: maxW/w against maxH/h.
	if int64(maxW)*int64(h) <= int64(maxH)*int64(w) {
		return maxW, max(1, int((int64(h)*int64(maxW)+int64(w)/2)/int64(w)))
	}
	return max(1, int((int64(w)*int64(maxH)+int64(h)/2)/int64(h))), maxH
}

// coverCrop returns the largest rectangle of aspect aw:ah centred in a
// w×h image. Neither side is less than 1.
func coverCrop(w, h, aw, ah int) image.Rectangle {
	cw, ch := w, h
	if int64(w)*int64(ah) > int64(h)*int64(aw) { // wider than aw:ah
		cw = max(1, int((int64(h)*int64(aw)+int64(ah)/2)/int64(ah)))
	} else {
		ch = max(1, int((int64(w)*int64(ah)+int64(aw)/2)/int64(aw)))
	}
	x, y := (w-cw)/2, (h-ch)/2
	return image.Rect(x, y, x+cw, y+ch)
}

// plan is the geometry of one Process call in the source's own (stored,
// not yet oriented) pixel space.
type plan struct {
	page      image.Point     // size of the page rendition before orientation
	thumb     image.Point     // size of the thumbnail before orientation
	thumbCrop image.Rectangle // the part of the source the thumbnail shows
}

// makePlan works out the renditions of a w×h source shown with EXIF
// orientation o. Sizes are decided on the upright image and then turned
// back, which is exact because the crop is centred.
func makePlan(w, h, o int) plan {
	uw, uh := w, h
	if transposed(o) {
		uw, uh = h, w
	}
	var p plan
	pw, ph := fit(uw, uh, PageWidth, PageMaxHeight)
	crop := coverCrop(uw, uh, ThumbWidth, ThumbHeight)
	tw, th := fit(crop.Dx(), crop.Dy(), ThumbWidth, ThumbHeight)
	if transposed(o) {
		pw, ph, tw, th = ph, pw, th, tw
		crop = coverCrop(w, h, ThumbHeight, ThumbWidth)
	}
	p.page = image.Pt(pw, ph)
	p.thumb = image.Pt(tw, th)
	p.thumbCrop = crop
	return p
}
