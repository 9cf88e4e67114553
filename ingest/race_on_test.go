//go:build race

package ingest

// raceEnabled is true under the race detector, which makes reading 64 MiB
// slow.
const raceEnabled = true
