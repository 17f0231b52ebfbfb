//go:build !unix

package datadir

import (
	"errors"
	"os"
)

// lockDir: data directories need flock, which this platform lacks.
func lockDir(string) (*os.File, error) {
	return nil, errors.New("data directories are supported on Unix systems only")
}
