package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The module whose source the error catalogue translates.
const (
	modulePath  = "github.com/igfplus/igfplus"
	igfplusPath = modulePath + "/tracks/igfplus"
)

// sourceMessages walks the module's Go source (tests and testdata aside)
// and returns every English message an error can show, each with where it
// is: the constant format of igfplus.Errorf, the Message of an
// igfplus.Error literal, and every constant igfplus.Text (converted,
// declared, in a slice or map of Text, returned by a function that returns
// Text, or passed where a function or method takes a Text). A format or Message that is not a constant is reported
// in unresolved: its translations could not be found.
func sourceMessages(t *testing.T) (found map[string]string, unresolved []string) {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	w := &walker{root: root, fset: token.NewFileSet(), consts: map[string]map[string]ast.Expr{}, files: map[string][]*ast.File{}}
	if err := w.parse(); err != nil {
		t.Fatal(err)
	}
	w.found = map[string]string{}
	w.textParams = map[string][]int{}
	for dir, files := range w.files {
		for _, f := range files {
			w.params(dir, f)
		}
	}
	for dir, files := range w.files {
		for _, f := range files {
			w.file(dir, f)
		}
	}
	return w.found, w.unresolved
}

type walker struct {
	root   string
	fset   *token.FileSet
	files  map[string][]*ast.File         // by package directory
	consts map[string]map[string]ast.Expr // by package directory, then name
	// textParams are the functions (and methods) with parameters of type
	// igfplus.Text: by package directory and name, their indexes.
	textParams map[string][]int
	found      map[string]string
	unresolved []string
}

// parse reads every non-test Go file of the module and the string
// constants (and string variables) each package declares.
func (w *walker) parse() error {
	return filepath.WalkDir(w.root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != w.root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(w.fset, path, src, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		dir := filepath.Dir(path)
		w.files[dir] = append(w.files[dir], f)
		if w.consts[dir] == nil {
			w.consts[dir] = map[string]ast.Expr{}
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || (gd.Tok != token.CONST && gd.Tok != token.VAR) {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if i < len(vs.Values) {
						w.consts[dir][n.Name] = vs.Values[i]
					}
				}
			}
		}
		return nil
	})
}

// fileCtx is what resolving a name in one file needs.
type fileCtx struct {
	dir     string
	imports map[string]string // local name -> directory
	inPkg   bool              // the file is in package igfplus
}

func (w *walker) file(dir string, f *ast.File) {
	fc := w.ctxOf(dir, f.Imports)
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			w.call(fc, n)
		case *ast.CompositeLit:
			w.composite(fc, n)
		case *ast.ValueSpec:
			if n.Type != nil && w.isIgf(fc, n.Type, "Text") {
				for _, v := range n.Values {
					w.take(fc, v, false)
				}
			}
		case *ast.FuncDecl:
			w.textFunc(fc, n)
		}
		return true
	})
}

func (w *walker) dirOf(importPath string) string {
	return filepath.Join(w.root, filepath.FromSlash(strings.TrimPrefix(importPath, modulePath)))
}

// isIgf says whether e names igfplus's name (qualified, or bare inside
// the package itself).
func (w *walker) isIgf(fc fileCtx, e ast.Expr, name string) bool {
	switch e := e.(type) {
	case *ast.SelectorExpr:
		x, ok := e.X.(*ast.Ident)
		return ok && e.Sel.Name == name && fc.imports[x.Name] == w.dirOf(igfplusPath)
	case *ast.Ident:
		return fc.inPkg && e.Name == name
	}
	return false
}

// params records the functions of f that take a Text: a constant passed
// to one is a message.
func (w *walker) params(dir string, f *ast.File) {
	fc := w.ctxOf(dir, f.Imports)
	for _, decl := range f.Decls {
		fd, ok := decl.(*ast.FuncDecl)
		if !ok {
			continue
		}
		i := 0
		for _, field := range fd.Type.Params.List {
			n := max(len(field.Names), 1)
			if w.isIgf(fc, field.Type, "Text") {
				key := dir + "." + fd.Name.Name
				if fd.Recv != nil {
					// A method is called on a value of any package.
					key = "method." + fd.Name.Name
				}
				for k := range n {
					w.textParams[key] = append(w.textParams[key], i+k)
				}
			}
			i += n
		}
	}
}

// textArgs returns the indexes of the Text parameters of the function c
// calls, if it is one of the module's.
func (w *walker) textArgs(fc fileCtx, c *ast.CallExpr) []int {
	switch f := c.Fun.(type) {
	case *ast.Ident:
		return w.textParams[fc.dir+"."+f.Name]
	case *ast.SelectorExpr:
		if x, ok := f.X.(*ast.Ident); ok {
			if dir, ok := fc.imports[x.Name]; ok {
				return w.textParams[dir+"."+f.Sel.Name]
			}
		}
		return w.textParams["method."+f.Sel.Name]
	}
	return nil
}

func (w *walker) call(fc fileCtx, c *ast.CallExpr) {
	for _, i := range w.textArgs(fc, c) {
		if i < len(c.Args) {
			w.take(fc, c.Args[i], false)
		}
	}
	switch {
	case w.isIgf(fc, c.Fun, "Errorf") && len(c.Args) >= 2:
		w.take(fc, c.Args[1], true)
	case w.isIgf(fc, c.Fun, "Text") && len(c.Args) == 1:
		w.take(fc, c.Args[0], false) // a conversion of a value not known here is the vocabulary's
	}
}

func (w *walker) composite(fc fileCtx, cl *ast.CompositeLit) {
	switch t := cl.Type.(type) {
	case *ast.ArrayType:
		if w.isIgf(fc, t.Elt, "Text") {
			for _, e := range cl.Elts {
				w.take(fc, e, false)
			}
		}
	case *ast.MapType:
		if w.isIgf(fc, t.Value, "Text") {
			for _, e := range cl.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					w.take(fc, kv.Value, false)
				}
			}
		}
	default:
		if !w.isIgf(fc, cl.Type, "Error") {
			return
		}
		for _, e := range cl.Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Message" {
					w.take(fc, kv.Value, true)
				}
			}
		}
	}
}

// textFunc takes the constant results of a function that returns a Text.
func (w *walker) textFunc(fc fileCtx, fd *ast.FuncDecl) {
	res := fd.Type.Results
	if fd.Body == nil || res == nil || len(res.List) != 1 || !w.isIgf(fc, res.List[0].Type, "Text") {
		return
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if r, ok := n.(*ast.ReturnStmt); ok && len(r.Results) == 1 {
			w.take(fc, r.Results[0], false)
		}
		_, lit := n.(*ast.FuncLit)
		return !lit
	})
}

// take records the message e, which must be a constant when required.
func (w *walker) take(fc fileCtx, e ast.Expr, required bool) {
	s, ok := w.resolve(fc, e, 0)
	if ok && s == "" {
		return // no message: pgdb.NotFound(err, "") asks only for the kind
	}
	if !ok {
		if required {
			w.unresolved = append(w.unresolved, w.fset.Position(e.Pos()).String())
		}
		return
	}
	if _, seen := w.found[s]; !seen {
		w.found[s] = w.fset.Position(e.Pos()).String()
	}
}

// resolve evaluates a constant string expression: literals, their sums,
// and names of constants of this package or another of the module.
func (w *walker) resolve(fc fileCtx, e ast.Expr, depth int) (string, bool) {
	if depth > 10 {
		return "", false
	}
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind == token.STRING {
			s, err := strconv.Unquote(e.Value)
			return s, err == nil
		}
	case *ast.ParenExpr:
		return w.resolve(fc, e.X, depth+1)
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			a, ok1 := w.resolve(fc, e.X, depth+1)
			b, ok2 := w.resolve(fc, e.Y, depth+1)
			return a + b, ok1 && ok2
		}
	case *ast.CallExpr: // a conversion, igfplus.Text("...")
		if w.isIgf(fc, e.Fun, "Text") && len(e.Args) == 1 {
			return w.resolve(fc, e.Args[0], depth+1)
		}
	case *ast.Ident:
		if v, ok := w.consts[fc.dir][e.Name]; ok {
			return w.resolve(fc, v, depth+1)
		}
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok {
			if dir, ok := fc.imports[x.Name]; ok {
				if v, ok := w.consts[dir][e.Sel.Name]; ok {
					return w.resolve(w.pkgCtx(dir), v, depth+1)
				}
			}
		}
	}
	return "", false
}

// ctxOf is the context of a file of the package in dir importing imports.
func (w *walker) ctxOf(dir string, imports []*ast.ImportSpec) fileCtx {
	fc := fileCtx{dir: dir, imports: map[string]string{}, inPkg: dir == w.dirOf(igfplusPath)}
	for _, im := range imports {
		p, _ := strconv.Unquote(im.Path.Value)
		if !strings.HasPrefix(p, modulePath) {
			continue
		}
		name := p[strings.LastIndex(p, "/")+1:]
		if im.Name != nil {
			name = im.Name.Name
		}
		fc.imports[name] = w.dirOf(p)
	}
	return fc
}

// pkgCtx is the context of the package in dir, all its files' imports
// together (a constant's value may name another package's).
func (w *walker) pkgCtx(dir string) fileCtx {
	var imports []*ast.ImportSpec
	for _, f := range w.files[dir] {
		imports = append(imports, f.Imports...)
	}
	return w.ctxOf(dir, imports)
}
