package sqlite

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
)

// write is one transaction waiting to be run by tx.
type write struct {
	ctx   context.Context
	fn    func(t *txn) error
	taken bool       // a group runs it; guarded by writer.mu
	done  chan error // its outcome, once committed or rolled back
}

// panicked carries a panic in a transaction's function from the goroutine
// that ran it to the one that asked for it, which panics again.
type panicked struct {
	value any
	stack []byte
}

// Error describes the panic.
func (p *panicked) Error() string {
	return fmt.Sprintf("panic in a write transaction: %v\n%s", p.value, p.stack)
}

// tx runs fn in a transaction and commits it when fn returns nil;
// otherwise it rolls back, and the error is fn's.
//
// Transactions asked for while another runs are run together: the first
// caller to get the connection runs every waiting one in a single
// transaction, each of them but a lone one inside a savepoint, so that
// one that fails is rolled back alone. Every caller returns once its
// transaction's group is committed (or its own is rolled back). fn may
// thus run on another caller's goroutine; a panic in it is passed back
// and raised again in the caller's.
func (w *writer) tx(ctx context.Context, fn func(t *txn) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	me := &write{ctx: ctx, fn: fn, done: make(chan error, 1)}
	w.mu.Lock()
	w.pending = append(w.pending, me)
	w.mu.Unlock()
	select {
	case err := <-me.done:
		return raise(err)
	case w.sem <- struct{}{}:
		func() {
			defer func() { <-w.sem }() // released even if the group panics
			w.lead(me)
		}()
		return raise(<-me.done)
	case <-ctx.Done():
		if w.withdraw(me) {
			return ctx.Err()
		}
		return raise(<-me.done) // a group has it: wait for its outcome
	}
}

// raise panics again with a panic passed back from a transaction's
// function, and returns any other error.
func raise(err error) error {
	if p, ok := err.(*panicked); ok {
		panic(p.value)
	}
	return err
}

// withdraw takes me out of the queue, and reports whether it was still
// there (no group has taken it).
func (w *writer) withdraw(me *write) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if me.taken {
		return false
	}
	w.pending = slices.DeleteFunc(w.pending, func(x *write) bool { return x == me })
	return true
}

// lead runs groups of the waiting transactions, the caller holding sem,
// until me's is done.
func (w *writer) lead(me *write) {
	for {
		w.mu.Lock()
		if me.taken {
			w.mu.Unlock()
			return // done by an earlier leader, or by this one below
		}
		group := w.takeLocked()
		w.mu.Unlock()
		w.runGroup(group)
	}
}

// takeLocked takes up to maxGroup of the waiting transactions out of the
// queue, marked taken; w.mu is held.
func (w *writer) takeLocked() []*write {
	n := min(len(w.pending), maxGroup)
	group := slices.Clone(w.pending[:n])
	w.pending = slices.Delete(w.pending, 0, n)
	for _, g := range group {
		g.taken = true
	}
	return group
}

// runGroup runs group's transactions as one and tells each its outcome.
// A panic outside the transactions' functions (in the driver, say) fails
// every one of them, so that none waits for ever, and is raised again.
func (w *writer) runGroup(group []*write) {
	delivered := false
	defer func() {
		if delivered {
			return
		}
		v := recover()
		if _, err := w.conn.ExecContext(context.WithoutCancel(group[0].ctx), "ROLLBACK"); err != nil && !noTransaction(err) {
			v = fmt.Sprintf("%v (rollback: %v)", v, err)
		}
		for _, g := range append(group, w.absorbed...) {
			g.done <- fmt.Errorf("write transaction: aborted by a panic: %v", v)
		}
		w.absorbed, w.absorbedErrs = nil, nil
		panic(v)
	}()
	w.absorbed, w.absorbedErrs = nil, nil
	errs := make([]error, len(group))
	// The group's own statements are not cancelled with any one caller.
	run := context.WithoutCancel(group[0].ctx)
	err := w.exec(run, w.begin)
	if err == nil && len(group) == 1 {
		// Alone: no savepoint; its failure rolls the transaction back
		// (with what it absorbed: see below).
		errs[0] = w.call(group[0])
		err = errs[0]
	} else if err == nil {
		err = w.runEach(run, group, errs)
	}
	if err == nil {
		if err = w.exec(run, "COMMIT"); err == nil {
			w.commits.Add(1)
			w.checkpoints.committed()
		}
	}
	if err != nil {
		if _, rerr := w.conn.ExecContext(run, "ROLLBACK"); rerr != nil && !noTransaction(rerr) {
			err = errors.Join(err, fmt.Errorf("rollback: %w", rerr))
		}
		for i := range errs {
			if errs[i] == nil {
				errs[i] = err
			} else if len(group) == 1 {
				errs[i] = err // its own error, and the rollback's if any
			}
		}
	}
	delivered = true
	for i, g := range group {
		g.done <- errs[i]
	}
	// A transaction a batch took in that was rolled back with it, not
	// for its own failure, runs again at once, in a group of its own:
	// nothing is lost for another's failure, and its caller, who may
	// wait for its outcome alone, gets one.
	var again []*write
	for i, g := range w.absorbed {
		switch {
		case w.absorbedErrs[i] == errRolledBackWithBatch || (err != nil && w.absorbedErrs[i] == nil):
			again = append(again, g)
		default:
			g.done <- w.absorbedErrs[i]
		}
	}
	w.absorbed, w.absorbedErrs = nil, nil
	if len(again) > 0 {
		w.runGroup(again)
	}
}

// errRolledBackWithBatch marks a transaction a batch took in that was
// rolled back with the batch: it is run again.
var errRolledBackWithBatch = errors.New("rolled back with the batch it joined")

// absorb runs, inside the Batch under way, the transactions that queued up
// since it began, each in a savepoint of its own, so that a long batch
// holds no other writer up: they are committed with it, and their callers
// told then (runGroup). A savepoint that cannot be set or undone fails
// the batch.
func (w *writer) absorb(run context.Context) error {
	w.mu.Lock()
	take := w.takeLocked()
	w.mu.Unlock()
	for i, g := range take {
		w.absorbed = append(w.absorbed, g)
		w.absorbedErrs = append(w.absorbedErrs, nil)
		k := len(w.absorbed) - 1
		if err := w.exec(run, "SAVEPOINT absorbed"); err != nil {
			w.failAbsorbed(take[i+1:], err)
			return err
		}
		if w.absorbedErrs[k] = w.call(g); w.absorbedErrs[k] != nil {
			if err := w.exec(run, "ROLLBACK TO absorbed"); err != nil {
				w.failAbsorbed(take[i+1:], err)
				return err
			}
		}
		if err := w.exec(run, "RELEASE absorbed"); err != nil {
			w.failAbsorbed(take[i+1:], err)
			return err
		}
	}
	return nil
}

// failAbsorbed records rest, taken in but not run, as failed with err.
func (w *writer) failAbsorbed(rest []*write, err error) {
	for _, g := range rest {
		w.absorbed = append(w.absorbed, g)
		w.absorbedErrs = append(w.absorbedErrs, err)
	}
}

// runEach runs each of group's transactions inside a savepoint of the
// transaction under way, recording their errors in errs; a failed one is
// rolled back to its savepoint. It returns an error that fails the whole
// group: a savepoint that cannot be set or undone (SQLite rolls back the
// whole transaction on a full disk, say).
func (w *writer) runEach(run context.Context, group []*write, errs []error) error {
	for i, g := range group {
		if err := w.exec(run, "SAVEPOINT grp"); err != nil {
			return err
		}
		mark := len(w.absorbed)
		if errs[i] = w.call(g); errs[i] != nil {
			if err := w.exec(run, "ROLLBACK TO grp"); err != nil {
				return fmt.Errorf("%w (after a write failed with: %v)", err, errs[i])
			}
			for k := mark; k < len(w.absorbed); k++ { // undone with it
				if w.absorbedErrs[k] == nil {
					w.absorbedErrs[k] = errRolledBackWithBatch
				}
			}
		}
		if err := w.exec(run, "RELEASE grp"); err != nil {
			return err
		}
	}
	return nil
}

// call runs one transaction's function, its context checked when it is
// done: a cancelled caller's writes are rolled back.
func (w *writer) call(g *write) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &panicked{value: v, stack: debug.Stack()}
		}
	}()
	if err = g.fn(&txn{ctx: g.ctx, run: context.WithoutCancel(g.ctx), w: w}); err != nil {
		return err
	}
	return g.ctx.Err()
}

// exec runs a statement of the writer's own (BEGIN, SAVEPOINT, COMMIT …).
func (w *writer) exec(ctx context.Context, query string) error {
	st := w.prepared(ctx, query)
	var err error
	if st != nil {
		_, err = st.ExecContext(ctx)
	} else {
		_, err = w.conn.ExecContext(ctx, query)
	}
	return err
}
