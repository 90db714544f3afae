package storyline

import (
	"context"
	"time"
)

// ImageSize names one of the renditions Storyline keeps of a lead image.
type ImageSize string

// The renditions of a lead image, both JPEG.
const (
	// ImageThumb is the thumbnail of story cards and lists: the centre
	// cropped to 16:9, at most 320×180 px.
	ImageThumb ImageSize = "thumb"
	// ImagePage is the image of the article page: the whole image fitted
	// within 960 px wide.
	ImagePage ImageSize = "page"
)

// ArticleImage is an article's lead image as Storyline keeps it: fetched
// once from SourceURL through the guarded fetcher and scaled to a
// thumbnail and a page-width JPEG, both kept in the store so that every
// process of an install serves them. An image that could not be kept is
// recorded too, with Err saying why and no renditions, so it is not
// fetched again while the article's image URL stays the same.
type ArticleImage struct {
	ArticleID int64
	SourceURL string // the URL it was fetched from: the article's ImageURL then
	Thumb     []byte // JPEG; nil when Err is set
	Page      []byte // JPEG; nil when Err is set
	// ThumbWidth and the other sizes are the renditions' sizes in pixels.
	ThumbWidth, ThumbHeight int
	PageWidth, PageHeight   int
	// Hash identifies the renditions (hex, 16 characters): image URLs carry
	// it, so they may be cached for ever. Set by SaveImage when empty.
	Hash      string
	FetchedAt time.Time
	Err       string // why the image could not be kept; "" when it was
}

// ImageRef is what a page needs to show an article's kept image: the
// article that holds it, the hash its URLs carry and the renditions'
// sizes.
type ImageRef struct {
	ArticleID               int64
	Hash                    string
	ThumbWidth, ThumbHeight int
	PageWidth, PageHeight   int
}

// ImageTask is an article whose lead image is still to be fetched.
type ImageTask struct {
	ArticleID int64
	URL       string // the article's ImageURL
}

// ImageData is one rendition of a kept image.
type ImageData struct {
	ArticleID int64
	Size      ImageSize
	Hash      string
	Data      []byte // JPEG
	FetchedAt time.Time
}

// ImageStore keeps the articles' lead images. Images go with their
// article (retention deletes them with it) and are part of backups.
type ImageStore interface {
	// PendingImages returns up to limit canonical articles (not copies)
	// that have an image URL but no image recorded for that URL, kept or
	// failed: the newest (most recently stored) first. A limit below 1
	// is EINVALID.
	PendingImages(ctx context.Context, limit int) ([]ImageTask, error)
	// SaveImage records img, replacing what was recorded for its article,
	// and sets img.Hash (of a kept image) and img.FetchedAt (to now) when
	// they are empty. ENOTFOUND when the article is gone; EINVALID when
	// img has neither renditions nor Err, or only one rendition. A failed
	// image (Err set) is recorded without renditions.
	SaveImage(ctx context.Context, img *ArticleImage) error
	// Image returns one rendition of an article's kept image, ENOTFOUND
	// when it has none (a copy has none of its own: ArticleImages gives
	// the article that holds its image), EINVALID for an unknown size.
	Image(ctx context.Context, articleID int64, size ImageSize) (*ImageData, error)
	// ArticleImages returns the kept images of the given articles, by
	// article ID; an article without one is absent. A syndicated copy
	// shows its canonical article's image.
	ArticleImages(ctx context.Context, articleIDs []int64) (map[int64]ImageRef, error)
	// StoryImages returns, by story ID, the kept image of each given
	// story's most covered report: of its canonical articles with a kept
	// image, the one with the most syndicated copies, then the earliest
	// published, then the lowest ID. A story without one is absent.
	StoryImages(ctx context.Context, storyIDs []int64) (map[int64]ImageRef, error)
}
