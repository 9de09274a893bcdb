// Package content embeds what devpath ships: the roadmaps.
package content

import "embed"

// Roadmaps holds one folder per shipped roadmap, under roadmaps/.
//
//go:embed roadmaps
var Roadmaps embed.FS
