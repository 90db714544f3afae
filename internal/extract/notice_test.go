package extract

import "testing"

// TestNoticeLines: every kind of notice noticeRE knows is still found
// through the word check that runs first, in any case.
func TestNoticeLines(t *testing.T) {
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"© 2026 Valley Gazette", true},
		{"(C) 2026 Valley Gazette", true},
		{"COPYRIGHT Valley Gazette Ltd", true},
		{"Valley Gazette. All Rights Reserved.", true},
		{"Todos os direitos reservados.", true},
		{"Todos los derechos reservados.", true},
		{"Tous droits réservés.", true},
		{"For personal, non-commercial use only.", true},
		{"The council approved the plans on Tuesday.", false},
		{"Residents asked for their rights to be respected.", false},
	} {
		if got := isNoticeLine(tt.line); got != tt.want {
			t.Errorf("isNoticeLine(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}
