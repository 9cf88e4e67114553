// Package qa answers questions about parsed work reports with citations
// that can be checked: every citation carries the passage text and its
// [Start, End) offsets in code points of the report, and the text is
// exactly that slice of the source.
//
// # Pipeline
//
// [Engine.Ask] runs one question through stages that each own one
// decision, in files named after them:
//
//   - understand (question.go, english.go, terms.go, pinyin.go): the
//     question becomes a [Question]: its language, the thing asked for (a
//     quantity, a change, a rate, a rank, a list, a section, an ordinal,
//     who/when/where), the period and whether a result or a target is
//     wanted, places named, and its content terms with their variants
//     (abbreviations and everyday wordings from package lexicon,
//     CC-CEDICT's near-synonyms for words the reports lack, English through
//     CC-CEDICT and pinyin for names) and their weights (rarity in the
//     loaded reports); a question with several asks is split into them
//     (split.go: question marks, two years or five-year plans, X比Y, two
//     subjects or two ask words of one);
//   - retrieve (package retrieve): chunks by BM25 over character bigrams
//     fused with vectors, then sentences scored by how much of the
//     question they cover (evidence.go);
//   - decide (decide.go): answerable or not, from the evidence: the
//     content covered, the asked quantity of the asked period and kind
//     present, the places named present; every refusal and its wording
//     live in refusal.go;
//   - compose (compose.go, structure.go, header.go, figures.go): the
//     extractive answer, from the report's header (who delivered it, when),
//     its structure (sections, ordinals, counts, lists) or the cited
//     sentences and the figure model; figures stated together take the
//     subject in their place (respective.go), a difference from another
//     period answers how a figure compares with it (gap.go), and a thing
//     described by what it does is asked again by the name a passage
//     defines for it (bridge.go);
//   - generate (generate.go): with an LLM, the model writes the answer from
//     the best passages whenever retrieval finds relevant text, and
//     decides itself whether they answer;
//   - verify (package answer's claim check): an LLM answer is kept only
//     when every sentence is supported by the passages it cites; otherwise
//     the extractive answer is returned with Mode fallback and a Note.
//
// Several reports can be loaded; every citation names its report, and an
// answer drawn from one of several says which. A question across reports
// (各省…, 哪个省…最高) is answered per report, and [Engine.Compare] returns
// the same figure of every report as rows (compare.go). The engine also
// serves the chat front's /figure, /section and /brief (capabilities.go).
//
// # Imports
//
// qa imports answer, report, lexicon, retrieve and go-openai. It never
// reads environment variables and never logs unless given a logger. An
// Engine is safe for concurrent use.
package qa
