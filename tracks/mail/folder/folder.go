// Package folder keeps outgoing mail as files (mail.Sender) when the
// installation has no SMTP server, the zero-configuration run: each mail
// is one RFC 5322 message (<Message-ID>.eml, written whole or not at all)
// in a folder of the data folder, and List reads them back for the
// Secretariat's page. A mail handed over twice (a crash before it was
// marked sent) rewrites the same file: it is never there twice.
package folder

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/igfplus/igfplus/tracks/mail"
	"github.com/igfplus/igfplus/tracks/mail/smtpsend"
)

// Folder is the folder mail.Sender.
type Folder struct {
	dir, from string
}

var _ mail.Sender = (*Folder)(nil)

// New returns the folder dir (created when missing), its mails sent from
// from.
func New(dir, from string) (*Folder, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("mail folder: %w", err)
	}
	return &Folder{dir: dir, from: from}, nil
}

// Dir is the folder's path.
func (f *Folder) Dir() string { return f.dir }

// Send implements mail.Sender.
func (f *Folder) Send(_ context.Context, m mail.Message) error {
	msg, err := smtpsend.Compose(m, f.from)
	if err != nil {
		return mail.Permanent(err)
	}
	var b bytes.Buffer
	if _, err := msg.WriteTo(&b); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(f.dir, ".incoming-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after the rename, nothing there
	if _, err := tmp.Write(b.Bytes()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(f.dir, fileName(m.MessageID)))
}

// fileName is the file of a Message-ID: a hash, since a Message-ID may
// hold characters a file name may not.
func fileName(messageID string) string {
	sum := sha256.Sum256([]byte(messageID))
	return hex.EncodeToString(sum[:12]) + ".eml"
}

// List reads the folder's mails, newest first.
func (f *Folder) List(_ context.Context) ([]Letter, error) {
	entries, err := os.ReadDir(f.dir)
	if err != nil {
		return nil, fmt.Errorf("mail folder: %w", err)
	}
	var out []Letter
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".eml") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(f.dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("mail folder: %w", err)
		}
		l, err := Parse(b)
		if err != nil {
			return nil, fmt.Errorf("mail folder: %s: %w", e.Name(), err)
		}
		out = append(out, l)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.After(out[j].Date) })
	return out, nil
}
