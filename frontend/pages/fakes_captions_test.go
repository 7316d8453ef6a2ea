package pages

import (
	"context"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// captionFakes answer the caption channels for fakeSessions.
type captionFakes struct {
	channels   []sessions.CaptionChannel
	captioners []sessions.ChannelCaptioner
}

// mayReadCaptions refuses anonymous readers of a session that is not
// public, as the service does.
func (f *fakeSessions) mayReadCaptions(ctx context.Context, who igfplus.Identity, id int64) error {
	sess, err := f.Session(ctx, id)
	if err != nil {
		return err
	}
	if who.Anonymous() && !sess.Public() {
		return igfplus.Errorf(igfplus.EUnauthorized, "Sign in to follow this session.")
	}
	return nil
}

func (f *fakeSessions) Transcript(ctx context.Context, who igfplus.Identity, id int64) ([]sessions.Caption, error) {
	return f.captions, f.mayReadCaptions(ctx, who, id)
}

func (f *fakeSessions) CaptionChannels(ctx context.Context, who igfplus.Identity, id int64) ([]sessions.CaptionChannel, error) {
	return f.channels, f.mayReadCaptions(ctx, who, id)
}

func (f *fakeSessions) SessionCaptioners(ctx context.Context, who igfplus.Identity, id int64) ([]sessions.ChannelCaptioner, error) {
	return f.captioners, f.MayModerate(ctx, who, id)
}

func (f *fakeSessions) AddCaption(_ context.Context, _ igfplus.Identity, id, channel int64, text string) (sessions.Caption, error) {
	return sessions.Caption{}, f.did("caption.add %d %d %s", id, channel, text)
}

func (f *fakeSessions) SetUpCaptionChannel(_ context.Context, _ igfplus.Identity, id int64, language string, captioner int64) (sessions.CaptionChannel, error) {
	return sessions.CaptionChannel{}, f.did("caption.channel_add %d %s %d", id, language, captioner)
}

func (f *fakeSessions) RemoveCaptionChannel(_ context.Context, _ igfplus.Identity, id, channel int64) error {
	return f.did("caption.channel_remove %d %d", id, channel)
}
