package storeutil

import (
	"errors"
	"fmt"

	"github.com/storyline/storyline"
)

// Wrap returns a domain error (a *storyline.Error anywhere in err's chain)
// unchanged, nil for nil, and otherwise err with the store's name and the
// operation (format and args) in front: "store: operation: err".
func Wrap(store string, err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	var e *storyline.Error
	if errors.As(err, &e) {
		return err
	}
	return fmt.Errorf(store+": "+format+": %w", append(args, err)...)
}
