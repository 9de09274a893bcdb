// Package resume holds the learner's resume: the JSON Resume document and its
// validation against the vendored schema, tailored copies kept as operations
// over the master, their differences from it and an outline for editing
// them, and the service that stores the master and its copies.
//
// Everything but the service is pure. The schema is read from an fs.FS
// holding career/resume-schema.json (content.Career, or an operator's data
// directory with the same layout).
package resume

const schemaFile = "career/resume-schema.json"
