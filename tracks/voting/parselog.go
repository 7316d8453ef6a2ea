package voting

import (
	"encoding/json"
	"fmt"
)

// ParseLog decodes a closed poll's public ballot log as GET
// /api/polls/{id}/log serves it (what `igfplus verify` reads from a server
// or a saved file); Verify then recomputes the chain and the result from it
// alone.
func ParseLog(raw []byte) (PublicLog, error) {
	var l PublicLog
	if err := json.Unmarshal(raw, &l); err != nil {
		return l, fmt.Errorf("the ballot log is not valid JSON: %w", err)
	}
	return l, nil
}
