// Package assets serves the browser client's bundles (dist/, built from
// src/ by `go run ./frontend/assets/build`, committed) under content-hashed
// URLs: /assets/<name>.<hash>.<ext>, cached for a year as immutable, so a
// new release is fetched once and an unchanged one never again. A URL with
// a stale hash is a 404: the page that asked for it is older than the
// server.
//
// This package only embeds and serves; it does not import the bundler, so
// the server binary does not carry it.
package assets

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"
)

//go:embed dist
var dist embed.FS

// Prefix is the URL path under which the files are served.
const Prefix = "/assets/"

// cacheForever is for content-hashed URLs: the content of a URL never
// changes.
const cacheForever = "public, max-age=31536000, immutable"

type file struct {
	body   []byte
	gz     []byte // nil when compression does not pay
	ctype  string
	digest string
}

// Assets is the set of bundles, each under its hashed URL.
type Assets struct {
	urls  map[string]string // "app.js" -> "/assets/app.1a2b3c4d5e6f.js"
	files map[string]*file  // "app.1a2b3c4d5e6f.js" -> file
}

// New returns the embedded bundles.
func New() (*Assets, error) {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		return nil, err
	}
	return Load(sub)
}

// MustNew is New for program start: the embedded files are fixed at build
// time, so an error is a build mistake.
func MustNew() *Assets {
	a, err := New()
	if err != nil {
		panic(err)
	}
	return a
}

// Load hashes (and compresses, where that pays) the files at the root of
// fsys.
func Load(fsys fs.FS) (*Assets, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("assets: %w", err)
	}
	a := &Assets{urls: map[string]string{}, files: map[string]*file{}}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("assets: %w", err)
		}
		sum := sha256.Sum256(body)
		digest := hex.EncodeToString(sum[:6])
		ext := path.Ext(name)
		hashed := strings.TrimSuffix(name, ext) + "." + digest + ext
		ctype := mime.TypeByExtension(ext)
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		a.urls[name] = Prefix + hashed
		a.files[hashed] = &file{body: body, gz: compress(body), ctype: ctype, digest: digest}
	}
	return a, nil
}

// compress returns body gzipped, or nil when that saves little.
func compress(body []byte) []byte {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	w.Write(body)
	w.Close()
	if b.Len() > len(body)*9/10 {
		return nil
	}
	return b.Bytes()
}

// URL returns the hashed URL of the bundle name ("app.js", "app.css").
// Names are fixed when the program is built, so an unknown name is a
// programming mistake: URL panics (a template calling it fails with an
// error instead).
func (a *Assets) URL(name string) string {
	u, ok := a.urls[name]
	if !ok {
		panic(fmt.Sprintf("assets: no bundle %q", name))
	}
	return u
}

// Lookup returns the hashed URL of name and whether there is such a bundle.
func (a *Assets) Lookup(name string) (string, bool) {
	u, ok := a.urls[name]
	return u, ok
}

// Routes mounts GET /assets/:file on g.
func (a *Assets) Routes(g *echo.Group) {
	g.GET(Prefix+":file", a.serve)
}

// serve answers one hashed URL. An unhashed or stale name is a 404.
func (a *Assets) serve(c echo.Context) error {
	f, ok := a.files[c.Param("file")]
	if !ok {
		return echo.ErrNotFound
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, f.ctype)
	h.Set("Cache-Control", cacheForever)
	h.Set("ETag", `"`+f.digest+`"`)
	h.Add(echo.HeaderVary, echo.HeaderAcceptEncoding)
	if c.Request().Header.Get("If-None-Match") == `"`+f.digest+`"` {
		return c.NoContent(http.StatusNotModified)
	}
	body := f.body
	if f.gz != nil && acceptsGzip(c.Request()) {
		h.Set(echo.HeaderContentEncoding, "gzip")
		body = f.gz
	}
	return c.Blob(http.StatusOK, f.ctype, body)
}

// acceptsGzip reports whether the client takes gzip (and did not refuse it
// with q=0).
func acceptsGzip(r *http.Request) bool {
	for part := range strings.SplitSeq(r.Header.Get(echo.HeaderAcceptEncoding), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			q := strings.ReplaceAll(params, " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}
