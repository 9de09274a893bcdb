package jobsearch

import (
	"bytes"
	"encoding/csv"
	"slices"
	"testing"
	"time"
)

func TestWriteCSV(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 2, d, 15, 30, 0, 0, time.UTC) }
	apps := []ApplicationHistory{
		{
			Company: "Harbour Freight Co-operative", Title: "Backend intern", Location: "Leeds, UK",
			SourceURL: "https://jobs.example.org/42?ref=a,b",
			History: []StageChange{
				{Stage: Saved, At: day(1)},
				{Stage: Applied, At: day(3), Notes: "Sent the tailored resume.\nCover letter: \"short\""},
				{Stage: Interview, At: day(17), Notes: "Technical, 45 min"},
			},
		},
		{Company: "=HYPERLINK(\"http://evil.example\")", Title: "-2+3", Stage: Saved},
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, apps); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("not RFC 4180: %v\n%s", err, buf.String())
	}
	want := [][]string{
		{"company", "title", "location", "source_url", "stage", "date", "notes"},
		{"Harbour Freight Co-operative", "Backend intern", "Leeds, UK", "https://jobs.example.org/42?ref=a,b", "saved", "2025-02-01", ""},
		{"Harbour Freight Co-operative", "Backend intern", "Leeds, UK", "https://jobs.example.org/42?ref=a,b", "applied", "2025-02-03", "Sent the tailored resume.\nCover letter: \"short\""},
		{"Harbour Freight Co-operative", "Backend intern", "Leeds, UK", "https://jobs.example.org/42?ref=a,b", "interview", "2025-02-17", "Technical, 45 min"},
		{"'=HYPERLINK(\"http://evil.example\")", "'-2+3", "", "", "saved", "", ""},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d:\n%q", len(rows), len(want), rows)
	}
	for i := range want {
		if !slices.Equal(rows[i], want[i]) {
			t.Errorf("row %d: %q, want %q", i, rows[i], want[i])
		}
	}
}

func TestWriteCSVDatesInTheTimesZone(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	late := time.Date(2025, 3, 1, 20, 0, 0, 0, time.UTC) // already 2 March in Tokyo
	var buf bytes.Buffer
	err := WriteCSV(&buf, []ApplicationHistory{{Company: "A", Title: "B", History: []StageChange{{Stage: Applied, At: late.In(tokyo)}}}})
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := csv.NewReader(&buf).ReadAll()
	if rows[1][5] != "2025-03-02" {
		t.Errorf("date %q, want the Tokyo date", rows[1][5])
	}
}
