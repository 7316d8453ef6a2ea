package voting

import (
	"encoding/binary"
	"errors"
	"slices"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Content is what a ballot says, sealed in its working row while the poll
// is open: the choice and the voter's stakeholder group, and for a named
// poll their region and name. A secret ballot's sealed content has one
// length whatever its group and choice, so that not even the size of a
// row tells them apart.
type Content struct {
	Group  igfplus.StakeholderGroup
	Choice Choice
	Region igfplus.Region // named polls only
	Name   string         // named polls only
}

// none marks an absent group or region in the encoding.
const none = 0xff

var answerCodes = []string{"", Yes, No, Abstain}

// rankingLen is the fixed size of a sealed ranking: one byte per possible
// option, so that every ranked ballot seals to one length however many
// candidates it ranks.
const rankingLen = maxOptions

// encode is [group][region][kind][4-byte choice][ranking][name]: the choice
// is an answer's code (kind 0) or a bit per chosen option (kind 1); a
// ranked ballot (kind 2) has rankingLen bytes of option numbers in order,
// zero-padded.
func (c Content) encode() ([]byte, error) {
	b := []byte{index(igfplus.StakeholderGroups, c.Group), index(igfplus.Regions, c.Region), 0, 0, 0, 0, 0}
	var v uint32
	switch {
	case len(c.Choice.Ranking) > 0:
		if len(c.Choice.Ranking) > rankingLen {
			return nil, errors.New("voting: ranking too long")
		}
		b[2] = 2
		r := make([]byte, rankingLen)
		for i, o := range c.Choice.Ranking {
			if o < 1 || o > rankingLen {
				return nil, errors.New("voting: option out of range")
			}
			r[i] = byte(o)
		}
		return append(append(b, r...), c.Name...), nil
	case c.Choice.Answer != "":
		code := slices.Index(answerCodes, c.Choice.Answer)
		if code < 1 {
			return nil, errors.New("voting: unknown answer")
		}
		v = uint32(code)
	default:
		b[2] = 1
		for _, o := range c.Choice.Options {
			if o < 1 || o > 32 {
				return nil, errors.New("voting: option out of range")
			}
			v |= 1 << (o - 1)
		}
	}
	binary.BigEndian.PutUint32(b[3:7], v)
	return append(b, c.Name...), nil
}

func index[T comparable](list []T, v T) byte {
	if i := slices.Index(list, v); i >= 0 {
		return byte(i)
	}
	return none
}

func decodeContent(b []byte) (Content, error) {
	if len(b) < 7 {
		return Content{}, errors.New("voting: a ballot's content is too short")
	}
	var c Content
	if int(b[0]) < len(igfplus.StakeholderGroups) {
		c.Group = igfplus.StakeholderGroups[b[0]]
	}
	if int(b[1]) < len(igfplus.Regions) {
		c.Region = igfplus.Regions[b[1]]
	}
	v := binary.BigEndian.Uint32(b[3:7])
	name := b[7:]
	switch {
	case b[2] == 2 && len(b) >= 7+rankingLen:
		for _, o := range b[7 : 7+rankingLen] {
			if o == 0 {
				break
			}
			c.Choice.Ranking = append(c.Choice.Ranking, int(o))
		}
		name = b[7+rankingLen:]
	case b[2] == 0 && v >= 1 && int(v) < len(answerCodes):
		c.Choice.Answer = answerCodes[v]
	case b[2] == 1:
		for o := 1; o <= 32; o++ {
			if v&(1<<(o-1)) != 0 {
				c.Choice.Options = append(c.Choice.Options, o)
			}
		}
	default:
		return Content{}, errors.New("voting: a ballot's choice does not decode")
	}
	c.Name = string(name)
	return c, nil
}
