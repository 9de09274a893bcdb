package web

import (
	"devpath/internal/resume"
	"os"
	"strings"
	"testing"
)

func TestResumeHTML(t *testing.T) {
	r, err := NewResumePrinter()
	if err != nil {
		t.Fatal(err)
	}
	res := sampleResume(t)
	res.Basics.Summary = `<script>alert("x")</script> & more`
	res.Work[0].URL = "javascript:alert(1)"
	html, err := r.ResumeHTML(res)
	if err != nil {
		t.Fatal(err)
	}
	s := string(html)
	for _, want := range []string{
		`<article class="resume">`,
		"<h1>Mira Okonkwo-Lind</h1>",
		`<a href="mailto:mira@example.org">mira@example.org</a>`,
		"Leeds, West Yorkshire, GB",
		`<h2 id="experience">Experience</h2>`,
		"Feb 2024 – Aug 2024",
		"Sep 2023",       // an ended education entry
		"2023 – present", // a volunteer role still going on
		"<li>Cut the nightly report from 40 minutes to 3 by adding two indexes</li>",
		"<strong>Backend</strong> (Junior): Go, Python, PostgreSQL, REST APIs, Docker",
		"&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; more",
		`href="#ZgotmplZ"`, // html/template's mark for a refused URL
	} {
		if !strings.Contains(s, want) {
			t.Errorf("resume lacks %q", want)
		}
	}
	if strings.Contains(s, "<script>") || strings.Contains(s, "javascript:") {
		t.Error("unescaped input in the resume")
	}
	// sections follow the resume's order and empty ones are left out
	if i, j := strings.Index(s, `id="experience"`), strings.Index(s, `id="education"`); i < 0 || j < i {
		t.Error("experience should come before education")
	}
	if strings.Contains(string(mustHTML(t, r, resume.Resume{Basics: resume.Basics{Name: "A"}})), "<section") {
		t.Error("an empty resume has sections")
	}
}

func mustHTML(t *testing.T, r *ResumePrinter, res resume.Resume) string {
	t.Helper()
	h, err := r.ResumeHTML(res)
	if err != nil {
		t.Fatal(err)
	}
	return string(h)
}

func TestResumePagePrints(t *testing.T) {
	r, err := NewResumePrinter()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := r.WritePage(&b, sampleResume(t)); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{
		"<!doctype html>", `<html lang="en">`, "<title>Mira Okonkwo-Lind - resume</title>",
		"@media print", "@page", "page-break-inside: avoid", "break-inside: avoid",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestDisplayDates(t *testing.T) {
	for _, tc := range []struct{ start, end, want string }{
		{"2024-02", "2024-08", "Feb 2024 – Aug 2024"},
		{"2024-02-15", "", "Feb 2024 – present"},
		{"2015", "2018", "2015 – 2018"},
		{"", "2020-01", "Jan 2020"},
		{"2023-05", "2023-05", "May 2023"},
		{"", "", ""},
	} {
		if got := period(tc.start, tc.end); got != tc.want {
			t.Errorf("period(%q, %q) = %q, want %q", tc.start, tc.end, got, tc.want)
		}
	}
}

// sampleResume is the resume package's sample: a full JSON Resume.
func sampleResume(t *testing.T) resume.Resume {
	t.Helper()
	b, err := os.ReadFile("../resume/testdata/resume.json")
	if err != nil {
		t.Fatal(err)
	}
	r, err := resume.ParseResume(b)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
