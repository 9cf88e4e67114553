package retrieve

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/reportbot/reportbot/report"
)

// readOnly returns a read-only view of dir: dir itself with its write
// bits cleared, or, for root (whom permissions do not stop), a read-only
// bind mount of it. It skips the test when neither can be made.
func readOnly(t *testing.T, dir string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		var paths []string
		filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err == nil {
				paths = append(paths, p)
				os.Chmod(p, info.Mode()&^0o222)
			}
			return nil
		})
		t.Cleanup(func() {
			for _, p := range paths {
				if info, err := os.Stat(p); err == nil {
					os.Chmod(p, info.Mode()|0o200)
				}
			}
		})
		return dir
	}
	ro := t.TempDir()
	if err := syscall.Mount(dir, ro, "", syscall.MS_BIND, ""); err != nil {
		t.Skipf("cannot bind-mount a read-only view as root: %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(ro, 0) })
	if err := syscall.Mount("", ro, "", syscall.MS_REMOUNT|syscall.MS_BIND|syscall.MS_RDONLY, ""); err != nil {
		t.Skipf("cannot remount read-only: %v", err)
	}
	if f, err := os.Create(filepath.Join(ro, "probe")); err == nil {
		f.Close()
		t.Skip("the read-only view is writable")
	}
	return ro
}

// TestPersistReadOnly checks that a current index in a read-only
// directory is used as is, and that an out-of-date one is refused with a
// clear error instead of a failed write.
func TestPersistReadOnly(t *testing.T) {
	t.Parallel()
	docs := []*report.Report{seedReport(t), parseText(t, tinyReport)}
	dir := t.TempDir()
	built := buildIndex(t, docs, WithPersistDir(dir))
	ro := readOnly(t, dir)
	before := dirState(t, dir)

	ix, err := New(t.Context(), docs, WithPersistDir(ro))
	if err != nil {
		t.Fatalf("New over a current read-only index error: %v", err)
	}
	sameSearch(t, "read-only", built, ix)
	opened, err := Open(t.Context(), ro)
	if err != nil {
		t.Fatalf("Open of a read-only index error: %v", err)
	}
	sameSearch(t, "read-only Open", built, opened)
	if diff := cmp.Diff(before, dirState(t, dir)); diff != "" {
		t.Errorf("using a read-only index changed it (-before +after):\n%s", diff)
	}

	_, err = New(t.Context(), docs[:1], WithPersistDir(ro))
	if err == nil || !strings.Contains(err.Error(), "not writable") || !strings.Contains(err.Error(), "reports or their chunks changed") {
		t.Errorf("New with other reports over a read-only index error = %v, want it to say why it must rebuild and that it cannot", err)
	}
	ce := &countingEmbedder{}
	_, err = New(t.Context(), docs, WithPersistDir(ro), WithEmbedder("count-v1", ce.embed))
	if err == nil || !strings.Contains(err.Error(), "not writable") || !strings.Contains(err.Error(), "embedder") {
		t.Errorf("New with another embedder over a read-only index error = %v, want it to name the embedder and the directory", err)
	}
	if errors.Is(err, ErrForeignIndex) {
		t.Errorf("a read-only reportbot index is not foreign: %v", err)
	}
	if diff := cmp.Diff(before, dirState(t, dir)); diff != "" {
		t.Errorf("refusing to rebuild changed the index (-before +after):\n%s", diff)
	}
}
