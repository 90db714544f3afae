//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

package lockfile

import (
	"errors"
	"os"
	"syscall"
)

// Enforced reports whether locks exclude one another on this system.
const Enforced = true

// lock takes a shared or exclusive flock on f without waiting, and
// reports whether it got it.
func lock(f *os.File, exclusive bool) (bool, error) {
	how := syscall.LOCK_SH | syscall.LOCK_NB
	if exclusive {
		how = syscall.LOCK_EX | syscall.LOCK_NB
	}
	for {
		err := syscall.Flock(int(f.Fd()), how)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, syscall.EINTR):
			continue
		case errors.Is(err, syscall.EWOULDBLOCK):
			return false, nil
		}
		return false, err
	}
}

// unlock drops the flock on f.
func unlock(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}

// running reports whether the process pid exists; not for pid 0.
func running(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
