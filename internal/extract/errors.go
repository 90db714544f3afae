package extract

import "errors"

// Errors that Extract wraps; test for them with errors.Is.
var (
	// ErrEmpty: the input has no bytes (or only white space).
	ErrEmpty = errors.New("empty input")
	// ErrBinary: the input is not text (an image, an archive, a PDF…).
	ErrBinary = errors.New("binary input")
	// ErrTooLarge: the input is larger than Options.MaxBytes.
	ErrTooLarge = errors.New("input too large")
	// ErrNotHTML: the input is text but has no HTML markup.
	ErrNotHTML = errors.New("input is not HTML")
	// ErrNoContent: the page is HTML but holds nothing article-like.
	ErrNoContent = errors.New("no article content found")
)
