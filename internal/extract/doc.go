// Package extract turns one fetched HTML page into a clean article: the
// article's own text and sanitized HTML plus its metadata, without the
// page's navigation, promotions, comments or link lists.
//
// Extraction is pure: it reads only the bytes it is given and never touches
// the network or the file system. An Extractor is safe for concurrent use.
package extract
