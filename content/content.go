// Package content embeds what devpath ships: the roadmaps and the projects the checker grades.
package content

import "embed"

// Roadmaps holds one folder per shipped roadmap, under roadmaps/.
//
//go:embed roadmaps
var Roadmaps embed.FS

// Exercises holds the SQL practice database and exercises, under exercises/.
//
//go:embed exercises
var Exercises embed.FS

// Projects holds one folder per project the checker grades, under projects/:
// stages.yaml (the stage list) and SPEC.md (the page a learner reads first).
//
//go:embed projects
var Projects embed.FS

// Career holds the job-search data under career/: the skills vocabulary of
// the match score, salary levels, and the vendored JSON Resume schema.
//
//go:embed career
var Career embed.FS

// Credentials holds the achievements devpath awards as Open Badges, under
// credentials/achievements.yaml.
//
//go:embed credentials
var Credentials embed.FS

// Guide holds the advice pages beside the roadmap, under guide/guide.yaml.
//
//go:embed guide
var Guide embed.FS
