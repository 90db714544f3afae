package storetest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// testImages covers the articles' lead images (storyline.ImageStore).
func testImages(t *testing.T, open Opener) {
	t.Run("SaveAndRead", func(t *testing.T) { testImageSaveAndRead(t, newStore(t, open)) })
	t.Run("Replace", func(t *testing.T) { testImageReplace(t, newStore(t, open)) })
	t.Run("Pending", func(t *testing.T) { testImagesPending(t, newStore(t, open)) })
	t.Run("Copies", func(t *testing.T) { testImageCopies(t, newStore(t, open)) })
	t.Run("Stories", func(t *testing.T) { testStoryImages(t, newStore(t, open)) })
	t.Run("Prune", func(t *testing.T) { testImagesPrune(t, newStore(t, open)) })
	t.Run("Invalid", func(t *testing.T) { testImagesInvalid(t, newStore(t, open)) })
}

// keptImage returns a kept image of article id fetched from url, its
// renditions made of seed.
func keptImage(id int64, url, seed string) *storyline.ArticleImage {
	return &storyline.ArticleImage{
		ArticleID: id, SourceURL: url,
		// Bytes of every value, NUL included, as JPEGs have.
		Thumb:      append([]byte("\xff\xd8thumb\x00"+seed), 0xff, 0xd9),
		Page:       append([]byte("\xff\xd8page\x00\x01"+seed+seed), 0xff, 0xd9),
		ThumbWidth: 320, ThumbHeight: 180, PageWidth: 960, PageHeight: 640,
		FetchedAt: day().Add(time.Hour),
	}
}

// failedImage returns the record of an image of article id that could not
// be kept.
func failedImage(id int64, url string) *storyline.ArticleImage {
	return &storyline.ArticleImage{ArticleID: id, SourceURL: url, FetchedAt: day(), Err: "fetch: 404 Not Found"}
}

// saveImage saves img and fails the test on error.
func saveImage(t *testing.T, s storyline.Store, img *storyline.ArticleImage) {
	t.Helper()
	if err := s.SaveImage(ctx(t), img); err != nil {
		t.Fatalf("SaveImage(article %d): %v", img.ArticleID, err)
	}
}

// refOf is the reference to kept image img.
func refOf(img *storyline.ArticleImage) storyline.ImageRef {
	return storyline.ImageRef{ArticleID: img.ArticleID, Hash: img.Hash,
		ThumbWidth: img.ThumbWidth, ThumbHeight: img.ThumbHeight, PageWidth: img.PageWidth, PageHeight: img.PageHeight}
}

// wantImage fails the test unless article id's kept image is img, in
// both renditions.
func wantImage(t *testing.T, s storyline.Store, what string, id int64, img *storyline.ArticleImage) {
	t.Helper()
	for size, data := range map[storyline.ImageSize][]byte{storyline.ImageThumb: img.Thumb, storyline.ImagePage: img.Page} {
		got, err := s.Image(ctx(t), id, size)
		if err != nil {
			t.Errorf("%s: Image(%d, %s): %v", what, id, size, err)
			continue
		}
		if got.ArticleID != id || got.Size != size || got.Hash != img.Hash || !bytes.Equal(got.Data, data) || !got.FetchedAt.Equal(img.FetchedAt) {
			t.Errorf("%s: Image(%d, %s) = article %d, %s, hash %q, %d bytes, fetched %v; want article %d, %s, hash %q, %q, fetched %v",
				what, id, size, got.ArticleID, got.Size, got.Hash, len(got.Data), got.FetchedAt, id, size, img.Hash, data, img.FetchedAt)
		}
	}
}

// wantNoImage fails the test unless article id has no kept image.
func wantNoImage(t *testing.T, s storyline.Store, what string, id int64) {
	t.Helper()
	for _, size := range []storyline.ImageSize{storyline.ImageThumb, storyline.ImagePage} {
		got, err := s.Image(ctx(t), id, size)
		wantCode(t, fmt.Sprintf("%s: Image(%d, %s) = %+v", what, id, size, got), err, storyline.ENOTFOUND)
	}
}

// wantRefs fails the test unless get(ids) returns want.
func wantRefs(t *testing.T, what string, get func(ids []int64) (map[int64]storyline.ImageRef, error), ids []int64, want map[int64]storyline.ImageRef) {
	t.Helper()
	got, err := get(ids)
	if err != nil || !maps.Equal(got, want) {
		t.Errorf("%s(%v) = %+v, %v; want %+v", what, ids, got, err, want)
	}
}

// articleImages is ArticleImages of ids, for wantRefs.
func articleImages(t *testing.T, s storyline.Store) func([]int64) (map[int64]storyline.ImageRef, error) {
	return func(ids []int64) (map[int64]storyline.ImageRef, error) { return s.ArticleImages(ctx(t), ids) }
}

// storyImages is StoryImages of ids, for wantRefs.
func storyImages(t *testing.T, s storyline.Store) func([]int64) (map[int64]storyline.ImageRef, error) {
	return func(ids []int64) (map[int64]storyline.ImageRef, error) { return s.StoryImages(ctx(t), ids) }
}

// pending returns PendingImages(limit) and fails the test on error.
func pending(t *testing.T, s storyline.Store, limit int) []storyline.ImageTask {
	t.Helper()
	list, err := s.PendingImages(ctx(t), limit)
	if err != nil {
		t.Fatalf("PendingImages(%d): %v", limit, err)
	}
	return list
}

// wantPending fails the test unless PendingImages(limit) is want.
func wantPending(t *testing.T, s storyline.Store, what string, limit int, want ...storyline.ImageTask) {
	t.Helper()
	if got := pending(t, s, limit); !slices.Equal(got, want) {
		t.Errorf("%s: PendingImages(%d) = %+v, want %+v", what, limit, got, want)
	}
}

// saveCopy saves a syndicated copy of a under url, by source, and
// returns it and its ID.
func saveCopy(t *testing.T, s storyline.Store, a *storyline.Article, url, source string) (*storyline.Article, int64) {
	t.Helper()
	c := withURL(a, url)
	c.Source = source
	return c, saveAs(t, s, c, storyline.Copied).ID
}

// task is the pending image of article a saved as id.
func task(id int64, a *storyline.Article) storyline.ImageTask {
	return storyline.ImageTask{ArticleID: id, URL: a.ImageURL}
}

func testImageSaveAndRead(t *testing.T, s storyline.Store) {
	a := article("https://news.example/harbour", "Example News", "Harbour", textHarbour)
	id := save(t, s, a).ID
	img := keptImage(id, a.ImageURL, "harbour")
	saveImage(t, s, img)
	sum := sha256.Sum256(append(append([]byte(nil), img.Thumb...), img.Page...))
	if want := hex.EncodeToString(sum[:])[:16]; img.Hash != want {
		t.Errorf("SaveImage set Hash %q, want %q (sha256 of thumb and page, 16 hex)", img.Hash, want)
	}
	wantImage(t, s, "saved", id, img)
	wantRefs(t, "ArticleImages", articleImages(t, s), []int64{id, id + 1000}, map[int64]storyline.ImageRef{id: refOf(img)})
	wantRefs(t, "ArticleImages", articleImages(t, s), nil, map[int64]storyline.ImageRef{})
	wantPending(t, s, "image kept", 10)

	// A hash given is kept; a fetch time not given is now.
	b := article("https://news.example/vote", "Example News", "Vote", textElection)
	bid := save(t, s, b).ID
	given := keptImage(bid, b.ImageURL, "vote")
	given.Hash, given.FetchedAt = "0123456789abcdef", time.Time{}
	before := time.Now()
	saveImage(t, s, given)
	if given.Hash != "0123456789abcdef" {
		t.Errorf("SaveImage changed the hash given to %q", given.Hash)
	}
	if given.FetchedAt.Before(before.Add(-time.Second)) || given.FetchedAt.After(time.Now().Add(time.Second)) {
		t.Errorf("SaveImage set FetchedAt %v, want now (%v)", given.FetchedAt, before)
	}
	wantImage(t, s, "hash given", bid, given)
}

func testImageReplace(t *testing.T, s storyline.Store) {
	a := article("https://news.example/harbour", "Example News", "Harbour", textHarbour)
	id := save(t, s, a).ID
	first := keptImage(id, a.ImageURL, "first")
	saveImage(t, s, first)
	second := keptImage(id, a.ImageURL, "second")
	second.ThumbWidth, second.PageWidth, second.FetchedAt = 300, 900, day().Add(2*time.Hour)
	saveImage(t, s, second)
	if second.Hash == first.Hash {
		t.Errorf("two renditions have one hash %q", first.Hash)
	}
	wantImage(t, s, "saved again", id, second)
	wantRefs(t, "ArticleImages", articleImages(t, s), []int64{id}, map[int64]storyline.ImageRef{id: refOf(second)})

	// A failure recorded replaces the kept image, and stops the fetching.
	saveImage(t, s, failedImage(id, a.ImageURL))
	wantNoImage(t, s, "failed", id)
	wantRefs(t, "ArticleImages", articleImages(t, s), []int64{id}, map[int64]storyline.ImageRef{})
	wantPending(t, s, "failed", 10)

	// And a kept image the failure.
	saveImage(t, s, first)
	wantImage(t, s, "kept after failing", id, first)
}

func testImagesPending(t *testing.T, s storyline.Store) {
	older := article("https://news.example/harbour", "Example News", "Harbour", textHarbour)
	olderID := save(t, s, older).ID
	noImage := article("https://news.example/vote", "Example News", "Vote", textElection)
	noImage.ImageURL = ""
	save(t, s, noImage)
	saveCopy(t, s, older, "https://paper.example/harbour", "Paper")
	newer := article("https://news.example/floods", "Example News", "Floods", textFloods)
	newerID := save(t, s, newer).ID

	wantPending(t, s, "newest first, no copies, none without an image", 10, task(newerID, newer), task(olderID, older))
	wantPending(t, s, "limited", 1, task(newerID, newer))
	if _, err := s.PendingImages(ctx(t), 0); storyline.ErrorCode(err) != storyline.EINVALID {
		t.Errorf("PendingImages(0) = %v, want EINVALID", err)
	}

	olderImage := keptImage(olderID, older.ImageURL, "harbour")
	saveImage(t, s, olderImage)
	saveImage(t, s, failedImage(newerID, newer.ImageURL))
	wantPending(t, s, "kept and failed", 10)

	// A new image URL is fetched again; the image of the old one stays
	// until then.
	for _, a := range []*storyline.Article{older, newer} {
		a.ImageURL = "https://img.example/" + a.Title + "-2.jpg"
		saveAs(t, s, a, storyline.Updated)
	}
	wantPending(t, s, "image URLs changed", 10, task(newerID, newer), task(olderID, older))
	wantRefs(t, "ArticleImages", articleImages(t, s), []int64{olderID}, map[int64]storyline.ImageRef{olderID: refOf(olderImage)})
}

func testImageCopies(t *testing.T, s storyline.Store) {
	orig := article("https://wire.example/floods", "Wire", "Floods", textFloods)
	origID := save(t, s, orig).ID
	_, copyID := saveCopy(t, s, orig, "https://paper.example/floods", "Paper")
	bare := save(t, s, article("https://wire.example/vote", "Wire", "Vote", textElection)).ID
	img := keptImage(origID, orig.ImageURL, "floods")
	saveImage(t, s, img)

	wantRefs(t, "ArticleImages", articleImages(t, s), []int64{origID, copyID, bare, 99999},
		map[int64]storyline.ImageRef{origID: refOf(img), copyID: refOf(img)})
	wantNoImage(t, s, "a copy, whose image is its canonical article's", copyID)
}

func testStoryImages(t *testing.T, s storyline.Store) {
	n := 0
	// report saves a canonical article published at hour (-1: undated),
	// with copies copies, in story story, with a kept image when kept.
	images := map[int64]*storyline.ArticleImage{}
	report := func(story int64, hour, copies int, kept bool) int64 {
		t.Helper()
		n++
		key := fmt.Sprintf("report-%d", n)
		a := article("https://wire.example/"+key, "Wire", key, textHarbour+" "+key)
		a.Published = day().Add(time.Duration(hour) * time.Hour)
		if hour < 0 {
			a.Published = time.Time{}
		}
		id := save(t, s, a).ID
		putInStory(t, s, story, id)
		for i := range copies {
			c, cid := saveCopy(t, s, a, fmt.Sprintf("https://paper%d.example/%s", i, key), fmt.Sprintf("Paper %d", i))
			if i == 0 {
				putInStory(t, s, story, cid) // a copy in the story is no candidate
				saveImage(t, s, keptImage(cid, c.ImageURL, key+" copy"))
			}
		}
		if kept {
			images[id] = keptImage(id, a.ImageURL, key)
			saveImage(t, s, images[id])
		} else {
			saveImage(t, s, failedImage(id, a.ImageURL))
		}
		return id
	}
	ref := func(id int64) storyline.ImageRef { return refOf(images[id]) }

	report(10, 0, 0, true)
	mostCopied := report(10, 2, 2, true)
	report(10, 1, 1, true)
	report(10, -1, 3, false) // the most copies, but no kept image

	report(20, 3, 0, true)
	earliest := report(20, 1, 0, true)
	report(20, -1, 0, true) // undated: after the dated

	lowest := report(30, 1, 1, true)
	report(30, 1, 1, true)

	undated := report(40, -1, 0, true)

	report(50, 0, 2, false)

	report(60, 0, 0, true)
	if err := s.MergeStories(ctx(t), 10, []int64{60}); err != nil {
		t.Fatalf("MergeStories: %v", err)
	}

	wantRefs(t, "StoryImages", storyImages(t, s), []int64{10, 20, 30, 40, 50, 60, 999}, map[int64]storyline.ImageRef{
		10: ref(mostCopied), 20: ref(earliest), 30: ref(lowest), 40: ref(undated), 60: ref(mostCopied),
	})
	wantRefs(t, "StoryImages", storyImages(t, s), nil, map[int64]storyline.ImageRef{})
}

func testImagesPrune(t *testing.T, s storyline.Store) {
	old := article("https://old.example/harbour", "Old Paper", "Harbour", textHarbour)
	oldID := save(t, s, old).ID
	cp, copyID := saveCopy(t, s, old, "https://other.example/harbour", "Other")
	fresh := article("https://new.example/floods", "New Paper", "Floods", textFloods)
	freshID := save(t, s, fresh).ID
	cut := get(t, s, freshID).CreatedAt
	if at := get(t, s, copyID).CreatedAt; !at.Before(cut) {
		t.Fatalf("article %d stored at %v, not before the cut %v: the store's clock did not advance", copyID, at, cut)
	}
	saveImage(t, s, keptImage(oldID, old.ImageURL, "old"))
	saveImage(t, s, keptImage(copyID, cp.ImageURL, "copy")) // as when it was canonical
	kept := keptImage(freshID, fresh.ImageURL, "fresh")
	saveImage(t, s, kept)

	p, err := s.Prune(ctx(t), cut, 10)
	if err != nil || p.Articles != 2 {
		t.Fatalf("Prune = %+v, %v; want the old article and its copy deleted", p, err)
	}
	wantNoImage(t, s, "article pruned", oldID)
	wantNoImage(t, s, "copy pruned", copyID)
	wantImage(t, s, "article kept", freshID, kept)
	wantRefs(t, "ArticleImages", articleImages(t, s), []int64{oldID, copyID, freshID}, map[int64]storyline.ImageRef{freshID: refOf(kept)})
	// The IDs are not taken again by new articles in every store, so
	// saving an image of a pruned article must fail, not land on a row
	// left behind.
	if err := s.SaveImage(ctx(t), keptImage(oldID, old.ImageURL, "old")); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("SaveImage(pruned article) = %v, want ENOTFOUND", err)
	}
}

func testImagesInvalid(t *testing.T, s storyline.Store) {
	a := article("https://news.example/harbour", "Example News", "Harbour", textHarbour)
	id := save(t, s, a).ID
	for _, c := range []struct {
		name string
		img  *storyline.ArticleImage
		code string
	}{
		{"no image", nil, storyline.EINVALID},
		{"no article", keptImage(0, a.ImageURL, "x"), storyline.EINVALID},
		{"negative article", keptImage(-1, a.ImageURL, "x"), storyline.EINVALID},
		{"neither renditions nor error", &storyline.ArticleImage{ArticleID: id, SourceURL: a.ImageURL}, storyline.EINVALID},
		{"one rendition", &storyline.ArticleImage{ArticleID: id, SourceURL: a.ImageURL, Thumb: []byte("x")}, storyline.EINVALID},
		{"negative size", func() *storyline.ArticleImage { i := keptImage(id, a.ImageURL, "x"); i.PageHeight = -1; return i }(), storyline.EINVALID},
		{"unknown article", keptImage(id+1000, a.ImageURL, "x"), storyline.ENOTFOUND},
		{"failure of an unknown article", failedImage(id+1000, a.ImageURL), storyline.ENOTFOUND},
	} {
		wantCode(t, "SaveImage("+c.name+")", s.SaveImage(ctx(t), c.img), c.code)
	}
	wantNoImage(t, s, "nothing saved", id)
	wantPending(t, s, "nothing saved", 10, task(id, a))

	_, err := s.Image(ctx(t), id, "huge")
	wantCode(t, "Image(unknown size)", err, storyline.EINVALID)
	wantNoImage(t, s, "unknown article", id+1000)
}
