package storeutil

import (
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/storyline/storyline"
)

// ImageHash returns the hash of an image's renditions that its URLs
// carry: the first 16 hex characters of SHA-256 over thumb then page.
func ImageHash(thumb, page []byte) string {
	h := sha256.New()
	h.Write(thumb)
	h.Write(page)
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// ImageRow checks what SaveImage requires of img and returns the row to
// store: an article ID, and either both renditions (a kept image) or Err
// (a failed one, stored without renditions, sizes or hash whatever img
// holds), and a fetch time within TimeBounds. It sets img.Hash (of a
// kept image) and img.FetchedAt (to now) when they are empty, as
// SaveImage promises.
func ImageRow(img *storyline.ArticleImage, now time.Time) (storyline.ArticleImage, error) {
	switch {
	case img == nil:
		return storyline.ArticleImage{}, storyline.Errorf(storyline.EINVALID, "no image to save")
	case img.ArticleID <= 0:
		return storyline.ArticleImage{}, storyline.Errorf(storyline.EINVALID, "save image: no article (ID %d)", img.ArticleID)
	case img.Err == "" && len(img.Thumb) == 0 && len(img.Page) == 0:
		return storyline.ArticleImage{}, storyline.Errorf(storyline.EINVALID, "image of article %d has neither renditions nor an error", img.ArticleID)
	case img.Err == "" && (len(img.Thumb) == 0 || len(img.Page) == 0):
		return storyline.ArticleImage{}, storyline.Errorf(storyline.EINVALID, "image of article %d lacks a rendition: a kept image has both", img.ArticleID)
	case img.ThumbWidth < 0 || img.ThumbHeight < 0 || img.PageWidth < 0 || img.PageHeight < 0:
		return storyline.ArticleImage{}, storyline.Errorf(storyline.EINVALID, "image of article %d has a negative size", img.ArticleID)
	case !InTimeRange(img.FetchedAt):
		return storyline.ArticleImage{}, storyline.Errorf(storyline.EINVALID, "image of article %d: fetch time %s is out of range", img.ArticleID, img.FetchedAt)
	}
	if img.FetchedAt.IsZero() {
		img.FetchedAt = now
	}
	if img.Err != "" {
		return storyline.ArticleImage{ArticleID: img.ArticleID, SourceURL: img.SourceURL, FetchedAt: img.FetchedAt, Err: img.Err}, nil
	}
	if img.Hash == "" {
		img.Hash = ImageHash(img.Thumb, img.Page)
	}
	return *img, nil
}

// CheckImageSize returns EINVALID for a size that is not one of the
// renditions.
func CheckImageSize(size storyline.ImageSize) error {
	if size != storyline.ImageThumb && size != storyline.ImagePage {
		return storyline.Errorf(storyline.EINVALID, "no image size %q", size)
	}
	return nil
}

// ImageNotFound is the ENOTFOUND error of an article without a kept
// image.
func ImageNotFound(articleID int64) error {
	return storyline.Errorf(storyline.ENOTFOUND, "article %d has no image", articleID)
}

// ArticleNotFound is the ENOTFOUND error of an unknown article ID.
func ArticleNotFound(id int64) error {
	return storyline.Errorf(storyline.ENOTFOUND, "article %d not found", id)
}
