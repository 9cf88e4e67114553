//go:build race

package retrieve

func init() { raceEnabled = true }
