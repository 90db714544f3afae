// Package eval measures article extraction against ground truth with the
// shingle metric of the scrapinghub article-extraction-benchmark, and runs
// Storyline's extractor over a benchmark data directory to compare it with
// the other systems' recorded outputs.
package eval
