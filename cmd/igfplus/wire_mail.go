package main

import (
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"

	"github.com/igfplus/igfplus/frontend/mailtext"
	"github.com/igfplus/igfplus/frontend/pages"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/mail"
	"github.com/igfplus/igfplus/tracks/mail/folder"
	mailstore "github.com/igfplus/igfplus/tracks/mail/pgstore"
	"github.com/igfplus/igfplus/tracks/mail/smtpsend"
)

// outgoingMail is a node's mail: letters rendered and queued in the
// outbox, and the worker that sends them, through SMTP when --smtp-url is
// set, else into the data folder's mail folder (the zero-configuration
// run), which the Secretariat reads at /admin/mail.
type outgoingMail struct {
	queue  *mailtext.Queue
	outbox *mailstore.Outbox
	worker *mail.Worker
	folder *folder.Folder // nil with SMTP
}

func wireMail(cfg Config, db *pgdb.DB, log *slog.Logger) (*outgoingMail, error) {
	host := "localhost"
	if u, err := url.Parse(cfg.PublicURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	from := cfg.MailFrom
	if from == "" {
		from = "IGF Plus <noreply@" + host + ">"
	}
	renderer, err := mailtext.New(cfg.PublicURL)
	if err != nil {
		return nil, err
	}
	m := &outgoingMail{}
	var sender mail.Sender
	if cfg.SMTPURL != "" {
		if sender, err = smtpsend.New(cfg.SMTPURL, from, nil); err != nil {
			return nil, fmt.Errorf("IGFPLUS_SMTP_URL: %w", err)
		}
	} else {
		if m.folder, err = folder.New(filepath.Join(cfg.DataDir, "mail"), from); err != nil {
			return nil, err
		}
		sender = m.folder
		log.Info("no --smtp-url: mail is kept in the data folder and shown to the Secretariat at /admin/mail", "folder", m.folder.Dir())
	}
	outbox := mailstore.New(db, host)
	hostname, _ := os.Hostname()
	m.queue, m.outbox = &mailtext.Queue{Renderer: renderer, Outbox: outbox}, outbox
	m.worker = &mail.Worker{Outbox: outbox, Sender: sender, Name: fmt.Sprintf("%s:%d", hostname, os.Getpid()), Log: log}
	return m, nil
}

// page is the mail folder for the Secretariat's page, or nil (no page)
// when mail goes out through SMTP.
func (m *outgoingMail) page() pages.MailFolder {
	if m.folder == nil {
		return nil
	}
	return m.folder
}
