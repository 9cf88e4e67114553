package retrieve

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reportbot/reportbot/report"
)

// corpusEnv lists the corpus sizes BenchmarkCorpus runs at, e.g.
// RETRIEVE_CORPUS=1,1000; without it the benchmark is skipped, so the
// default test run stays fast.
const corpusEnv = "RETRIEVE_CORPUS"

// benchQueries are what qa sends: the forms of a question's terms, each
// of weight 1, with the forms as the vector text; or, for a question
// without known terms, its text.
var benchQueries = func() []Query {
	terms := func(forms ...string) Query {
		q := Query{K: 30, VectorText: strings.Join(forms, " ")}
		for _, f := range forms {
			q.Terms = append(q.Terms, Term{f, 1})
		}
		return q
	}
	return []Query{
		terms("地区生产总值", "GDP", "增长", "2025年"),
		terms("粮食产量", "粮食总产量", "亿斤", "万吨"),
		terms("城镇新增就业", "就业", "万人", "目标"),
		terms("一般公共预算收入", "财政收入", "增长"),
		terms("规模以上工业增加值", "规上工业增加值", "增长"),
		terms("社会消费品零售总额", "消费", "增长"),
		terms("固定资产投资", "投资", "增长"),
		terms("进出口总额", "外贸", "进出口", "增长"),
		terms("居民人均可支配收入", "城镇", "农村", "增长"),
		terms("新质生产力", "科技创新", "产业"),
		terms("低空经济", "无人机", "通用航空"),
		terms("高标准农田", "亩", "建设"),
		terms("研发经费", "研发投入强度", "R&D"),
		terms("空气质量", "PM2.5", "优良天数"),
		terms("养老服务", "养老", "老年人"),
		terms("营商环境", "民营经济", "经营主体"),
		terms("城市更新", "老旧小区改造", "城中村改造"),
		terms("新能源汽车", "产量", "万辆"),
		terms("数字经济", "核心产业", "增加值"),
		terms("文化旅游", "游客", "旅游收入"),
		terms("安全生产", "事故", "防范化解"),
		terms("高校毕业生", "青年", "稳就业"),
		terms("主要预期目标", "2026年", "增长", "左右"),
		terms("十五五", "规划", "开局"),
		{Text: "2026年经济社会发展的主要预期目标是什么?", K: 30},
		{Text: "去年城镇新增就业多少万人?", K: 30},
		{Text: "How much did GDP grow last year?", K: 30},
		{Text: "高速公路通车里程达到多少公里", K: 30},
	}
}()

// BenchmarkCorpus builds an index over n reports of the genre (the 2026
// corpus, mutated per copy: mutatedCorpus), for each n in
// RETRIEVE_CORPUS, and measures:
//
//	build        New in memory (ns/op, and cpu-s/op: CPU seconds, which a
//	             busy machine does not inflate as much); heap-MB is the live heap after
//	             GC with the index, index-MB the part the index adds to
//	             the parsed reports, peak-MB the most heap seen while
//	             building, chunks the index's size
//	search       the 28 qa-like queries of benchQueries (K=30), all
//	             reports; p50-ms and p95-ms per query
//	search-doc   the same queries limited to one report, as qa does
//	             when a question names it
//	persist      New with WithPersistDir into an empty directory; files
//	             and disk-MB are what it wrote
//	open         Open of that directory: parse, chunk, lexical index,
//	             vectors, no embedding
//
// Run: RETRIEVE_CORPUS=1,1000 go test -run '^$' -bench Corpus -benchtime 1x -count 5 ./retrieve
func BenchmarkCorpus(b *testing.B) {
	env := os.Getenv(corpusEnv)
	if env == "" {
		b.Skip("set " + corpusEnv + "=1,1000 to run")
	}
	for _, f := range strings.Split(env, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			b.Fatalf("%s=%q: want sizes like 1,1000", corpusEnv, env)
		}
		benchCorpus(b, n)
	}
}

// corpusOf caches a mutated corpus per size across the sub-benchmarks.
var corpusOf sync.Map // n → func() ([]string, []*report.Report)

func benchCorpus(b *testing.B, n int) {
	f, _ := corpusOf.LoadOrStore(n, sync.OnceValues(func() ([]string, []*report.Report) { return mutatedCorpus(b, n) }))
	names, docs := f.(func() ([]string, []*report.Report))()
	prefix := fmt.Sprintf("reports=%d/", n)
	var ix *Index

	b.Run(prefix+"build", func(b *testing.B) {
		ix = nil
		base := liveHeap()
		stop := peakHeap()
		cpu := cpuTime()
		for b.Loop() {
			var err error
			if ix, err = New(b.Context(), docs, WithNames(names...)); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
		peak := stop()
		heap := liveHeap()
		b.ReportMetric(float64(heap)/(1<<20), "heap-MB")
		b.ReportMetric(float64(heap-base)/(1<<20), "index-MB")
		b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
		b.ReportMetric(float64(ix.Len()), "chunks")
		runtime.KeepAlive(ix)
	})
	if ix == nil {
		return
	}
	search := func(b *testing.B, docs func(i int) []int) {
		var lat []time.Duration
		i := 0
		for b.Loop() {
			for _, q := range benchQueries {
				q.Docs = docs(i)
				i++
				start := time.Now()
				if _, err := ix.Search(b.Context(), q); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
		}
		slices.Sort(lat)
		b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
		b.ReportMetric(ms(lat[len(lat)*95/100]), "p95-ms")
		b.ReportMetric(ms(lat[len(lat)-1]), "max-ms")
	}
	b.Run(prefix+"search", func(b *testing.B) { search(b, func(int) []int { return nil }) })
	b.Run(prefix+"search-doc", func(b *testing.B) { search(b, func(i int) []int { return []int{i * 7919 % n} }) })

	dir := filepath.Join(b.TempDir(), "index")
	b.Run(prefix+"persist", func(b *testing.B) {
		cpu := cpuTime()
		for b.Loop() {
			b.StopTimer()
			os.RemoveAll(dir)
			b.StartTimer()
			if _, err := New(b.Context(), docs, WithNames(names...), WithPersistDir(dir)); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
		files, bytes := diskUse(b, dir)
		b.ReportMetric(float64(files), "files")
		b.ReportMetric(float64(bytes)/(1<<20), "disk-MB")
	})
	b.Run(prefix+"open", func(b *testing.B) {
		if _, err := os.Stat(filepath.Join(dir, manifestName)); err != nil { // persist did not run
			if _, err := New(b.Context(), docs, WithNames(names...), WithPersistDir(dir)); err != nil {
				b.Fatal(err)
			}
		}
		cpu := cpuTime()
		defer func() { b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op") }()
		for b.Loop() {
			opened, err := Open(b.Context(), dir)
			if err != nil {
				b.Fatal(err)
			}
			if opened.Len() != ix.Len() {
				b.Fatalf("Open gave %d chunks, New %d", opened.Len(), ix.Len())
			}
		}
	})
	runtime.KeepAlive(ix)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// liveHeap returns the heap in use after a garbage collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// peakHeap samples the heap every 20ms until the returned function is
// called, which returns the largest sample.
func peakHeap() func() uint64 {
	done := make(chan struct{})
	result := make(chan uint64)
	go func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		var peak uint64
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-done:
				result <- peak
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		return <-result
	}
}

// diskUse counts the files under dir and their bytes.
func diskUse(b *testing.B, dir string) (files int, bytes int64) {
	b.Helper()
	err := filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			files++
			bytes += info.Size()
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return files, bytes
}
