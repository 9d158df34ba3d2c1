// Package exercises embeds every exercise (task, broken start files and
// reference solution) so one binary hands them out and grades them offline.
package exercises

import "embed"

// FS holds the kubernetes/ and terraform/ exercise tracks at its root.
//
//go:embed *
var FS embed.FS
