package folder

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"
)

// Letter is a mail read back: its headers and its parts.
type Letter struct {
	MessageID, From, To, Subject string
	Date                         time.Time
	Text, HTML                   string
}

// Parse reads one RFC 5322 message with a plain-text part and, perhaps, an
// HTML alternative (what smtpsend.Compose writes; the tests read what
// their SMTP server received with it too).
func Parse(raw []byte) (Letter, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return Letter{}, err
	}
	h := msg.Header
	dec := new(mime.WordDecoder)
	subject, err := dec.DecodeHeader(h.Get("Subject"))
	if err != nil {
		return Letter{}, err
	}
	l := Letter{MessageID: strings.Trim(h.Get("Message-ID"), "<>"), From: h.Get("From"), To: addresses(h, "To"), Subject: subject}
	l.Date, _ = h.Date()
	err = readPart(&l, h.Get("Content-Type"), h.Get("Content-Transfer-Encoding"), msg.Body)
	return l, err
}

// addresses are the bare addresses of the header key ("a@x, b@y"), or
// the header as it is when it does not parse.
func addresses(h mail.Header, key string) string {
	list, err := h.AddressList(key)
	if err != nil {
		return h.Get(key)
	}
	out := make([]string, len(list))
	for i, a := range list {
		out[i] = a.Address
	}
	return strings.Join(out, ", ")
}

// readPart reads a body of type ctype into l: text/plain, text/html, or a
// multipart holding them.
func readPart(l *Letter, ctype, encoding string, body io.Reader) error {
	media, params, err := mime.ParseMediaType(ctype)
	if err != nil {
		return err
	}
	if strings.HasPrefix(media, "multipart/") {
		r := multipart.NewReader(body, params["boundary"])
		for {
			p, err := r.NextRawPart()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return err
			}
			if err := readPart(l, p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p); err != nil {
				return err
			}
		}
	}
	switch strings.ToLower(encoding) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body) // skips line breaks
	}
	b, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	switch media {
	case "text/plain":
		l.Text = string(b)
	case "text/html":
		l.HTML = string(b)
	}
	return nil
}
