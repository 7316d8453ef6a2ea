package finding

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/translations"
)

// Kind is what a search result is.
type Kind string

// The kinds of result.
const (
	KindSession        Kind = "session"
	KindRecommendation Kind = "recommendation"
	KindPublication    Kind = "publication"
)

// Result is one search hit: Snippet is plain text around the matched
// words (never HTML), Link the page's path.
type Result struct {
	Kind  Kind   `json:"kind"`
	ID    int64  `json:"id"`
	Title string `json:"title"`
	// TitleLang is the language Title is shown in: the reader's where
	// translated, else the source's.
	TitleLang string `json:"title_lang"`
	Snippet   string `json:"snippet"`
	Link      string `json:"link"`
	// Titled is what Title is the title of: the session, or the
	// recommendation's version shown (its latest; a publication's, the
	// one published), in its source language.
	Titled translations.Ref `json:"-"`
}

// MaxQuery is the longest query accepted, in characters.
const MaxQuery = 200

// SearchLimit is how many results a search returns at most.
const SearchLimit = 50

// Searcher runs a query over the public content. lang is the reader's
// language: the query is stemmed in it as well as matched word for word.
type Searcher interface {
	Search(ctx context.Context, q, lang string, limit int) ([]Result, error)
}

// CheckQuery trims q and refuses an empty or over-long one.
func CheckQuery(q string) (string, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return "", igfplus.Errorf(igfplus.EInvalid, "Type something to search for.")
	}
	if utf8.RuneCountInString(q) > MaxQuery {
		return "", igfplus.Errorf(igfplus.EInvalid, "A search is at most %d characters.", MaxQuery)
	}
	return q, nil
}
