package sessions

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/igfplus/igfplus/tracks"
)

// MaxChatRunes is the longest chat message accepted.
const MaxChatRunes = 2000

// ChatMessage is a plain-text message in a session's chat.
type ChatMessage struct {
	ID          int64                   `json:"id"`
	SessionID   int64                   `json:"session_id"`
	AuthorID    int64                   `json:"author_id"`
	AuthorName  string                  `json:"author_name"`
	AuthorGroup tracks.StakeholderGroup `json:"author_group"`
	Body        string                  `json:"body"`
	CreatedAt   time.Time               `json:"created_at"`
}

// CleanChatBody trims body and checks it is a message worth posting: not
// empty, not too long, valid UTF-8, and free of control characters other
// than line breaks and tabs.
func CleanChatBody(body string) (string, error) {
	body = strings.TrimSpace(body)
	switch {
	case body == "":
		return "", tracks.Errorf(tracks.EInvalid, "A message cannot be empty.")
	case !utf8.ValidString(body):
		return "", tracks.Errorf(tracks.EInvalid, "A message must be valid text.")
	case utf8.RuneCountInString(body) > MaxChatRunes:
		return "", tracks.Errorf(tracks.EInvalid, "A message can be at most %d characters long.", MaxChatRunes)
	}
	for _, r := range body {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			return "", tracks.Errorf(tracks.EInvalid, "A message cannot contain control characters.")
		}
	}
	return body, nil
}
