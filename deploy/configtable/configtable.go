// Package configtable reads the configuration table of the README (flag,
// environment variable, default, meaning), so that the deployment files'
// tests can check that every variable they set is one the platform reads.
package configtable

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strings"
)

// Variables returns the environment variables named in the second column
// of the README's configuration table (the one whose header reads
// "| flag | environment |").
func Variables(readme []byte) (map[string]bool, error) {
	vars := map[string]bool{}
	inTable := false
	sc := bufio.NewScanner(bytes.NewReader(readme))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "| flag | environment |") {
			inTable = true
			continue
		}
		if !inTable {
			continue
		}
		if !strings.HasPrefix(line, "|") {
			break
		}
		cells := strings.Split(line, "|")
		if len(cells) < 3 || strings.HasPrefix(strings.TrimSpace(cells[1]), "---") {
			continue
		}
		if name := strings.Trim(strings.TrimSpace(cells[2]), "`"); name != "" {
			vars[name] = true
		}
	}
	if len(vars) == 0 {
		return nil, fmt.Errorf("configtable: no configuration table in the README")
	}
	return vars, sc.Err()
}

// FromFile reads the README at path.
func FromFile(path string) (map[string]bool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Variables(b)
}

// Platform reports whether name is one of the platform's own variables
// (the ones the README's table must list), as opposed to another
// program's such as POSTGRES_PASSWORD.
func Platform(name string) bool {
	return strings.HasPrefix(name, "IGFPLUS_") || name == "DATABASE_URL" || name == "REDIS_URL"
}
