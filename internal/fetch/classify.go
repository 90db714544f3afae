package fetch

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/url"
	"strings"
	"syscall"

	"code.dny.dev/ssrf"
)

// classify turns err from the transport or body into a *Error for rawURL.
// ctx is the caller's context and reqCtx the per-request one derived from it;
// they tell a caller's cancellation apart from our own timeout.
func classify(ctx, reqCtx context.Context, rawURL string, err error) *Error {
	var fe *Error
	if errors.As(err, &fe) {
		return fe
	}
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		err = ue.Err
	}
	if cerr := ctx.Err(); cerr != nil {
		return ctxError(rawURL, cerr, err)
	}
	e := &Error{URL: rawURL, Err: err}
	var (
		blocked  *blockedError
		redirect *redirectError
		tooLarge *tooLargeError
		lookup   *lookupError
		dns      *net.DNSError
		netErr   net.Error
	)
	switch {
	case errors.As(err, &blocked),
		errors.Is(err, ssrf.ErrProhibitedIP),
		errors.Is(err, ssrf.ErrProhibitedNetwork),
		errors.Is(err, ssrf.ErrProhibitedPort):
		e.Kind = KindBlocked
	case errors.As(err, &redirect):
		e.Kind = KindRedirects
	case errors.As(err, &tooLarge):
		e.Kind = KindTooLarge
	case errors.Is(reqCtx.Err(), context.DeadlineExceeded),
		errors.Is(err, context.DeadlineExceeded),
		errors.As(err, &netErr) && netErr.Timeout():
		e.Kind = KindTimeout
	case errors.As(err, &lookup), errors.As(err, &dns):
		e.Kind = KindDNS
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET):
		e.Kind = KindRefused
	case isTLSError(err):
		e.Kind = KindTLS
	default:
		e.Kind = KindNetwork
	}
	return e
}

// ctxError reports the caller's context ending: KindCanceled (satisfying
// errors.Is(err, context.Canceled)) or KindTimeout.
func ctxError(rawURL string, ctxErr, cause error) *Error {
	kind := KindCanceled
	if errors.Is(ctxErr, context.DeadlineExceeded) {
		kind = KindTimeout
	}
	err := ctxErr
	if cause != nil && !errors.Is(cause, ctxErr) {
		err = &wrapped{outer: ctxErr, inner: cause}
	}
	return &Error{URL: rawURL, Kind: kind, Err: err}
}

// wrapped carries a context error together with the error it caused; both
// are visible to errors.Is and errors.As.
type wrapped struct{ outer, inner error }

func (w *wrapped) Error() string   { return w.outer.Error() + ": " + w.inner.Error() }
func (w *wrapped) Unwrap() []error { return []error{w.outer, w.inner} }

func isTLSError(err error) bool {
	var (
		rh tls.RecordHeaderError
		ae tls.AlertError
		cv *tls.CertificateVerificationError
		ua x509.UnknownAuthorityError
		ci x509.CertificateInvalidError
		he x509.HostnameError
		ce x509.ConstraintViolationError
		sa x509.InsecureAlgorithmError
	)
	if errors.As(err, &rh) || errors.As(err, &ae) || errors.As(err, &cv) ||
		errors.As(err, &ua) || errors.As(err, &ci) || errors.As(err, &he) ||
		errors.As(err, &ce) || errors.As(err, &sa) {
		return true
	}
	s := err.Error()
	return strings.Contains(s, "tls: ") || strings.Contains(s, "x509: ") ||
		strings.Contains(s, "HTTP response to HTTPS client")
}
