package k8s

import (
	"bytes"
	"testing"

	"sigs.k8s.io/kustomize/kyaml/filesys"
)

// replaceIn edits one file of the copy the test renders.
func replaceIn(t *testing.T, path, old, new string) func(filesys.FileSystem) {
	return func(fs filesys.FileSystem) {
		b, err := fs.ReadFile(path)
		if err != nil || !bytes.Contains(b, []byte(old)) {
			t.Fatalf("%s does not contain %q", path, old)
		}
		fs.WriteFile(path, bytes.Replace(b, []byte(old), []byte(new), 1))
	}
}

// TestTheChecksCatchBrokenManifests breaks the manifests one way at a time
// and checks that the Deployment's checks report it.
func TestTheChecksCatchBrokenManifests(t *testing.T) {
	const dep = "/k8s/base/deployment.yaml"
	cases := map[string]func(filesys.FileSystem){
		"readiness on /healthz":  replaceIn(t, dep, "path: /readyz", "path: /healthz"),
		"probe on another port":  replaceIn(t, dep, "port: http\n            periodSeconds: 5", "port: 9090\n            periodSeconds: 5"),
		"secret key missing":     replaceIn(t, dep, "key: REDIS_URL", "key: REDIS_ADDRESS"),
		"variable not in README": replaceIn(t, dep, "name: IGFPLUS_DATA", "name: IGFPLUS_DATA_DIR"),
		"short grace period":     replaceIn(t, dep, "terminationGracePeriodSeconds: 45", "terminationGracePeriodSeconds: 15"),
	}
	for name, edit := range cases {
		t.Run(name, func(t *testing.T) {
			if ps := checkDeployment(renderOverlay(t, "overlays/production", edit)); len(ps) == 0 {
				t.Errorf("the checks passed a Deployment with %s", name)
			} else {
				t.Logf("caught: %v", ps)
			}
		})
	}
}
