package retrieve

import "math/bits"

// counts is an open-addressing hash table from uint64 keys (term keys,
// gram hashes: already well mixed) to uint32 counts. It is several times
// faster than a Go map for the build's hot loops, keeps the order in
// which keys were first added, and resets in time proportional to what
// it holds. The key 0 is stored aside.
type counts struct {
	tab   []slot
	slots []int32 // slot of each key, in order of first add
	shift uint8
	zero  uint32 // the count of key 0
	has0  bool
}

// slot is a key and its count side by side, so that a lookup touches one
// cache line.
type slot struct {
	key uint64
	val uint32
}

func newCounts(capacity int) *counts {
	c := &counts{}
	c.alloc(max(16, capacity))
	return c
}

// alloc makes room for n keys at a load of at most one half.
func (c *counts) alloc(n int) {
	size := 1 << bits.Len(uint(2*n-1))
	c.tab = make([]slot, size)
	c.shift = uint8(64 - bits.TrailingZeros(uint(size)))
}

func (c *counts) find(k uint64) int {
	mask := len(c.tab) - 1
	i := int((k * 0x9E3779B97F4A7C15) >> c.shift)
	for c.tab[i].key != 0 && c.tab[i].key != k {
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
	i := c.find(k)
	if c.tab[i].key == 0 {
		if 2*(len(c.slots)+1) > len(c.tab) {
			c.grow()
			i = c.find(k)
		}
		c.tab[i].key = k
		c.slots = append(c.slots, int32(i))
	}
	c.tab[i].val += n
}

// get returns the count of k, 0 when absent.
func (c *counts) get(k uint64) uint32 {
	if k == 0 {
		return c.zero
	}
	return c.tab[c.find(k)].val
}

func (c *counts) grow() {
	tab, slots := c.tab, c.slots
	c.alloc(len(tab))
	c.slots = make([]int32, 0, 2*len(slots))
	for _, s := range slots {
		i := c.find(tab[s].key)
		c.tab[i] = tab[s]
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
		fn(c.tab[s].key, c.tab[s].val)
	}
	if c.has0 {
		fn(0, c.zero)
	}
}

// reset empties the table, keeping its size.
func (c *counts) reset() {
	for _, s := range c.slots {
		c.tab[s] = slot{}
	}
	c.slots = c.slots[:0]
	c.zero, c.has0 = 0, false
}
