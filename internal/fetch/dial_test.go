package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// resolveTo returns a LookupIP that answers every name with addrs.
func resolveTo(addrs ...string) func(context.Context, string) ([]netip.Addr, error) {
	return func(context.Context, string) ([]netip.Addr, error) {
		out := make([]netip.Addr, len(addrs))
		for i, a := range addrs {
			out[i] = netip.MustParseAddr(a)
		}
		return out, nil
	}
}

// recordDials replaces c's low-level dial with one that records the
// addresses and fails without touching the network.
func recordDials(c *Client) func() []string {
	var mu sync.Mutex
	var dials []string
	c.dialer.dial = func(ctx context.Context, network, address string) (net.Conn, error) {
		mu.Lock()
		defer mu.Unlock()
		dials = append(dials, network+" "+address)
		return nil, &net.OpError{Op: "dial", Net: network, Err: errors.New("test: no network")}
	}
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), dials...)
	}
}

func TestBlockedAddresses(t *testing.T) {
	t.Parallel()
	private := []string{
		"127.0.0.1", "10.0.0.1", "172.16.0.1", "192.168.1.1", "169.254.169.254",
		"100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1",
		"::1", "::", "fd00::1", "fe80::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::7f00:1",
	}
	for _, addr := range private {
		for _, viaDNS := range []bool{true, false} {
			name := addr + "/literal"
			if viaDNS {
				name = addr + "/dns"
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				o := Options{} // defaults: private addresses refused, robots honoured
				o.LookupIP = resolveTo(addr)
				c := newTestClient(t, o)
				dials := recordDials(c)
				u := "http://news.example.com/feed"
				if !viaDNS {
					u = "http://" + net.JoinHostPort(addr, "80") + "/feed"
				}
				_, err := c.Get(context.Background(), Request{URL: u})
				e := wantKind(t, err, KindBlocked)
				if e.URL != u {
					t.Errorf("Error.URL = %q, want %q", e.URL, u)
				}
				want := netip.MustParseAddr(addr).Unmap().String()
				if msg := err.Error(); !strings.Contains(msg, want) || !strings.Contains(msg, "private address") {
					t.Errorf("message %q does not name %s as private", msg, want)
				}
				if viaDNS && !strings.Contains(err.Error(), "news.example.com resolves to") {
					t.Errorf("message %q does not name the host", err)
				}
				if d := dials(); len(d) != 0 {
					t.Errorf("dialed %v", d)
				}
			})
		}
	}
}

func TestPublicAddressesDialed(t *testing.T) {
	t.Parallel()
	o := Options{IgnoreRobots: true}
	o.LookupIP = resolveTo("10.0.0.1", "93.184.215.14", "127.0.0.1", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "::ffff:93.184.215.15")
	c := newTestClient(t, o)
	dials := recordDials(c)
	_, err := c.Get(context.Background(), Request{URL: "http://news.example.com/feed"})
	wantKind(t, err, KindNetwork)
	want := []string{"tcp4 93.184.215.14:80", "tcp6 [2606:2800:21f:cb07:6820:80da:af6b:8b2c]:80", "tcp4 93.184.215.15:80"}
	if got := dials(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("dialed %v, want %v", got, want)
	}
}

func TestBlockedLiveServer(t *testing.T) {
	t.Parallel()
	var hits atomic.Int64
	srv := newServer(t, counted(&hits, func(w http.ResponseWriter, r *http.Request) {}))
	port := srv.Listener.Addr().(*net.TCPAddr).Port
	tests := []struct {
		name string
		url  string
		opts Options
	}{
		{"literal", srv.URL + "/feed", Options{}},
		{"literal-no-robots", srv.URL + "/feed", Options{IgnoreRobots: true}},
		{"public-name", fmt.Sprintf("http://news.example.com:%d/feed", port), Options{LookupIP: resolveTo("127.0.0.1")}},
		{"public-name-skip-robots", fmt.Sprintf("http://news.example.com:%d/feed", port), Options{IgnoreRobots: true, LookupIP: resolveTo("127.0.0.1")}},
		{"other-cidr-allowed", srv.URL + "/feed", Options{AllowCIDRs: []netip.Prefix{netip.MustParsePrefix("127.0.0.2/32")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := newTestClient(t, tt.opts)
			_, err := c.Get(context.Background(), Request{URL: tt.url})
			wantKind(t, err, KindBlocked)
		})
	}
	t.Cleanup(func() {
		if n := hits.Load(); n != 0 {
			t.Errorf("blocked server hit %d times", n)
		}
	})
}

func TestAllowedCIDRAndRedirectToPrivate(t *testing.T) {
	t.Parallel()
	var privateHits atomic.Int64
	private := newServer(t, counted(&privateHits, func(w http.ResponseWriter, r *http.Request) {}))
	var mux http.ServeMux
	mux.HandleFunc("/robots.txt", http.NotFound)
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") })
	mux.HandleFunc("/to-private", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, private.URL+"/secret", http.StatusFound)
	})
	public := newServerOn(t, "127.0.0.2:0", &mux)
	publicPort := public.Listener.Addr().(*net.TCPAddr).Port

	o := Options{
		AllowCIDRs: []netip.Prefix{netip.MustParsePrefix("127.0.0.2/32")},
		LookupIP:   resolveTo("127.0.0.2"),
		HostRate:   -1,
	}
	c := newTestClient(t, o)
	ctx := context.Background()

	// The allowed address really is dialed (tcp4 through the guard's Control).
	for _, u := range []string{public.URL + "/ok", fmt.Sprintf("http://public.example:%d/ok", publicPort)} {
		resp, err := c.Get(ctx, Request{URL: u})
		if err != nil {
			t.Fatal(err)
		}
		if string(resp.Body) != "ok" {
			t.Fatalf("%s: body %q", u, resp.Body)
		}
	}

	u := fmt.Sprintf("http://public.example:%d/to-private", publicPort)
	_, err := c.Get(ctx, Request{URL: u})
	e := wantKind(t, err, KindBlocked)
	if e.URL != u || !strings.Contains(err.Error(), "127.0.0.1 is a private address") {
		t.Errorf("error %q for %q", err, e.URL)
	}
	if n := privateHits.Load(); n != 0 {
		t.Errorf("private server hit %d times", n)
	}
}

func TestGuardControlRefusesConnectedAddress(t *testing.T) {
	t.Parallel()
	// The dial-time Control check refuses what is actually connected even
	// if the address filter were bypassed.
	c := newTestClient(t, Options{IgnoreRobots: true})
	conn, err := c.dialer.dial(context.Background(), "tcp4", "127.0.0.1:9")
	if conn != nil {
		conn.Close()
	}
	if err == nil || KindOf(classify(context.Background(), context.Background(), "x", err)) != KindBlocked {
		t.Errorf("dial 127.0.0.1 with the guard: %v, want a blocked error", err)
	}
}

func TestDNSFailure(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		lookup  func(context.Context, string) ([]netip.Addr, error)
		wantMsg string
	}{
		{"not-found", func(_ context.Context, host string) ([]netip.Addr, error) {
			return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
		}, "DNS lookup failed: no such host"},
		{"other-error", func(context.Context, string) ([]netip.Addr, error) {
			return nil, errors.New("resolver exploded")
		}, "DNS lookup failed: lookup nx.example: resolver exploded"},
		{"empty", func(context.Context, string) ([]netip.Addr, error) { return nil, nil }, "DNS lookup failed: no such host"},
	}
	for _, tt := range tests {
		for _, robots := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/robots=%v", tt.name, robots), func(t *testing.T) {
				t.Parallel()
				c := newTestClient(t, Options{LookupIP: tt.lookup, IgnoreRobots: !robots})
				u := "http://nx.example/feed"
				_, err := c.Get(context.Background(), Request{URL: u})
				wantKind(t, err, KindDNS)
				if want := "fetch " + u + ": " + tt.wantMsg; err.Error() != want {
					t.Errorf("message %q, want %q", err, want)
				}
			})
		}
	}
}

func TestConnectionRefused(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	c := newTestClient(t, testOptions())
	_, err = c.Get(context.Background(), Request{URL: "http://" + addr + "/"})
	wantKind(t, err, KindRefused)
	if !strings.HasSuffix(err.Error(), ": connection refused") {
		t.Errorf("message %q", err)
	}
}

func TestConnectionReset(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			buf := make([]byte, 1024)
			conn.Read(buf)
			conn.(*net.TCPConn).SetLinger(0) // close with RST
			conn.Close()
		}
	}()
	c := newTestClient(t, testOptions())
	_, err = c.Get(context.Background(), Request{URL: "http://" + l.Addr().String() + "/"})
	// Depending on timing the client sees a reset or an unexpected EOF.
	if k := KindOf(err); k != KindRefused && k != KindNetwork {
		t.Errorf("got %v (%v), want refused or network", k, err)
	}
}

func TestTLSError(t *testing.T) {
	t.Parallel()
	tlsSrv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0)
	tlsSrv.StartTLS()
	t.Cleanup(tlsSrv.Close)
	plain := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))

	tests := []struct{ name, url string }{
		{"untrusted", tlsSrv.URL + "/"},
		{"https-to-http", strings.Replace(plain.URL, "http://", "https://", 1) + "/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := newTestClient(t, testOptions())
			_, err := c.Get(context.Background(), Request{URL: tt.url})
			wantKind(t, err, KindTLS)
			if !strings.Contains(err.Error(), "TLS error") {
				t.Errorf("message %q", err)
			}
		})
	}
}

func TestAllowCIDRsNormalised(t *testing.T) {
	t.Parallel()
	d := newDialer(Options{AllowCIDRs: []netip.Prefix{
		netip.MustParsePrefix("::ffff:127.0.0.2/128"),
		netip.MustParsePrefix("10.1.2.3/16"), // not masked
		netip.MustParsePrefix("fd00::/8"),
		{}, // invalid, ignored
	}})
	for addr, want := range map[string]bool{
		"127.0.0.2": true, "127.0.0.1": false, "10.1.9.9": true, "10.2.0.1": false,
		"fd12::1": true, "fe80::1": false,
	} {
		if got := d.guard.SafeAddr(netip.MustParseAddr(addr)) == nil; got != want {
			t.Errorf("%s allowed = %v, want %v", addr, got, want)
		}
	}
}
