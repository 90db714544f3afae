package web

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"sync"

	"github.com/klauspost/compress/flate"
)

// A gzip body can be stitched together from pieces compressed at
// different times: each piece is raw DEFLATE blocks that are not final
// and end on a byte boundary (a sync flush, RFC 1951 section 3.2.4), and
// a piece made per request is sent as stored blocks, which cost nothing
// to make. A shared page's fixed parts are compressed once, when it is
// rendered; a reader's own bits between them are stored as they are.

// minSegment is the shortest fixed part compressed: a shorter one (the
// markup between two of a list item's holes) gains less than its
// compressor costs to start, and is sent stored.
const minSegment = 200

// storedOverhead is what a stored block adds to its bytes.
const storedOverhead = 5

// segmentLevel is the compression level of a shared page's fixed parts,
// compressed once and sent many times.
const segmentLevel = 6

// deflater compresses the fixed parts of shared pages, each on its own
// (no back-references between them: readers' bits go in between).
type deflater struct {
	pool sync.Pool // *flate.Writer at segmentLevel
}

// segment returns b compressed as raw DEFLATE blocks that are not final
// and end byte-aligned.
func (d *deflater) segment(b []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(b)/3 + 16)
	fw, ok := d.pool.Get().(*flate.Writer)
	if ok {
		fw.Reset(&out)
	} else {
		fw, _ = flate.NewWriter(&out, segmentLevel) // the level is valid
	}
	_, _ = fw.Write(b) // a bytes.Buffer does not fail
	_ = fw.Flush()     // the sync flush: byte-aligned, not final
	d.pool.Put(fw)
	return out.Bytes()
}

// gzipHeader is a gzip member's header: no name, no time, unknown OS.
var gzipHeader = [10]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}

// gzipStitcher builds one gzip member from compressed segments and
// stored pieces.
type gzipStitcher struct {
	out  []byte
	crc  uint32
	size uint32
}

// newGzipStitcher starts a member in buf (reused, may be nil).
func newGzipStitcher(buf []byte) *gzipStitcher {
	return &gzipStitcher{out: append(buf[:0], gzipHeader[:]...)}
}

// segment adds plain, whose compressed form (see deflater.segment) is z.
func (g *gzipStitcher) segment(plain, z []byte) {
	g.out = append(g.out, z...)
	g.sum(plain)
}

// stored adds plain as stored blocks of at most 65,535 bytes.
func (g *gzipStitcher) stored(plain []byte) {
	g.sum(plain)
	for len(plain) > 0 {
		n := min(len(plain), 0xffff)
		g.out = append(g.out, 0) // not final, stored; already byte-aligned
		g.out = binary.LittleEndian.AppendUint16(g.out, uint16(n))
		g.out = binary.LittleEndian.AppendUint16(g.out, ^uint16(n))
		g.out = append(g.out, plain[:n]...)
		plain = plain[n:]
	}
}

// sum counts plain into the member's checksum and size.
func (g *gzipStitcher) sum(plain []byte) {
	g.crc = crc32.Update(g.crc, crc32.IEEETable, plain)
	g.size += uint32(len(plain))
}

// finish ends the member (an empty final block, the checksum and the
// size) and returns it.
func (g *gzipStitcher) finish() []byte {
	g.out = append(g.out, 0x03, 0x00) // final, fixed Huffman, end of block
	g.out = binary.LittleEndian.AppendUint32(g.out, g.crc)
	g.out = binary.LittleEndian.AppendUint32(g.out, g.size)
	return g.out
}
