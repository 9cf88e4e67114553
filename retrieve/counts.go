package retrieve

import "math/bits"

// counts is an open-addressing hash table from uint64 keys (term keys,
// gram hashes: already well mixed) to uint32 counts. It is several times
// faster than a Go map for the build's hot loops, keeps the order in
// which keys were first added, and resets in time proportional to what
// it holds. The key 0 is stored aside.
type counts struct {
	keys  []uint64
	vals  []uint32
	slots []int32 // slot of each key, in order of first add
	shift uint8
	zero  uint32 // the count of key 0
	has0  bool
}

func newCounts(capacity int) *counts {
	c := &counts{}
	c.alloc(max(16, capacity))
	return c
}

// alloc makes room for n keys at a load of at most one half.
func (c *counts) alloc(n int) {
	size := 1 << bits.Len(uint(2*n-1))
	c.keys = make([]uint64, size)
	c.vals = make([]uint32, size)
	c.shift = uint8(64 - bits.TrailingZeros(uint(size)))
}

func (c *counts) slot(k uint64) int {
	mask := len(c.keys) - 1
	i := int((k * 0x9E3779B97F4A7C15) >> c.shift)
	for c.keys[i] != 0 && c.keys[i] != k {
		i = (i + 1) & mask
	}
	return i
}

// add adds n to the count of k.
func (c *counts) add(k uint64, n uint32) {
	if k == 0 {
		c.zero += n
		c.has0 = true
		return
	}
	i := c.slot(k)
	if c.keys[i] == 0 {
		if 2*(len(c.slots)+1) > len(c.keys) {
			c.grow()
			i = c.slot(k)
		}
		c.keys[i] = k
		c.slots = append(c.slots, int32(i))
	}
	c.vals[i] += n
}

// get returns the count of k, 0 when absent.
func (c *counts) get(k uint64) uint32 {
	if k == 0 {
		return c.zero
	}
	return c.vals[c.slot(k)]
}

func (c *counts) grow() {
	keys, vals, slots := c.keys, c.vals, c.slots
	c.alloc(len(keys))
	c.slots = make([]int32, 0, 2*len(slots))
	for _, s := range slots {
		i := c.slot(keys[s])
		c.keys[i], c.vals[i] = keys[s], vals[s]
		c.slots = append(c.slots, int32(i))
	}
}

// len returns the number of keys.
func (c *counts) len() int {
	n := len(c.slots)
	if c.has0 {
		n++
	}
	return n
}

// each calls fn for every key and count, in order of first add (key 0
// last).
func (c *counts) each(fn func(k uint64, n uint32)) {
	for _, s := range c.slots {
		fn(c.keys[s], c.vals[s])
	}
	if c.has0 {
		fn(0, c.zero)
	}
}

// reset empties the table, keeping its size.
func (c *counts) reset() {
	for _, s := range c.slots {
		c.keys[s], c.vals[s] = 0, 0
	}
	c.slots = c.slots[:0]
	c.zero, c.has0 = 0, false
}
