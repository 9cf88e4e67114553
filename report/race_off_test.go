//go:build !race

package report

// raceEnabled is true when the tests run under the race detector, which
// makes parsing several times slower.
const raceEnabled = false
