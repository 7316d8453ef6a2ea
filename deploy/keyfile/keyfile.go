// Package keyfile keeps a secret in a file of its own, made on first use:
// how an installation without configuration gets stable keys (the token
// signing key in the data folder, the ballot key outside it).
package keyfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// LoadOrCreate returns the text kept in the file at path (trimmed), first
// writing generate's there (mode 0600, its folder 0700) when there is none.
// The file is written whole aside and linked into place: the link fails
// if the file exists, so when two processes start at once one writes it
// and the other reads it, and nobody reads a half-written key. A file that
// others may read or write is refused, as ssh refuses a private key.
func LoadOrCreate(path string, generate func() (string, error)) (string, error) {
	if s, err := read(path); !errors.Is(err, fs.ErrNotExist) {
		return s, err
	}
	secret, err := generate()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", fmt.Errorf("keyfile: the folder of %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".key-*") // mode 0600
	if err != nil {
		return "", fmt.Errorf("keyfile: create %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.WriteString(secret + "\n")
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("keyfile: write %s: %w", path, err)
	}
	if err := os.Link(tmp.Name(), path); err != nil && !errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("keyfile: install %s: %w", path, err)
	}
	return read(path)
}

func read(path string) (string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	if info.Mode().Perm()&0o077 != 0 {
		return "", fmt.Errorf("keyfile: %s is accessible to others (mode %v): chmod 600 it", path, info.Mode().Perm())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(b)), nil
}

// Within reports whether path is dir or under it: a key kept apart from a
// folder (the ballot key from the data folder) must not be inside it.
func Within(dir, path string) bool {
	d, err1 := filepath.Abs(dir)
	p, err2 := filepath.Abs(path)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(d, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
