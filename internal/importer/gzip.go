package importer

import (
	"compress/gzip"
	"fmt"
	"io"
)

// gzipReader opens a gzip stream, naming the format in its error.
func gzipReader(r io.Reader) (*gzip.Reader, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	return zr, nil
}
