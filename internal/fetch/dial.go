package fetch

import (
	"context"
	"net"
	"net/netip"
	"strconv"

	"code.dny.dev/ssrf"
)

// dialer resolves and connects, refusing private addresses unless allowed.
type dialer struct {
	lookup func(ctx context.Context, host string) ([]netip.Addr, error)
	guard  *ssrf.Guardian // nil when private addresses are allowed
	dial   func(ctx context.Context, network, address string) (net.Conn, error)
}

func newDialer(o Options) *dialer {
	d := &dialer{lookup: o.LookupIP}
	if d.lookup == nil {
		d.lookup = func(ctx context.Context, host string) ([]netip.Addr, error) {
			return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
		}
	}
	nd := &net.Dialer{Timeout: o.ConnectTimeout}
	if !o.AllowPrivate {
		var v4, v6 []netip.Prefix
		for _, p := range o.AllowCIDRs {
			if !p.IsValid() {
				continue
			}
			if p.Addr().Is4In6() && p.Bits() >= 96 {
				// Addresses are unmapped before checking, so the prefix must be too.
				p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
			}
			p = p.Masked()
			if p.Addr().Is4() {
				v4 = append(v4, p)
			} else {
				v6 = append(v6, p)
			}
		}
		d.guard = ssrf.New(ssrf.WithAnyPort(),
			ssrf.WithAllowedV4Prefixes(v4...), ssrf.WithAllowedV6Prefixes(v6...))
		// Checked again on the socket actually being connected.
		nd.Control = d.guard.Safe
	}
	d.dial = nd.DialContext
	return d
}

// DialContext is the transport's dial function. It resolves the host itself,
// drops refused addresses and dials the rest in order.
func (d *dialer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	host, portStr, err := net.SplitHostPort(address)
	if err != nil {
		return nil, err
	}
	port, err := strconv.ParseUint(portStr, 10, 16)
	if err != nil {
		return nil, &net.AddrError{Err: "invalid port", Addr: address}
	}
	var addrs []netip.Addr
	ip, err := netip.ParseAddr(host)
	literal := err == nil
	if literal {
		addrs = []netip.Addr{ip}
	} else {
		addrs, err = d.lookup(ctx, host)
		if err != nil {
			return nil, &lookupError{host: host, err: err}
		}
		if len(addrs) == 0 {
			return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
		}
	}

	var allowed []netip.Addr
	var refused *blockedError
	for _, a := range addrs {
		a = a.Unmap()
		if network == "tcp4" && !a.Is4() || network == "tcp6" && !a.Is6() {
			continue
		}
		if d.guard != nil {
			if err := d.guard.SafeAddr(a); err != nil {
				if refused == nil {
					refused = &blockedError{host: host, addr: a, literal: literal, reason: err}
				}
				continue
			}
		}
		allowed = append(allowed, a)
	}
	if len(allowed) == 0 {
		if refused != nil {
			return nil, refused
		}
		return nil, &net.DNSError{Err: "no address for network " + network, Name: host, IsNotFound: true}
	}

	var first error
	for _, a := range allowed {
		nw := "tcp4"
		if a.Is6() {
			nw = "tcp6"
		}
		conn, err := d.dial(ctx, nw, netip.AddrPortFrom(a, uint16(port)).String())
		if err == nil {
			return conn, nil
		}
		if first == nil {
			first = err
		}
		if ctx.Err() != nil {
			break
		}
	}
	return nil, first
}
