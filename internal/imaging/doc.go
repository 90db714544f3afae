// Package imaging turns the bytes of a fetched image into the two sizes
// storyline serves: a thumbnail for story cards and a page-width image
// for the article page, both JPEG.
//
// It is pure: Process reads only the bytes it is given and touches neither
// the network nor the file system. The type is sniffed from the bytes
// (JPEG, PNG, GIF and WebP are accepted) and the declared pixel dimensions
// are checked against Limits before anything is decoded, so a small file
// declaring a huge image is refused without allocating for it.
package imaging
