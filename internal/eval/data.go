package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// GroundTruthFile is the name of the ground-truth file in a data directory.
const GroundTruthFile = "ground-truth.json"

// Truth is one ground-truth record: the article text and the page's URL.
type Truth struct {
	ArticleBody string `json:"articleBody"`
	URL         string `json:"url"`
}

// outputRecord is one document of a system's output file.
type outputRecord struct {
	ArticleBody string `json:"articleBody"`
}

// LoadGroundTruth reads DataDir/ground-truth.json.
func LoadGroundTruth(dataDir string) (map[string]Truth, error) {
	path := filepath.Join(dataDir, GroundTruthFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load ground truth: %w", err)
	}
	var gt map[string]Truth
	if err := json.Unmarshal(b, &gt); err != nil {
		return nil, fmt.Errorf("load ground truth %s: %w", path, err)
	}
	if len(gt) == 0 {
		return nil, fmt.Errorf("load ground truth %s: no documents", path)
	}
	return gt, nil
}

// LoadOutput reads one system's output file, {id: {"articleBody": text}},
// and returns the texts by ID.
func LoadOutput(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load output: %w", err)
	}
	var recs map[string]outputRecord
	if err := json.Unmarshal(b, &recs); err != nil {
		return nil, fmt.Errorf("load output %s: %w", path, err)
	}
	out := make(map[string]string, len(recs))
	for id, r := range recs {
		out[id] = r.ArticleBody
	}
	return out, nil
}

// WriteOutput writes texts by ID to path in the output shape,
// {id: {"articleBody": text}}, with IDs in sorted order.
func WriteOutput(path string, texts map[string]string) error {
	recs := make(map[string]outputRecord, len(texts))
	for id, t := range texts {
		recs[id] = outputRecord{ArticleBody: t}
	}
	return writeJSONFile(path, "output", recs, true)
}

// SystemOutputs lists DataDir/output/*.json and returns the paths by system
// name (the file name without .json), names sorted.
func SystemOutputs(dataDir string) ([]string, map[string]string, error) {
	paths, err := filepath.Glob(filepath.Join(dataDir, "output", "*.json"))
	if err != nil {
		return nil, nil, fmt.Errorf("list system outputs in %s: %w", dataDir, err)
	}
	byName := make(map[string]string, len(paths))
	names := make([]string, 0, len(paths))
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".json")
		byName[name] = p
		names = append(names, name)
	}
	sort.Strings(names)
	return names, byName, nil
}

// goldTexts returns the ground-truth article bodies by ID.
func goldTexts(gt map[string]Truth) map[string]string {
	out := make(map[string]string, len(gt))
	for id, t := range gt {
		out[id] = t.ArticleBody
	}
	return out
}
