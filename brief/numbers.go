package brief

import "github.com/reportbot/reportbot/rag"

// The number check lives in package answer once it is written there; until
// then these two functions are the only place brief reaches into rag, so the
// switch is one import.

// unsupportedNumbers returns the numbers of text that none of sources
// holds (years and [n] markers aside).
func unsupportedNumbers(text string, sources ...string) []string {
	return rag.UnsupportedNumbers(text, sources...)
}

// numbers returns the numbers written in s, as the check sees them.
func numbers(s string) []string { return rag.Numbers(s) }
