package sessions

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// MaxChatRunes is the longest chat message accepted.
const MaxChatRunes = 2000

// ChatMessage is a plain-text message in a session's chat.
type ChatMessage struct {
	ID          int64                    `json:"id"`
	SessionID   int64                    `json:"session_id"`
	AuthorID    int64                    `json:"author_id"`
	AuthorName  string                   `json:"author_name"`
	AuthorGroup igfplus.StakeholderGroup `json:"author_group"`
	Body        string                   `json:"body"`
	CreatedAt   time.Time                `json:"created_at"`
	// ReplyTo is the message this one answers (0: none); Reply quotes it,
	// so that a client shows the reference without having it on screen.
	ReplyTo int64      `json:"reply_to,omitempty"`
	Reply   *ChatQuote `json:"reply,omitempty"`
}

// ChatQuote is the answered message as a reply shows it: who wrote it and
// the start of its text (empty once a moderator removed it).
type ChatQuote struct {
	ID         int64  `json:"id"`
	AuthorName string `json:"author_name"`
	Excerpt    string `json:"excerpt"`
}

// QuoteRunes is how much of the answered message a reply quotes.
const QuoteRunes = 140

// Excerpt shortens body to at most QuoteRunes characters for a quote.
func Excerpt(body string) string {
	if r := []rune(body); len(r) > QuoteRunes {
		return strings.TrimSpace(string(r[:QuoteRunes-1])) + "…"
	}
	return body
}

// CleanChatBody trims body and checks it is a message worth posting: not
// empty, not too long, valid UTF-8, and free of control characters other
// than line breaks and tabs.
func CleanChatBody(body string) (string, error) {
	body = strings.TrimSpace(body)
	switch {
	case body == "":
		return "", igfplus.Errorf(igfplus.EInvalid, "A message cannot be empty.")
	case !utf8.ValidString(body):
		return "", igfplus.Errorf(igfplus.EInvalid, "A message must be valid text.")
	case utf8.RuneCountInString(body) > MaxChatRunes:
		return "", igfplus.Errorf(igfplus.EInvalid, "A message can be at most %d characters long.", MaxChatRunes)
	}
	for _, r := range body {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			return "", igfplus.Errorf(igfplus.EInvalid, "A message cannot contain control characters.")
		}
	}
	return body, nil
}
