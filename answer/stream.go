package answer

import "strings"

// StreamChecker checks an answer while it streams in, so that a terminal or
// a web page can show an LLM answer sentence by sentence without ever
// showing an unchecked number. It passes on a sentence only when the
// sentence is complete and [Check] finds nothing wrong with it against the
// passages its markers name; once a sentence fails, it passes on nothing
// more.
//
// A sentence is complete when the text after it shows where it ends: a line
// break, or text that cannot be a marker of it ("。[" may still become
// "。[1]"). The sentences are the ones Check sees, so a stream that ends
// ok has passed on exactly the text Check would pass, and a stream Check
// would fail stops at the first failing sentence.
//
// A StreamChecker is not safe for concurrent use.
type StreamChecker struct {
	c        *checker
	emit     func(string)
	text     strings.Builder
	done     int // bytes of text passed on
	failed   bool
	closed   bool
	problems []Problem
}

// NewStreamChecker returns a checker of an answer citing passages (a
// marker [n] refers to Citation.N) that calls emit with each checked piece
// of text, in order: a sentence with the spaces and line breaks before it.
// emit must not be nil.
func NewStreamChecker(passages []Citation, opt CheckOptions, emit func(string)) *StreamChecker {
	return &StreamChecker{c: newChecker(passages, opt), emit: emit}
}

// Write adds the next piece of the answer, and passes on the sentences it
// completes if they pass the check. After a failure or Close it does
// nothing.
func (s *StreamChecker) Write(delta string) {
	if s.failed || s.closed || delta == "" {
		return
	}
	s.text.WriteString(delta)
	s.advance(false)
}

// Close checks the last sentence, which no more text can extend, and
// reports whether every sentence passed; then everything written has been
// passed on, trailing spaces included. Close may be called more than once.
func (s *StreamChecker) Close() (ok bool) {
	if !s.closed && !s.failed {
		s.closed = true
		s.advance(true)
		if t := s.text.String(); !s.failed && s.done < len(t) {
			s.emit(t[s.done:]) // only spaces are left
			s.done = len(t)
		}
	}
	s.closed = true
	return !s.failed
}

// Problems returns why the stream stopped: the problems of the first
// sentence that failed, or nil.
func (s *StreamChecker) Problems() []Problem { return s.problems }

// advance checks and passes on the complete sentences not yet passed on.
func (s *StreamChecker) advance(final bool) {
	t := s.text.String()
	for !s.failed {
		sp, ok := nextSentence(t, s.done, final)
		if !ok {
			return
		}
		if ps := s.c.sentence(t[sp.start:sp.end]); len(ps) > 0 {
			s.failed, s.problems = true, ps
			return
		}
		s.emit(t[s.done:sp.end])
		s.done = sp.end
	}
}
