package k8s

import (
	"fmt"
	"regexp"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
)

// checkResources looks at a container's requests and limits: units that are
// surely wrong, limits under requests, and missing values.
func (c *checker) checkResources(i int, cp string, ct corev1.Container, main bool) {
	l := c.r.l
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
			if s, hint := unitProblem(l, string(name), raw); s != "" {
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
			l.f("Container %s limits %s to %s, below its request of %s", "El contenedor %s limita %s a %s, por debajo de su petición de %s", q(ct.Name), clip(string(name)), clip(lim.String()), clip(req.String())),
			l.f("Raise the limit to at least %s, or lower the request.", "Sube el límite a al menos %s, o baja la petición.", clip(req.String())))
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
		l.f("Container %s sets no %s", "El contenedor %s no define %s", q(ct.Name), strings.Join(missing, ", ")),
		l.f("Add them under `resources:`, e.g. requests cpu: 250m, memory: 512Mi and limits memory: 1Gi, then tune from real usage.",
			"Añádelos bajo `resources:`, p. ej. requests cpu: 250m, memory: 512Mi y limits memory: 1Gi, y ajústalos después con el consumo real."))
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
func unitProblem(l lang, name, raw string) (summary, hint string) {
	raw = strings.TrimSpace(raw)
	qty, err := resource.ParseQuantity(raw)
	if err != nil {
		return "", ""
	}
	switch name {
	case "memory":
		if bareNumber.MatchString(raw) && qty.Value() < 1<<20 {
			return l.f("memory %s means %s bytes, far too little for any process", "memory %s significa %s bytes, muy poco para cualquier proceso", clip(raw), clip(raw)),
				l.f("Did you mean %s?", "¿Querías decir %s?", bt(raw+"Mi"))
		}
		if strings.HasSuffix(raw, "m") {
			num := strings.TrimSuffix(raw, "m")
			return l.f("memory %s means %s thousandths of a byte: the suffix m is for CPU", "memory %s significa %s milésimas de byte: el sufijo m es para CPU", clip(raw), clip(num)),
				l.f("Did you mean %s?", "¿Querías decir %s?", bt(num+"Mi"))
		}
	case "cpu":
		if bareNumber.MatchString(raw) && qty.Cmp(resource.MustParse("100")) >= 0 {
			return l.f("cpu %s means %s whole cores; no node has that many", "cpu %s significa %s núcleos enteros; ningún nodo tiene tantos", clip(raw), clip(raw)),
				l.f("Did you mean %s (millicores)?", "¿Querías decir %s (milinúcleos)?", bt(raw+"m"))
		}
		if strings.HasSuffix(raw, "i") || strings.HasSuffix(raw, "k") || strings.HasSuffix(raw, "M") || strings.HasSuffix(raw, "G") {
			return l.f("cpu %s uses a memory unit", "cpu %s usa una unidad de memoria", clip(raw)),
				l.f("Write CPU in cores or millicores, e.g. %s or %s.", "Escribe la CPU en núcleos o milinúcleos, p. ej. %s o %s.", bt("500m"), bt("1"))
		}
	}
	return "", ""
}

var wrongSuffix = regexp.MustCompile(`^\s*([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]+)\s*$`)

// quantityHint suggests the quantity a learner probably meant.
func quantityHint(l lang, raw, field string) string {
	m := wrongSuffix.FindStringSubmatch(raw)
	if m != nil {
		num, unit := m[1], strings.ToLower(m[2])
		switch unit {
		case "mb", "mib", "mi":
			return l.f("Kubernetes writes megabytes as %s (powers of 1024) or %s.", "Kubernetes escribe los megabytes como %s (potencias de 1024) o %s.", bt(num+"Mi"), bt(num+"M"))
		case "gb", "gib", "gi":
			return l.f("Kubernetes writes gigabytes as %s (powers of 1024) or %s.", "Kubernetes escribe los gigabytes como %s (potencias de 1024) o %s.", bt(num+"Gi"), bt(num+"G"))
		case "kb", "kib", "ki":
			return l.f("Kubernetes writes kilobytes as %s or %s.", "Kubernetes escribe los kilobytes como %s o %s.", bt(num+"Ki"), bt(num+"k"))
		case "tb", "tib", "ti":
			return l.f("Kubernetes writes terabytes as %s or %s.", "Kubernetes escribe los terabytes como %s o %s.", bt(num+"Ti"), bt(num+"T"))
		case "m", "millicores", "millicpu", "mcpu":
			return l.f("Write %s, with no space.", "Escribe %s, sin espacio.", bt(num+"m"))
		case "cores", "core", "cpu", "cpus", "vcpu", "vcpus":
			return l.f("Write the number of cores alone: %s.", "Escribe solo el número de núcleos: %s.", bt(num))
		}
	}
	if field == "cpu" {
		return l.f("Write CPU as cores or millicores, e.g. %s or %s.", "Escribe la CPU en núcleos o milinúcleos, p. ej. %s o %s.", bt("0.5"), bt("500m"))
	}
	return l.f("Use a number with a Kubernetes suffix, e.g. %s or %s for memory and %s for CPU.", "Usa un número con un sufijo de Kubernetes, p. ej. %s o %s para memoria y %s para CPU.", bt("512Mi"), bt("2Gi"), bt("500m"))
}

// checkImage warns about images that will not pull reliably in a cloud
// cluster.
func (c *checker) checkImage(i int, cp string, ct corev1.Container) {
	img := strings.TrimSpace(ct.Image)
	if img == "" {
		return
	}
	l := c.r.l
	path := cp + ".image"
	ref := parseImage(img)
	if ref.digest == "" && (ref.tag == "" || ref.tag == "latest") {
		s := l.f("Image %s has no version tag, so it means :latest", "La imagen %s no tiene etiqueta de versión, así que equivale a :latest", q(img))
		if ref.tag == "latest" {
			s = l.f("Image %s uses the moving tag :latest", "La imagen %s usa la etiqueta cambiante :latest", q(img))
		}
		c.r.add(ruleImageLatest, c.rng(i, path), s,
			l.f("Pin a version, e.g. %s.", "Fija una versión, p. ej. %s.", bt(ref.name+":1.0.0")))
	}
	if ref.registry == "" {
		c.r.add(ruleImageRegistry, c.rng(i, path),
			l.f("Image %s names no registry: a cloud cluster will look for it on Docker Hub", "La imagen %s no indica registro: un clúster en la nube la buscará en Docker Hub", q(img)),
			l.f("Push it to a registry the cluster can read and use the full name, e.g. %s.", "Súbela a un registro que el clúster pueda leer y usa el nombre completo, p. ej. %s.", bt("ghcr.io/acme/"+lastSegment(ref.name)+":1.0.0")))
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
