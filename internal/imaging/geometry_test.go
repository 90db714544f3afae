package imaging

import (
	"image"
	"testing"
)

func TestFit(t *testing.T) {
	tests := []struct{ w, h, maxW, maxH, wantW, wantH int }{
		{2000, 1333, 960, 2400, 960, 640},
		{960, 540, 960, 2400, 960, 540},
		{500, 300, 960, 2400, 500, 300}, // smaller: kept
		{1, 1, 960, 2400, 1, 1},         // tiny: kept
		{100000, 1, 960, 2400, 960, 1},  // a line stays one pixel high
		{1, 100000, 960, 2400, 1, 2400}, // a column stays one pixel wide
		{500, 10000, 960, 2400, 120, 2400},
	}
	for _, tt := range tests {
		if w, h := fit(tt.w, tt.h, tt.maxW, tt.maxH); w != tt.wantW || h != tt.wantH {
			t.Errorf("fit(%d×%d in %d×%d) = %d×%d, want %d×%d", tt.w, tt.h, tt.maxW, tt.maxH, w, h, tt.wantW, tt.wantH)
		}
	}
}

func TestCoverCrop(t *testing.T) {
	tests := []struct {
		w, h int
		want image.Rectangle
	}{
		{1600, 900, image.Rect(0, 0, 1600, 900)},
		{2000, 1333, image.Rect(0, 104, 2000, 1229)},
		{4000, 100, image.Rect(1911, 0, 2089, 100)},
		{100, 4000, image.Rect(0, 1972, 100, 2028)},
		{1, 1, image.Rect(0, 0, 1, 1)},
		{1, 500, image.Rect(0, 249, 1, 250)},
	}
	for _, tt := range tests {
		if got := coverCrop(tt.w, tt.h, 16, 9); got != tt.want {
			t.Errorf("coverCrop(%d×%d) = %v, want %v", tt.w, tt.h, got, tt.want)
		}
	}
}
