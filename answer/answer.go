package answer

// Mode says how an answer was produced.
type Mode string

// The answer modes.
const (
	ModeExtractive Mode = "extractive" // offline, sentences and figures from the report
	ModeLLM        Mode = "llm"        // written by the LLM and checked
	ModeFallback   Mode = "fallback"   // the LLM failed or was not grounded; extractive answer shown
)

// Citation is one passage that supports an answer. Text is always
// exactly source[Start:End] in code points of the report it names.
type Citation struct {
	N         int    `json:"n"`          // the [n] marker in the answer
	ID        string `json:"id"`         // chunk or sentence ID
	Label     string `json:"label"`      // section label: 二(三) 聚焦交通畅行,…
	SectionID string `json:"section_id"` // report.Section.ID
	Report    string `json:"report"`     // report title
	File      string `json:"file,omitempty"`
	Date      string `json:"date,omitempty"`
	Status    string `json:"status,omitempty"` // 文件已失效 when the report is so marked
	Text      string `json:"text"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
}

// Answer is the result of a question. When the reports do not answer it,
// Answerable is false, Text says so and Citations is empty.
type Answer struct {
	Question   string `json:"question"`
	Text       string `json:"answer"`
	Answerable bool   `json:"answerable"`
	// Grounded is true when every claim in Text was checked against the
	// cited passages (numbers, directions, years, key terms) or computed
	// from them.
	Grounded  bool       `json:"grounded"`
	Mode      Mode       `json:"mode"`
	Note      string     `json:"note,omitempty"` // why a fallback happened, what was computed, …
	Citations []Citation `json:"citations"`
	// Reports names the reports the answer draws on, by title, in the
	// order they are first cited.
	Reports []string `json:"reports,omitempty"`
}

// Turn is one earlier exchange of a conversation, for follow-up questions.
type Turn struct {
	Question string
	Answer   Answer
}

// Request is a question with its per-call parameters.
type Request struct {
	Question string
	// History holds earlier turns, oldest first; follow-ups like
	// 比上年增长多少? are resolved against them.
	History []Turn
	// Report limits the answer to the reports whose title, region or file
	// name contains it; empty means all loaded reports.
	Report string
	// Section limits the search to a section ID prefix (p2, p2s3).
	Section string
	// K is the number of passages to retrieve; 0 means 5.
	K int
	// OnDelta, when set and an LLM is configured, receives checked text as
	// it becomes final. The final Answer is still returned.
	OnDelta func(string) `json:"-"`
}
