//go:build !unix && !windows

package progress

import "os"

// Platforms without file locks (wasm, plan9) still get atomic writes; two
// processes writing at once may then lose one change.
func lockFile(*os.File) error   { return nil }
func unlockFile(*os.File) error { return nil }
