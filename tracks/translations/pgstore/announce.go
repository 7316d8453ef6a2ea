package pgstore

import (
	"context"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/translations"
)

// sessionOf finds the session whose room shows each kind of text: open
// room pages show their session's title, description and agenda.
var sessionOf = map[translations.Kind]string{
	translations.Session:    `SELECT id FROM sessions WHERE id = $1`,
	translations.AgendaItem: `SELECT session_id FROM agenda_items WHERE id = $1`,
}

// touched is a text that a save changed, in which languages.
type touched struct {
	ref   translations.Ref
	langs []string
}

// changed lists the texts put and remove touch, each with its languages,
// in the order first touched.
func changed(put []translations.Translation, remove []translations.Key) []touched {
	var out []touched
	add := func(k translations.Key) {
		i := slices.IndexFunc(out, func(t touched) bool { return t.ref == k.Ref })
		if i < 0 {
			out, i = append(out, touched{ref: k.Ref}), len(out)
		}
		if !slices.Contains(out[i].langs, k.Lang) {
			out[i].langs = append(out[i].langs, k.Lang)
		}
	}
	for _, t := range put {
		add(t.Key)
	}
	for _, k := range remove {
		add(k)
	}
	return out
}

// announce appends, inside tx, a content.translated to the room of the
// session that shows each changed text: which text, in which languages,
// never the text (a reader's page reads its own language again).
func announce(ctx context.Context, tx pgx.Tx, texts []touched) ([]hub.Event, error) {
	var events []hub.Event
	for _, t := range texts {
		ref, langs := t.ref, t.langs
		q, ok := sessionOf[ref.Kind]
		if !ok {
			continue
		}
		var session int64
		if err := tx.QueryRow(ctx, q, ref.ID).Scan(&session); err != nil {
			return nil, pgdb.Wrap(err, "translations: the session of %s %d", ref.Kind, ref.ID)
		}
		slices.Sort(langs)
		ev, err := pglog.Append(ctx, tx, sessions.RoomName(session), sessions.KindContentTranslated,
			sessions.TranslatedEvent{Kind: string(ref.Kind), ID: ref.ID, Languages: langs})
		if err != nil {
			return nil, err
		}
		events = append(events, ev)
	}
	return events, nil
}
