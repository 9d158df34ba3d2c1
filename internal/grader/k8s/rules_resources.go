package k8s

import (
	"fmt"
	"regexp"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/iactutor/iactutor/internal/msg"
)

// checkResources looks at a container's requests and limits: units that are
// surely wrong, limits under requests, and missing values.
func (c *checker) checkResources(i int, cp string, ct corev1.Container, main bool) {
	for _, part := range []string{"requests", "limits"} {
		list := ct.Resources.Requests
		if part == "limits" {
			list = ct.Resources.Limits
		}
		for _, name := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
			path := fmt.Sprintf("%s.resources.%s.%s", cp, part, name)
			raw, ok := c.rawScalar(i, path)
			if !ok {
				continue
			}
			if _, parsed := list[name]; !parsed {
				continue // not a valid quantity: reported while loading
			}
			if s, hint := unitProblem(string(name), raw); !s.IsZero() {
				c.r.add(ruleQuantityUnit, c.rng(i, path), s, hint)
			}
		}
	}
	for _, name := range sortedKeys(ct.Resources.Limits) {
		lim := ct.Resources.Limits[name]
		req, ok := ct.Resources.Requests[name]
		if !ok || lim.Cmp(req) >= 0 {
			continue
		}
		// A value that is not a quantity is reported once, as invalid;
		// comparing the zero it decoded to would only add noise.
		if !c.validQuantity(i, fmt.Sprintf("%s.resources.limits.%s", cp, name)) || !c.validQuantity(i, fmt.Sprintf("%s.resources.requests.%s", cp, name)) {
			continue
		}
		c.r.add(ruleLimitBelowRequest, c.rng(i, fmt.Sprintf("%s.resources.limits[%q]", cp, string(name))),
			msg.New("k8s.limit-below-request", msg.Args{"Container": q(ct.Name), "Resource": clip(string(name)), "Limit": clip(lim.String()), "Request": clip(req.String())}),
			msg.New("k8s.limit-below-request.hint", msg.Args{"Request": clip(req.String())}))
	}
	if !main {
		return
	}
	var missing []string
	if _, ok := ct.Resources.Requests[corev1.ResourceCPU]; !ok {
		missing = append(missing, "requests.cpu")
	}
	if _, ok := ct.Resources.Requests[corev1.ResourceMemory]; !ok {
		if _, lim := ct.Resources.Limits[corev1.ResourceMemory]; !lim {
			// a memory limit alone also sets the request
			missing = append(missing, "requests.memory")
		}
	}
	if _, ok := ct.Resources.Limits[corev1.ResourceMemory]; !ok {
		missing = append(missing, "limits.memory")
	}
	if len(missing) == 0 {
		return
	}
	if _, ok := ct.Resources.Requests[corev1.ResourceCPU]; !ok {
		if _, lim := ct.Resources.Limits[corev1.ResourceCPU]; lim {
			// a CPU limit alone also sets the request
			missing = missing[1:]
			if len(missing) == 0 {
				return
			}
		}
	}
	at := cp + ".resources"
	if !c.exists(i, at) {
		at = cp + ".name"
	}
	c.r.add(ruleMissingResources, c.keyRng(i, at),
		msg.New("k8s.missing-resources", msg.Args{"Container": q(ct.Name), "Missing": strings.Join(missing, ", ")}),
		msg.New("k8s.missing-resources.hint", nil))
}

// rawScalar returns the text of the scalar at path.
func (c *checker) rawScalar(i int, path string) (string, bool) {
	segs, ok := parsePath(path)
	if !ok {
		return "", false
	}
	_, v := walkPath(c.root(i), segs)
	return scalarString(v)
}

var bareNumber = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)

// unitProblem spots quantities that parse but surely mean something else.
func unitProblem(name, raw string) (summary, hint msg.Text) {
	raw = strings.TrimSpace(raw)
	qty, err := resource.ParseQuantity(raw)
	if err != nil {
		return msg.Text{}, msg.Text{}
	}
	switch name {
	case "memory":
		if bareNumber.MatchString(raw) && qty.Value() < 1<<20 {
			return msg.New("k8s.quantity-unit.memory-bytes", msg.Args{"Value": clip(raw)}), didYouMean(raw + "Mi")
		}
		if strings.HasSuffix(raw, "m") {
			num := strings.TrimSuffix(raw, "m")
			return msg.New("k8s.quantity-unit.memory-millibytes", msg.Args{"Value": clip(raw), "Number": clip(num)}), didYouMean(num + "Mi")
		}
	case "cpu":
		if bareNumber.MatchString(raw) && qty.Cmp(resource.MustParse("100")) >= 0 {
			return msg.New("k8s.quantity-unit.cpu-cores", msg.Args{"Value": clip(raw)}),
				msg.New("k8s.quantity-unit.cpu-cores.hint", msg.Args{"Suggestion": bt(raw + "m")})
		}
		if strings.HasSuffix(raw, "i") || strings.HasSuffix(raw, "k") || strings.HasSuffix(raw, "M") || strings.HasSuffix(raw, "G") {
			return msg.New("k8s.quantity-unit.cpu-memory-unit", msg.Args{"Value": clip(raw)}), msg.New("k8s.quantity-unit.cpu-memory-unit.hint", nil)
		}
	}
	return msg.Text{}, msg.Text{}
}

var wrongSuffix = regexp.MustCompile(`^\s*([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]+)\s*$`)

// quantityHint suggests the quantity a learner probably meant.
func quantityHint(raw, field string) msg.Text {
	m := wrongSuffix.FindStringSubmatch(raw)
	if m != nil {
		num, unit := m[1], strings.ToLower(m[2])
		switch unit {
		case "mb", "mib", "mi":
			return msg.New("k8s.quantity-invalid.megabytes", msg.Args{"Binary": bt(num + "Mi"), "Decimal": bt(num + "M")})
		case "gb", "gib", "gi":
			return msg.New("k8s.quantity-invalid.gigabytes", msg.Args{"Binary": bt(num + "Gi"), "Decimal": bt(num + "G")})
		case "kb", "kib", "ki":
			return msg.New("k8s.quantity-invalid.kilobytes", msg.Args{"Binary": bt(num + "Ki"), "Decimal": bt(num + "k")})
		case "tb", "tib", "ti":
			return msg.New("k8s.quantity-invalid.terabytes", msg.Args{"Binary": bt(num + "Ti"), "Decimal": bt(num + "T")})
		case "m", "millicores", "millicpu", "mcpu":
			return msg.New("k8s.quantity-invalid.millicores", msg.Args{"Value": bt(num + "m")})
		case "cores", "core", "cpu", "cpus", "vcpu", "vcpus":
			return msg.New("k8s.quantity-invalid.cores", msg.Args{"Value": bt(num)})
		}
	}
	if field == "cpu" {
		return msg.New("k8s.quantity-invalid.cpu", nil)
	}
	return msg.New("k8s.quantity-invalid.hint", nil)
}

// checkImage warns about images that will not pull reliably in a cloud
// cluster. An image without a registry is a Docker Hub image, which is
// common and valid in real repositories; the course asks learners to name
// their registry, so only an exercise (Options.Complete) warns about it.
func (c *checker) checkImage(i int, cp string, ct corev1.Container) {
	img := strings.TrimSpace(ct.Image)
	if img == "" {
		return
	}
	path := cp + ".image"
	ref := parseImage(img)
	if ref.digest == "" && (ref.tag == "" || ref.tag == "latest") {
		s := msg.New("k8s.image-latest.untagged", msg.Args{"Image": q(img)})
		if ref.tag == "latest" {
			s = msg.New("k8s.image-latest", msg.Args{"Image": q(img)})
		}
		c.r.add(ruleImageLatest, c.rng(i, path), s,
			msg.New("k8s.image-latest.hint", msg.Args{"Example": bt(ref.name + ":1.0.0")}))
	}
	if ref.registry == "" && c.opt.Complete {
		c.r.add(ruleImageRegistry, c.rng(i, path),
			msg.New("k8s.image-registry", msg.Args{"Image": q(img)}),
			msg.New("k8s.image-registry.hint", msg.Args{"Example": bt("ghcr.io/acme/" + lastSegment(ref.name) + ":1.0.0")}))
	}
}

type imageRef struct{ registry, name, tag, digest string }

func parseImage(s string) imageRef {
	var r imageRef
	if at := strings.IndexByte(s, '@'); at >= 0 {
		s, r.digest = s[:at], s[at+1:]
	}
	slash := strings.LastIndexByte(s, '/')
	if colon := strings.LastIndexByte(s, ':'); colon > slash {
		s, r.tag = s[:colon], s[colon+1:]
	}
	if first, rest, ok := strings.Cut(s, "/"); ok && (strings.ContainsAny(first, ".:") || first == "localhost") {
		r.registry, s = first, rest
	}
	r.name = s
	return r
}

func lastSegment(s string) string {
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// validQuantity reports whether the scalar at path parses as a quantity
// (or is absent, when a default applies).
func (c *checker) validQuantity(i int, path string) bool {
	raw, ok := c.rawScalar(i, path)
	if !ok {
		return true
	}
	_, err := resource.ParseQuantity(raw)
	return err == nil
}
