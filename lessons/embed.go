// Package lessons embeds the course's lessons, checkpoints and glossary so the
// binary works offline with no files beside it.
package lessons

import "embed"

// FS holds every lesson folder at its root.
//
//go:embed *
var FS embed.FS
