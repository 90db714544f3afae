package web

import (
	"bytes"
	"fmt"
	"io"
	"sync"
	"sync/atomic"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// Compression levels. Responses compressed as they are written cost every
// request, so they use gzip's fast level; bodies compressed once and
// served many times (cached pages, static files) use gzip's default
// level.
const (
	gzipStreamLevel = 2
	gzipOnceLevel   = gzip.DefaultCompression
	// zstdWindow bounds a zstd encoder's memory and stays far below the
	// 8 MiB window browsers accept (RFC 8878, section 3).
	zstdWindow = 1 << 20
)

// streamEncoder is a compressor writing to a response as it is written.
type streamEncoder interface {
	io.WriteCloser
	Flush() error
	Reset(w io.Writer)
}

// codecs holds the compressors, pooled: a gzip or zstd encoder costs
// hundreds of kilobytes to set up, and responses need one each for a few
// milliseconds.
type codecs struct {
	gzips    sync.Pool     // *gzip.Writer at gzipStreamLevel
	zstds    sync.Pool     // *zstd.Encoder, one goroutine each
	zstdOnce *zstd.Encoder // EncodeAll, safe for concurrent use
	gzipOnce sync.Pool     // *gzip.Writer at gzipOnceLevel
	// compressions counts the bodies compressed, streamed or whole, so
	// that tests can tell a body compressed again from one reused.
	compressions atomic.Int64
}

// newCodecs returns empty pools of compressors.
func newCodecs() (*codecs, error) {
	zo, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedDefault), zstd.WithWindowSize(zstdWindow),
		zstd.WithEncoderConcurrency(2))
	if err != nil {
		return nil, fmt.Errorf("zstd encoder: %w", err)
	}
	return &codecs{zstdOnce: zo}, nil
}

// stream returns an encoder of coding c writing to w; put it back with
// release once closed.
func (z *codecs) stream(c coding, w io.Writer) streamEncoder {
	z.compressions.Add(1)
	if c == codingZstd {
		if e, ok := z.zstds.Get().(*zstd.Encoder); ok {
			e.Reset(w)
			return e
		}
		// The options are valid: NewWriter fails on bad options only.
		e, _ := zstd.NewWriter(w, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithWindowSize(zstdWindow/4),
			zstd.WithEncoderConcurrency(1), zstd.WithLowerEncoderMem(true))
		return e
	}
	if g, ok := z.gzips.Get().(*gzip.Writer); ok {
		g.Reset(w)
		return g
	}
	g, _ := gzip.NewWriterLevel(w, gzipStreamLevel)
	return g
}

// release returns a closed encoder to its pool.
func (z *codecs) release(e streamEncoder) {
	e.Reset(io.Discard) // drop the response writer
	switch e := e.(type) {
	case *zstd.Encoder:
		z.zstds.Put(e)
	case *gzip.Writer:
		z.gzips.Put(e)
	}
}

// encode returns b compressed with c at the level for bodies served many
// times, or nil when that saves nothing.
func (z *codecs) encode(c coding, b []byte) []byte {
	z.compressions.Add(1)
	var out []byte
	switch c {
	case codingZstd:
		out = z.zstdOnce.EncodeAll(b, make([]byte, 0, len(b)/3))
	case codingGzip:
		g, ok := z.gzipOnce.Get().(*gzip.Writer)
		if !ok {
			g, _ = gzip.NewWriterLevel(nil, gzipOnceLevel)
		}
		var buf bytes.Buffer
		buf.Grow(len(b) / 3)
		g.Reset(&buf)
		_, _ = g.Write(b) // a bytes.Buffer does not fail
		_ = g.Close()
		g.Reset(io.Discard)
		z.gzipOnce.Put(g)
		out = buf.Bytes()
	default:
		return nil
	}
	if len(out) >= len(b) {
		return nil
	}
	return out
}
