package k8s

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/yaml"
)

// rendered is the production overlay as the cluster would receive it,
// each object decoded into its API type.
type rendered struct {
	deployment *appsv1.Deployment
	service    *corev1.Service
	ingress    *networkingv1.Ingress
	hpa        *autoscalingv2.HorizontalPodAutoscaler
	pdb        *policyv1.PodDisruptionBudget
	secrets    map[string]*corev1.Secret
	configMaps map[string]*corev1.ConfigMap
}

// renderOverlay copies deploy/k8s into an in-memory filesystem (with the
// overlay's secrets.env made from its example, as an operator would), runs
// kustomize on the overlay and decodes what it emits.
func renderOverlay(t *testing.T, overlay string, edit func(fs filesys.FileSystem)) rendered {
	t.Helper()
	mem := filesys.MakeFsInMemory()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return mem.WriteFile(filepath.Join("/k8s", path), b)
	})
	if err != nil {
		t.Fatal(err)
	}
	example, err := mem.ReadFile("/k8s/overlays/production/secrets.env.example")
	if err != nil {
		t.Fatal(err)
	}
	mem.WriteFile("/k8s/overlays/production/secrets.env", example)
	if edit != nil {
		edit(mem)
	}
	resMap, err := krusty.MakeKustomizer(krusty.MakeDefaultOptions()).Run(mem, filepath.Join("/k8s", overlay))
	if err != nil {
		t.Fatalf("kustomize build: %v", err)
	}
	out := rendered{secrets: map[string]*corev1.Secret{}, configMaps: map[string]*corev1.ConfigMap{}}
	for _, r := range resMap.Resources() {
		y, err := r.AsYAML()
		if err != nil {
			t.Fatal(err)
		}
		if err := out.decode(r.GetKind(), y); err != nil {
			t.Fatalf("%s %s: %v\n%s", r.GetKind(), r.GetName(), err, y)
		}
	}
	return out
}

// decode decodes one object strictly: an unknown or duplicated field is an
// error, as is a kind the manifests are not expected to hold.
func (out *rendered) decode(kind string, y []byte) error {
	strict := func(v any) error { return yaml.UnmarshalStrict(y, v) }
	switch kind {
	case "Deployment":
		out.deployment = &appsv1.Deployment{}
		return strict(out.deployment)
	case "Service":
		out.service = &corev1.Service{}
		return strict(out.service)
	case "Ingress":
		out.ingress = &networkingv1.Ingress{}
		return strict(out.ingress)
	case "HorizontalPodAutoscaler":
		out.hpa = &autoscalingv2.HorizontalPodAutoscaler{}
		return strict(out.hpa)
	case "PodDisruptionBudget":
		out.pdb = &policyv1.PodDisruptionBudget{}
		return strict(out.pdb)
	case "Secret":
		s := &corev1.Secret{}
		if err := strict(s); err != nil {
			return err
		}
		out.secrets[s.Name] = s
		return nil
	case "ConfigMap":
		c := &corev1.ConfigMap{}
		if err := strict(c); err != nil {
			return err
		}
		out.configMaps[c.Name] = c
		return nil
	}
	return fmt.Errorf("unexpected kind %q", kind)
}

func TestTheProductionOverlayRendersIntoStrictlyValidObjects(t *testing.T) {
	r := renderOverlay(t, "overlays/production", nil)
	if r.deployment == nil || r.service == nil || r.ingress == nil || r.hpa == nil || r.pdb == nil {
		t.Fatalf("missing objects: %+v", r)
	}
	for _, name := range []string{r.deployment.Namespace, r.service.Namespace, r.ingress.Namespace, r.hpa.Namespace, r.pdb.Namespace} {
		if name != "igfplus" {
			t.Errorf("namespace %q, want igfplus", name)
		}
	}
}

func TestAnUnknownFieldInAManifestFailsValidation(t *testing.T) {
	mem := filesys.MakeFsInMemory()
	bad := []byte("apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: x\nspec:\n  maxUnavailabel: 1\n")
	mem.WriteFile("/k/pdb.yaml", bad)
	mem.WriteFile("/k/kustomization.yaml", []byte("resources:\n  - pdb.yaml\n"))
	resMap, err := krusty.MakeKustomizer(krusty.MakeDefaultOptions()).Run(mem, "/k")
	if err != nil {
		t.Fatal(err)
	}
	var out rendered
	y, _ := resMap.Resources()[0].AsYAML()
	if err := out.decode("PodDisruptionBudget", y); err == nil {
		t.Fatal("a misspelt field decoded without error")
	}
}
