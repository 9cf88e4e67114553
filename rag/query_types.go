package rag

// Query is a search request.
type Query struct {
	Text string
	// K is the number of results; 0 means 5. It is clamped to the number
	// of chunks.
	K int
	// Report limits results to the report whose ID or title contains it.
	Report string
	// Section limits results to sections whose ID starts with it (p2,
	// p2s3).
	Section string
}

// Hit is one retrieved chunk. Text is exactly source[Start:End] in code
// points of the report named by ReportID.
type Hit struct {
	Rank      int     `json:"rank"`
	ID        string  `json:"id"`
	Label     string  `json:"label"`
	SectionID string  `json:"section_id"`
	ReportID  string  `json:"report_id"`
	Report    string  `json:"report"`
	Text      string  `json:"text"`
	Start     int     `json:"start"`
	End       int     `json:"end"`
	Score     float64 `json:"score"`
	// Plan is true for chunks in the plan for the coming year, false for
	// the review of the past year and the rest.
	Plan bool `json:"plan"`
}
