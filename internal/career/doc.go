// Package career holds the pure core of the job search: the match score of a
// job description against what a learner knows, JSON Resume validation,
// tailored copies of a resume and their differences from the master, the
// printable resume, the rules of the application pipeline, its funnel and CSV
// export, and salary levels as data. Nothing here does I/O beyond reading the
// embedded data files it is given; the service and store wire it up.
//
// Data files are read from an fs.FS holding a career/ folder (content.Career,
// or an operator's data directory with the same layout).
package career

// Paths of the data files inside the fs.FS the loaders are given.
const (
	skillsFile       = "career/skills.yaml"
	salariesFile     = "career/salaries.yaml"
	resumeSchemaFile = "career/resume-schema.json"
)
