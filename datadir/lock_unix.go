//go:build unix

package datadir

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lockDir opens path and takes an exclusive flock on it, without waiting.
// The lock lasts until the file is closed (or the process dies).
func lockDir(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("in use by another ddbplay (%s is locked); stop that one or use another directory", path)
		}
		return nil, err
	}
	return f, nil
}
