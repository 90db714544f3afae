package fetch

import (
	"context"
	"net/http/httptrace"
	"time"

	"golang.org/x/time/rate"
)

// ceilingSlack widens the gap between two requests to one host from
// 1/HostRateMax to ceilingSlack/HostRateMax, so that HostRateMax+1 of them
// span 1.05s: 50ms of jitter between leaving here and reaching the server
// cannot crowd more than HostRateMax into one second there. It costs 5% of
// the top rate.
const ceilingSlack = 1.05

// ceilingTrace returns a trace that holds every request of a GET (redirect
// hops and the transport's retries included) once it has its connection,
// until lim, the host's HostRateMax spacing, lets it go. Waiting after the
// dial and TLS handshake rather than before them keeps their varying
// length from bunching requests together on the way to the server; the
// wait is short, as the adaptive rate stays below HostRateMax. When ctx
// ends first the request goes on and fails with ctx's error.
func ceilingTrace(ctx context.Context, lim *rate.Limiter) *httptrace.ClientTrace {
	return &httptrace.ClientTrace{
		GotConn: func(httptrace.GotConnInfo) { pace(ctx, lim) },
	}
}

// pace waits for a token from lim, or until ctx ends.
func pace(ctx context.Context, lim *rate.Limiter) {
	r := lim.Reserve()
	d := r.Delay()
	if !r.OK() || d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
		r.Cancel()
	}
}
