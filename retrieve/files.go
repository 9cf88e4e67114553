package retrieve

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"math"
	"os"
)

// The files of an index generation. Each starts with an 8-byte magic
// string; integers and floats are little-endian. The manifest records
// each file's size and CRC-32C, and a file that does not match is
// damaged.
//
//	reports.bin  "RBXREPS1" u32 n, then n × (u32 len, name, u32 len, text)
//	vectors.bin  "RBXVECS1" u32 dim, u32 chunks, then chunks × dim float32
//	local.bin    "RBXLOCL1" u64 docs, u32 n, then n × u64 gram, n × u32 df
const (
	reportsFile = "reports.bin"
	vectorsFile = "vectors.bin"
	localFile   = "local.bin"

	reportsMagic = "RBXREPS1"
	vectorsMagic = "RBXVECS1"
	localMagic   = "RBXLOCL1"
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// fileSum is a file's size and checksum, as the manifest records them.
type fileSum struct {
	Size   int64  `json:"size"`
	CRC32C uint32 `json:"crc32c"`
}

// errDamaged marks index files that are missing, truncated or fail their
// checksum: the index is rebuilt, never used.
var errDamaged = errors.New("damaged")

type damagedError struct {
	path, why string
}

func (e *damagedError) Error() string {
	return fmt.Sprintf("retrieve: index file %s is damaged: %s", e.path, e.why)
}

func (e *damagedError) Is(target error) bool { return target == errDamaged }

func damaged(path, format string, args ...any) error {
	return &damagedError{path, fmt.Sprintf(format, args...)}
}

// sumWriter writes a file, tracking its size and checksum.
type sumWriter struct {
	f   *os.File
	w   *bufio.Writer
	crc uint32
	n   int64
	buf [8]byte
}

func createSum(path string) (*sumWriter, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	return &sumWriter{f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

func (w *sumWriter) Write(p []byte) (int, error) {
	w.crc = crc32.Update(w.crc, castagnoli, p)
	w.n += int64(len(p))
	return w.w.Write(p)
}

func (w *sumWriter) str(s string) { _, _ = io.WriteString(w, s) }

func (w *sumWriter) u32(x uint32) {
	binary.LittleEndian.PutUint32(w.buf[:4], x)
	_, _ = w.Write(w.buf[:4])
}

func (w *sumWriter) u64(x uint64) {
	binary.LittleEndian.PutUint64(w.buf[:8], x)
	_, _ = w.Write(w.buf[:8])
}

// close flushes, syncs and closes the file; write errors surface here,
// since bufio.Writer keeps the first one.
func (w *sumWriter) close() (fileSum, error) {
	err := w.w.Flush()
	if err == nil {
		err = w.f.Sync()
	}
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	return fileSum{Size: w.n, CRC32C: w.crc}, err
}

// abort closes the file after a failed write.
func (w *sumWriter) abort() { _ = w.f.Close() }

// sumReader reads a file that must match its recorded size and checksum.
type sumReader struct {
	path string
	f    *os.File
	r    *bufio.Reader
	crc  uint32
	left int64 // bytes not read yet
	want fileSum
	buf  [8]byte
}

func openSum(path string, want fileSum) (*sumReader, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w (%w)", damaged(path, "missing"), err)
	}
	if err != nil {
		return nil, fmt.Errorf("retrieve: open index file: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("retrieve: stat index file: %w", err)
	}
	if st.Size() != want.Size {
		f.Close()
		return nil, damaged(path, "%d bytes, want %d", st.Size(), want.Size)
	}
	return &sumReader{path: path, f: f, r: bufio.NewReaderSize(f, 1<<20), left: want.Size, want: want}, nil
}

// read fills p from the file; running past the recorded size is damage.
func (r *sumReader) read(p []byte) error {
	if int64(len(p)) > r.left {
		return damaged(r.path, "a length field points past the end")
	}
	if _, err := io.ReadFull(r.r, p); err != nil {
		return damaged(r.path, "%v", err)
	}
	r.crc = crc32.Update(r.crc, castagnoli, p)
	r.left -= int64(len(p))
	return nil
}

func (r *sumReader) u32() (uint32, error) {
	err := r.read(r.buf[:4])
	return binary.LittleEndian.Uint32(r.buf[:4]), err
}

func (r *sumReader) u64() (uint64, error) {
	err := r.read(r.buf[:8])
	return binary.LittleEndian.Uint64(r.buf[:8]), err
}

// magic checks the file's magic string.
func (r *sumReader) magic(want string) error {
	b := make([]byte, len(want))
	if err := r.read(b); err != nil {
		return err
	}
	if string(b) != want {
		return damaged(r.path, "starts with %q, want %q", b, want)
	}
	return nil
}

// fits checks that n elements of size bytes each can still be in the
// file, before anything is allocated for them.
func (r *sumReader) fits(n, size uint64) error {
	if size != 0 && n > uint64(r.left)/size {
		return damaged(r.path, "%d elements of %d bytes do not fit in %d bytes", n, size, r.left)
	}
	return nil
}

// finish checks that the whole file was read and that its checksum
// matches, and closes it.
func (r *sumReader) finish() error {
	defer r.f.Close()
	if r.left != 0 {
		return damaged(r.path, "%d bytes left over", r.left)
	}
	if r.crc != r.want.CRC32C {
		return damaged(r.path, "checksum %08x, want %08x", r.crc, r.want.CRC32C)
	}
	return nil
}

func (r *sumReader) close() { r.f.Close() }

// writeReports writes reports.bin.
func writeReports(path string, names, texts []string) (fileSum, error) {
	w, err := createSum(path)
	if err != nil {
		return fileSum{}, err
	}
	w.str(reportsMagic)
	w.u32(uint32(len(texts)))
	for i, t := range texts {
		w.u32(uint32(len(names[i])))
		w.str(names[i])
		w.u32(uint32(len(t)))
		w.str(t)
	}
	return w.close()
}

// readReports reads reports.bin.
func readReports(path string, want fileSum) (names, texts []string, err error) {
	r, err := openSum(path, want)
	if err != nil {
		return nil, nil, err
	}
	defer r.close()
	if err := r.magic(reportsMagic); err != nil {
		return nil, nil, err
	}
	n, err := r.u32()
	if err == nil {
		err = r.fits(uint64(n), 8)
	}
	if err != nil {
		return nil, nil, err
	}
	str := func() (string, error) {
		l, err := r.u32()
		if err == nil {
			err = r.fits(uint64(l), 1)
		}
		if err != nil {
			return "", err
		}
		b := make([]byte, l)
		if err := r.read(b); err != nil {
			return "", err
		}
		return string(b), nil
	}
	names, texts = make([]string, n), make([]string, n)
	for i := range n {
		if names[i], err = str(); err != nil {
			return nil, nil, err
		}
		if texts[i], err = str(); err != nil {
			return nil, nil, err
		}
	}
	return names, texts, r.finish()
}

// writeVectors writes vectors.bin.
func writeVectors(path string, data []float32, dim int) (fileSum, error) {
	w, err := createSum(path)
	if err != nil {
		return fileSum{}, err
	}
	w.str(vectorsMagic)
	w.u32(uint32(dim))
	w.u32(uint32(len(data) / dim))
	buf := make([]byte, 0, 1<<16)
	for i, x := range data {
		buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(x))
		if len(buf) == cap(buf) || i == len(data)-1 {
			if _, err := w.Write(buf); err != nil {
				w.abort()
				return fileSum{}, err
			}
			buf = buf[:0]
		}
	}
	return w.close()
}

// readVectors reads vectors.bin, which must hold chunks vectors of dim
// dimensions.
func readVectors(path string, want fileSum, chunks, dim int) ([]float32, error) {
	r, err := openSum(path, want)
	if err != nil {
		return nil, err
	}
	defer r.close()
	if err := r.magic(vectorsMagic); err != nil {
		return nil, err
	}
	d, err := r.u32()
	if err != nil {
		return nil, err
	}
	n, err := r.u32()
	if err != nil {
		return nil, err
	}
	if int(d) != dim || int(n) != chunks {
		return nil, damaged(path, "holds %d vectors of %d dimensions, want %d of %d", n, d, chunks, dim)
	}
	if err := r.fits(uint64(n)*uint64(d), 4); err != nil {
		return nil, err
	}
	data := make([]float32, int(n)*int(d))
	buf := make([]byte, 1<<16)
	for i := 0; i < len(data); {
		m := min(len(buf)/4, len(data)-i)
		if err := r.read(buf[:4*m]); err != nil {
			return nil, err
		}
		for k := range m {
			data[i+k] = math.Float32frombits(binary.LittleEndian.Uint32(buf[4*k:]))
		}
		i += m
	}
	return data, r.finish()
}

// writeLocal writes local.bin, the local embedder's statistics.
func writeLocal(path string, e *LocalEmbedder) (fileSum, error) {
	w, err := createSum(path)
	if err != nil {
		return fileSum{}, err
	}
	w.str(localMagic)
	w.u64(uint64(e.docs))
	w.u32(uint32(len(e.grams)))
	for _, g := range e.grams {
		w.u64(g)
	}
	for _, f := range e.df {
		w.u32(f)
	}
	return w.close()
}

// readLocal reads local.bin.
func readLocal(path string, want fileSum) (*LocalEmbedder, error) {
	r, err := openSum(path, want)
	if err != nil {
		return nil, err
	}
	defer r.close()
	if err := r.magic(localMagic); err != nil {
		return nil, err
	}
	docs, err := r.u64()
	if err != nil {
		return nil, err
	}
	n, err := r.u32()
	if err == nil {
		err = r.fits(uint64(n), 12)
	}
	if err != nil {
		return nil, err
	}
	e := &LocalEmbedder{docs: float64(docs), grams: make([]uint64, n), df: make([]uint32, n)}
	for i := range e.grams {
		if e.grams[i], err = r.u64(); err != nil {
			return nil, err
		}
		if i > 0 && e.grams[i] <= e.grams[i-1] {
			return nil, damaged(path, "grams out of order at %d", i)
		}
	}
	for i := range e.df {
		if e.df[i], err = r.u32(); err != nil {
			return nil, err
		}
	}
	return e, r.finish()
}
