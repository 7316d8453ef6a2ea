package voting

import (
	"strings"
	"testing"
)

func TestParseLogDecodesALogAndSaysWhenItIsNotJSON(t *testing.T) {
	l, err := ParseLog([]byte(`{"poll_id":3,"electorate":5,"entries":[],"chain_head":"ab"}`))
	if err != nil || l.PollID != 3 || l.Electorate != 5 || l.ChainHead != "ab" {
		t.Fatalf("ParseLog = %+v, %v", l, err)
	}
	if _, err := ParseLog([]byte(`<html>`)); err == nil || !strings.Contains(err.Error(), "not valid JSON") {
		t.Fatalf("ParseLog of HTML: %v, want an error saying the log is not valid JSON", err)
	}
}
