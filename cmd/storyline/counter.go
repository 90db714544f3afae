package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// counter shows the progress of a count of things done: a bar on a
// terminal, a plain line every few seconds otherwise. It is safe for
// concurrent use.
type counter struct {
	mu    sync.Mutex
	w     io.Writer
	what  string
	bar   *progressbar.ProgressBar
	done  int
	total int
	every time.Duration
	last  time.Time
}

// newCounter returns a counter of total things called what, on stderr.
func (a *app) newCounter(what string, total int, every time.Duration) *counter {
	c := &counter{w: a.stderr, what: what, total: total, every: every, last: time.Now()}
	if f, ok := a.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		c.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(a.stderr),
			progressbar.OptionSetDescription(what),
			progressbar.OptionShowCount(),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	return c
}

// step counts one thing done.
func (c *counter) step() { c.add(1) }

// add counts n things done.
func (c *counter) add(n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.done += n
	if c.bar != nil {
		_ = c.bar.Add(n)
		return
	}
	if c.every > 0 && time.Since(c.last) >= c.every {
		c.last = time.Now()
		fmt.Fprintf(c.w, "progress: %d/%d %s\n", c.done, c.total, c.what)
	}
}

// finish clears the bar.
func (c *counter) finish() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.bar != nil {
		_ = c.bar.Finish()
	}
}
