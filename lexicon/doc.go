// Package lexicon is the one home of the genre's vocabulary: what Chinese
// government work reports (政府工作报告, 党工委工作报告) and the questions
// people ask about them are made of, as opposed to the words of any one
// report. It holds page furniture words, heading shapes and part kinds,
// figure units, approximate words and set phrases that are not quantities,
// the genre's abbreviations and synonyms, question words, and the fixed
// English renderings of official terms. Larger resources generated from
// real data live in subpackages: [github.com/reportbot/reportbot/lexicon/cedict]
// (CC-CEDICT) and [github.com/reportbot/reportbot/lexicon/regions]
// (administrative divisions, GB/T 2260).
//
// lexicon imports only the standard library, so report may use it.
package lexicon
