package imaging

import (
	"encoding/binary"
	"testing"
)

func TestJPEGOrientation(t *testing.T) {
	jpg := jpegOf(t, photo(8, 8))
	good := withOrientation(jpg, 6, binary.BigEndian)
	tests := []struct {
		name string
		data []byte
		want int
	}{
		{"none", jpg, 1},
		{"big-endian 6", good, 6},
		{"little-endian 8", withOrientation(jpg, 8, binary.LittleEndian), 8},
		{"out of range", withOrientation(jpg, 0, binary.BigEndian), 1},
		{"cut in the segment", good[:20], 1},
		{"not a JPEG", []byte("GIF89a"), 1},
		{"bad byte order", append(append([]byte{}, good[:12]...), append([]byte("XX"), good[14:]...)...), 1},
		{"IFD offset past the end", patched(good, 16, 0xff), 1},
		{"entry count past the end", patched(patched(good, 20, 0x7f), 22, 0), 1},
	}
	for _, tt := range tests {
		if got := jpegOrientation(tt.data); got != tt.want {
			t.Errorf("%s: orientation %d, want %d", tt.name, got, tt.want)
		}
	}
}

// patched returns a copy of b with b[i] set to v.
func patched(b []byte, i int, v byte) []byte {
	c := append([]byte{}, b...)
	c[i] = v
	return c
}
