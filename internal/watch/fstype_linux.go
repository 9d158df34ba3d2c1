package watch

import (
	"os"
	"strings"

	"golang.org/x/sys/unix"
)

// File-system magic numbers whose changes are not reported by inotify when
// made from elsewhere: NFS, SMB/CIFS, 9p (WSL 2 drive mounts), FUSE.
var remoteMagic = map[int64]bool{
	0x6969:     true, // NFS
	0xFF534D42: true, // CIFS
	0xFE534D42: true, // SMB2
	0x517B:     true, // SMB
	0x01021997: true, // 9p
	0x65735546: true, // FUSE
}

// NeedsPolling reports whether dir sits where file-system events do not
// arrive reliably: a network or 9p mount, or a Windows drive under WSL.
func NeedsPolling(dir string) bool {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err == nil && remoteMagic[int64(st.Type)] {
		return true
	}
	if b, err := os.ReadFile("/proc/version"); err == nil && strings.Contains(strings.ToLower(string(b)), "microsoft") {
		return strings.HasPrefix(dir, "/mnt/")
	}
	return false
}
