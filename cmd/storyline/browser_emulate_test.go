package main

import (
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// emulateMobile sets the viewport's mobile flag (touch-sized layout).
func emulateMobile(mobile bool) chromedp.EmulateViewportOption {
	return func(p *emulation.SetDeviceMetricsOverrideParams, _ *emulation.SetTouchEmulationEnabledParams) {
		p.Mobile = mobile
	}
}
