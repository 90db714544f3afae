package web

import (
	"errors"
	"regexp"

	"github.com/storyline/storyline/internal/fetch"
)

// feedProblem is a feed's failure in plain words: one sentence saying
// what went wrong and what to do, with the technical message kept for
// administrators.
type feedProblem struct {
	Plain  string // what happened and what to do
	Detail string // the error as the fetcher or parser gave it
}

// feedTextKinds tells a failure's kind from its stored message, for the
// feeds whose error is kept only as text: the first pattern that matches
// names the kind. The patterns are the fetcher's and parser's wordings.
var feedTextKinds = []struct {
	re   *regexp.Regexp
	kind fetch.Kind
	feed bool // the kind is feedProblemNotFeed
}{
	{re: regexp.MustCompile(`private address|refused: `), kind: fetch.KindBlocked},
	{re: regexp.MustCompile(`robots\.txt`), kind: fetch.KindRobots},
	{re: regexp.MustCompile(`not a feed|no feed found|advertises no working feed`), feed: true},
	{re: regexp.MustCompile(`HTTP 404\b`), kind: fetch.KindNotFound},
	{re: regexp.MustCompile(`HTTP 410\b|feed is gone`), kind: fetch.KindGone},
	{re: regexp.MustCompile(`HTTP (429|503)\b|rate limited`), kind: fetch.KindRateLimited},
	{re: regexp.MustCompile(`HTTP [45]\d\d\b`), kind: fetch.KindStatus},
	{re: regexp.MustCompile(`DNS lookup failed|no such host`), kind: fetch.KindDNS},
	{re: regexp.MustCompile(`connection (refused|reset)`), kind: fetch.KindRefused},
	{re: regexp.MustCompile(`TLS error|certificate`), kind: fetch.KindTLS},
	{re: regexp.MustCompile(`timed out|deadline exceeded|timeout`), kind: fetch.KindTimeout},
	{re: regexp.MustCompile(`body exceeds|too large`), kind: fetch.KindTooLarge},
	{re: regexp.MustCompile(`redirect`), kind: fetch.KindRedirects},
	{re: regexp.MustCompile(`invalid URL|not an http\(s\) URL|unsupported protocol scheme`), kind: fetch.KindInvalid},
}

// explainFeedText puts a feed's stored error message in plain words. A
// message no pattern recognises (an entry that could not be stored, say)
// is shown as it is.
func explainFeedText(msg string) feedProblem {
	p := feedProblem{Plain: msg, Detail: msg}
	for _, k := range feedTextKinds {
		if k.re.MatchString(msg) {
			p.Plain = feedSentence(k.kind, k.feed)
			return p
		}
	}
	return p
}

// explainFeedError puts an error from subscribing to or polling a feed in
// plain words: by its fetch.Error kind when it carries one, else by its
// message.
func explainFeedError(err error) feedProblem {
	var fe *fetch.Error
	if errors.As(err, &fe) && fe.Kind != fetch.KindNone {
		return feedProblem{Plain: feedSentence(fe.Kind, false), Detail: err.Error()}
	}
	return explainFeedText(err.Error())
}

// feedSentence is the plain sentence of a kind of failure, or of a
// page that is not a feed (notFeed).
func feedSentence(kind fetch.Kind, notFeed bool) string {
	if notFeed {
		return "This page is not a feed and links to none. Try the address of the site's feed, often ending in /feed or /rss."
	}
	switch kind {
	case fetch.KindBlocked:
		return "This address is on your own network. Start the server with --allow-private or set STORYLINE_ALLOW_PRIVATE=1 to allow it."
	case fetch.KindRobots:
		return "The site's robots.txt asks not to fetch this address."
	case fetch.KindNotFound:
		return "The site says this address does not exist (404). Check the address, or find the feed's new one on the site."
	case fetch.KindGone:
		return "The site says this feed is gone for good (410), so polling is paused. Remove it, or subscribe to the site's new feed."
	case fetch.KindRateLimited:
		return "The site asks us to slow down. Nothing to do: the feed is tried again when the site allows."
	case fetch.KindStatus:
		return "The site answered with an error. If it lasts, open the address in a browser to see why."
	case fetch.KindDNS:
		return "The site's name could not be found. Check the address for typos; the site may also have closed."
	case fetch.KindRefused:
		return "The site's server refused the connection. It may be down: the feed is tried again later."
	case fetch.KindTLS:
		return "The site's secure connection failed (a certificate problem). Try its http:// address, or wait for the site to fix it."
	case fetch.KindTimeout:
		return "The site took too long to answer. It may be slow or down: the feed is tried again later."
	case fetch.KindTooLarge:
		return "The feed is larger than the server accepts. Start the server with a larger --max-size to take it."
	case fetch.KindRedirects:
		return "The address redirects too many times, or in a loop. Open it in a browser and use the address it ends at."
	case fetch.KindInvalid:
		return "This is not a web address. Enter one starting with http:// or https://."
	case fetch.KindCanceled:
		return "Fetching the feed was interrupted. It is tried again later."
	default:
		return "The feed could not be fetched. It may be a passing network problem: the feed is tried again later."
	}
}
