package qa

import "testing"

// TestSpellsOut: which clauses spell out a numbered abbreviation.
func TestSpellsOut(t *testing.T) {
	tests := []struct {
		sentence string
		n        int
		shared   string
		want     string
	}{
		{"坚持以经济建设为中心，一体推进资源经济、园区经济、口岸经济，加力提速。", 3, "经济", "一体推进资源经济、园区经济、口岸经济"},
		{"建设国际科技创新中心、国际交往中心和文化中心。", 3, "中心", "建设国际科技创新中心、国际交往中心和文化中心"},
		{"持续壮大“三大经济”，发展数字经济、海洋经济。", 3, "经济", ""},
		{"推进资源经济、园区建设、口岸经济。", 3, "经济", ""},
	}
	for _, tt := range tests {
		lo, hi, ok := spellsOut(tt.sentence, tt.n, tt.shared)
		got := ""
		if ok {
			got = tt.sentence[lo:hi]
		}
		if got != tt.want {
			t.Errorf("spellsOut(%q, %d, %q) = %q, want %q", tt.sentence, tt.n, tt.shared, got, tt.want)
		}
	}
}

// FuzzSpellsOut: any sentence gives a clause inside it or none.
func FuzzSpellsOut(f *testing.F) {
	f.Add("一体推进资源经济、园区经济、口岸经济，加力提速。", 3, "经济")
	f.Fuzz(func(t *testing.T, s string, n int, shared string) {
		if n < 2 || n > 20 || shared == "" {
			return
		}
		lo, hi, ok := spellsOut(s, n, shared)
		if ok && (lo < 0 || hi < lo || hi > len(s)) {
			t.Fatalf("spellsOut(%q) = %d, %d", s, lo, hi)
		}
	})
}
