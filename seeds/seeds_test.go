package seeds

import (
	"crypto/sha256"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestDefaultIsByteCopyOfSeed(t *testing.T) {
	got, err := Read("")
	if err != nil {
		t.Fatalf("Read(\"\"): %v", err)
	}
	want, err := os.ReadFile("../../shared/seed/000_006ff7903b525843.txt")
	if err != nil {
		t.Skipf("shared seed not beside the checkout: %v", err)
	}
	if sha256.Sum256(got) != sha256.Sum256(want) {
		t.Fatalf("embedded %s differs from the shared seed (%d vs %d bytes)", Default, len(got), len(want))
	}
}

func TestReadUnknown(t *testing.T) {
	_, err := Read("nope.txt")
	if err == nil {
		t.Fatal("Read(nope.txt) = nil error, want one naming the available reports")
	}
	if want := Default; !contains(err.Error(), want) {
		t.Errorf("error %q does not list %q", err, want)
	}
}

func TestNames(t *testing.T) {
	names := Names()
	if len(names) == 0 || !contains(fmt.Sprint(names), Default) {
		t.Fatalf("Names() = %v, want it to include %s", names, Default)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
