package ingest

import (
	"errors"
	"fmt"
)

// Sentinel errors for callers to branch on. An [*Error] wraps exactly one of
// them, with a message that says what the file is and what to do about it.
var (
	// ErrUnsupported is a file type that ingest does not read: a legacy
	// Word .doc, an RTF, an image, an archive, a zip that is not a .docx.
	ErrUnsupported = errors.New("unsupported file type")
	// ErrEncoding is text that is neither UTF-8, UTF-16 with a BOM nor
	// GB18030/GBK: binary data, or UTF-8 with damaged bytes.
	ErrEncoding = errors.New("unreadable text encoding")
	// ErrNoText is a file with nothing to read: empty, only whitespace, or
	// a scanned PDF without a text layer.
	ErrNoText = errors.New("no text")
	// ErrEncrypted is a password-protected PDF or Office document.
	ErrEncrypted = errors.New("encrypted")
	// ErrTooLarge is input over [MaxSize] bytes, or a compressed file
	// (.docx, .pdf) that unpacks past the limits that guard against zip
	// bombs.
	ErrTooLarge = errors.New("too large")
	// ErrCorrupt is a file of a known type that is damaged or truncated
	// (a cut-off zip, a PDF whose structure cannot be read).
	ErrCorrupt = errors.New("damaged file")
)

// Error is the error of a file that could not be read. Err wraps one of the
// sentinels above, so errors.Is(err, ingest.ErrEncrypted) works on it.
type Error struct {
	Path   string // the file's path, or the name given to [Read]
	Format Format // the format detected, or "" when not known
	Err    error
}

func (e *Error) Error() string {
	what := e.Path
	if what == "" {
		what = "input"
	}
	if e.Format != "" {
		return fmt.Sprintf("ingest: %s (%s): %v", what, e.Format, e.Err)
	}
	return fmt.Sprintf("ingest: %s: %v", what, e.Err)
}

// Unwrap returns the underlying error, which wraps a sentinel.
func (e *Error) Unwrap() error { return e.Err }

// failf returns an error that wraps sentinel with a message saying what is
// wrong and what to do.
func failf(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...))
}
