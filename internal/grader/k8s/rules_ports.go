package k8s

import (
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/iactutor/iactutor/internal/diag"

	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/suggest"
)

// checkProbes makes sure probes aim at ports the pod declares. A port
// number may be declared by any container of the pod (podPorts): the
// containers share the pod's network, so the probe reaches it. A ports list
// is not exhaustive either, so outside an exercise an undeclared number is
// a warning, not an error. A port name, though, is looked up by the kubelet
// in the probed container's own ports only.
func (c *checker) checkProbes(i int, cp string, ct corev1.Container, podPorts []corev1.ContainerPort) {
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
			hint := msg.New("k8s.probe-port.name.hint", msg.Args{"Names": portNames(ct.Ports)})
			if len(portNameList(ct.Ports)) == 0 {
				hint = msg.New("k8s.probe-port.name.none.hint", msg.Args{"PortName": q(name)})
			}
			if s := suggest.Nearest(name, portNameList(ct.Ports)); s != "" {
				hint = didYouMean(s)
			}
			c.r.add(ruleProbePortMismatch, c.rng(i, path),
				msg.New("k8s.probe-port.name", msg.Args{"Probe": pr.field, "Container": q(ct.Name), "PortName": q(name)}), hint)
			continue
		}
		if len(podPorts) == 0 || hasPortNumber(podPorts, num) {
			continue // ports are optional; with none there is nothing to compare with
		}
		if !c.opt.Complete {
			c.r.addSev(ruleProbePortMismatch, diag.SeverityWarning, c.rng(i, path),
				msg.New("k8s.probe-port.number-undeclared", msg.Args{"Probe": pr.field, "Container": q(ct.Name), "Port": num, "Ports": portNumbers(podPorts)}),
				msg.New("k8s.port-undeclared.hint", msg.Args{"Port": num, "Declared": podPorts[0].ContainerPort}))
			continue
		}
		c.r.add(ruleProbePortMismatch, c.rng(i, path),
			msg.New("k8s.probe-port.number", msg.Args{"Probe": pr.field, "Container": q(ct.Name), "Port": num, "Ports": portNumbers(podPorts)}),
			msg.New("k8s.probe-port.number.hint", msg.Args{"Port": podPorts[0].ContainerPort}))
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
