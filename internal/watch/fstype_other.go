//go:build !linux

package watch

// NeedsPolling is false off Linux: the platform's native events are used.
func NeedsPolling(string) bool { return false }
