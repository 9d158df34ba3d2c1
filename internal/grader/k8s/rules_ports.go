package k8s

import (
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/iactutor/iactutor/internal/suggest"
)

// checkProbes makes sure probes aim at ports the container declares.
func (c *checker) checkProbes(i int, cp string, ct corev1.Container) {
	if len(ct.Ports) == 0 {
		return // ports are optional; nothing to compare with
	}
	l := c.r.l
	for _, pr := range []struct {
		field string
		p     *corev1.Probe
	}{{"livenessProbe", ct.LivenessProbe}, {"readinessProbe", ct.ReadinessProbe}, {"startupProbe", ct.StartupProbe}} {
		if pr.p == nil {
			continue
		}
		var path string
		var num int32
		var name string
		switch {
		case pr.p.HTTPGet != nil:
			path = cp + "." + pr.field + ".httpGet.port"
			num, name = pr.p.HTTPGet.Port.IntVal, pr.p.HTTPGet.Port.StrVal
			if pr.p.HTTPGet.Port.Type == 0 {
				name = ""
			}
		case pr.p.TCPSocket != nil:
			path = cp + "." + pr.field + ".tcpSocket.port"
			num, name = pr.p.TCPSocket.Port.IntVal, pr.p.TCPSocket.Port.StrVal
			if pr.p.TCPSocket.Port.Type == 0 {
				name = ""
			}
		case pr.p.GRPC != nil:
			path = cp + "." + pr.field + ".grpc.port"
			num = pr.p.GRPC.Port
		default:
			continue
		}
		if !c.exists(i, path) {
			continue
		}
		if name != "" {
			if hasPortName(ct.Ports, name) {
				continue
			}
			hint := l.f("Use one of the container's port names: %s.", "Usa uno de los nombres de puerto del contenedor: %s.", portNames(ct.Ports))
			if s := suggest.Nearest(name, portNameList(ct.Ports)); s != "" {
				hint = l.f("Did you mean %s?", "¿Querías decir %s?", bt(s))
			}
			c.r.add(ruleProbePortMismatch, c.rng(i, path),
				l.f("%s of container %s uses port name %s, which the container does not declare", "%s del contenedor %s usa el nombre de puerto %s, que el contenedor no declara", pr.field, q(ct.Name), q(name)), hint)
			continue
		}
		if hasPortNumber(ct.Ports, num) {
			continue
		}
		c.r.add(ruleProbePortMismatch, c.rng(i, path),
			l.f("%s of container %s checks port %d, but the container listens on %s", "%s del contenedor %s comprueba el puerto %d, pero el contenedor escucha en %s", pr.field, q(ct.Name), num, portNumbers(ct.Ports)),
			l.f("Use `port: %d` (or the port's name).", "Usa `port: %d` (o el nombre del puerto).", ct.Ports[0].ContainerPort))
	}
}

func hasPortName(ports []corev1.ContainerPort, name string) bool {
	for _, p := range ports {
		if p.Name == name {
			return true
		}
	}
	return false
}

func hasPortNumber(ports []corev1.ContainerPort, n int32) bool {
	for _, p := range ports {
		if p.ContainerPort == n {
			return true
		}
	}
	return false
}

func portNameList(ports []corev1.ContainerPort) []string {
	var out []string
	for _, p := range ports {
		if p.Name != "" {
			out = append(out, p.Name)
		}
	}
	return out
}

func portNames(ports []corev1.ContainerPort) string {
	names := portNameList(ports)
	if len(names) == 0 {
		return "-"
	}
	for i := range names {
		names[i] = clip(names[i])
	}
	return strings.Join(names, ", ")
}

func portNumbers(ports []corev1.ContainerPort) string {
	parts := make([]string, 0, len(ports))
	for _, p := range ports {
		if n := fmt.Sprint(p.ContainerPort); !contains(parts, n) {
			parts = append(parts, n)
		}
	}
	return strings.Join(parts, ", ")
}
