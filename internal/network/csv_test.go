package network_test

import (
	"slices"
	"strings"
	"testing"

	"devpath/internal/app"
	"devpath/internal/app/apptest"
	"devpath/internal/network"
)

// linkedIn is the shape of LinkedIn's Connections.csv: notes before the header.
const linkedIn = "\uFEFFNotes:\n" +
	"\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n" +
	"\n" +
	"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" +
	"Grace,Hopper,https://www.linkedin.com/in/grace,grace@navy.example,Navy,Rear admiral,12 Jan 2024\n" +
	"Linus,Torvalds,https://www.linkedin.com/in/linus,,\"Linux Foundation, Inc.\",Fellow,03 Feb 2023\n"

// TestLinkedInCSV: LinkedIn's export maps untouched, its notes passed over.
func TestLinkedInCSV(t *testing.T) {
	tab, err := network.ParseCSV([]byte(linkedIn), "csv")
	if err != nil {
		t.Fatal(err)
	}
	m := network.ProposeMapping(tab.Header)
	want := []network.CSVField{network.FirstName, network.LastName, network.LinkField, network.EmailField,
		network.CompanyField, network.RoleField, network.ConnectedOn}
	if !slices.Equal(m, want) {
		t.Fatalf("mapping %v, want %v", m, want)
	}
	if err := network.CheckMapping(m, len(tab.Header)); err != nil {
		t.Fatal(err)
	}
	cs, err := tab.ContactsOf(m, "csv")
	if err != nil {
		t.Fatal(err)
	}
	g := cs[0]
	if g.Name != "Grace Hopper" || g.Links.LinkedIn != "https://www.linkedin.com/in/grace" || g.Email != "grace@navy.example" ||
		g.Company != "Navy" || g.Role != "Rear admiral" || g.Notes != "Connected on 2024-01-12." {
		t.Errorf("grace: %+v", g)
	}
	if cs[1].Company != "Linux Foundation, Inc." || tab.Rows[1].Line != 6 {
		t.Errorf("linus: %+v, line %d", cs[1], tab.Rows[1].Line)
	}
}

// TestCSVProblems: a bad mapping names each column; bad rows name each
// line; nothing is returned for a file with any wrong row.
func TestCSVProblems(t *testing.T) {
	tab, err := network.ParseCSV([]byte("Name,Email,Email,When\nAda,ada@x.example,,yesterday\n,b@x.example,,\nEve,eve@,,\n"), "csv")
	if err != nil {
		t.Fatal(err)
	}
	bad := []network.CSVField{network.LastName, network.EmailField, network.EmailField, "phone", network.Skip}
	e := apptest.Error(t, network.CheckMapping(bad, len(tab.Header)), app.Invalid)
	for _, f := range []string{"mapping", "mapping[2]", "mapping[3]"} {
		if e.Fields[f] == "" {
			t.Errorf("no problem for %s: %v", f, e.Fields)
		}
	}
	e = apptest.Error(t, network.CheckMapping(make([]network.CSVField, 4), 4), app.Invalid)
	if !strings.Contains(e.Fields["mapping"], "name") {
		t.Errorf("a mapping without a name: %v", e.Fields)
	}

	m := []network.CSVField{network.FullName, network.EmailField, network.Skip, network.ConnectedOn}
	cs, err := tab.ContactsOf(m, "csv")
	e = apptest.Error(t, err, app.Invalid)
	for _, want := range []string{`line 2 ("Ada"): connected_on: "yesterday" is not a day`, "line 3: name: required", `line 4 ("Eve"): email: not a valid`} {
		if !strings.Contains(e.Fields["csv"], want) {
			t.Errorf("missing %q in %q", want, e.Fields["csv"])
		}
	}
	if cs != nil {
		t.Errorf("contacts from a refused file: %v", cs)
	}
	for _, src := range []string{"", "\n\n", "Name,Email\n", "Name,\"Email\nAda"} {
		apptest.Error(t, func() error { _, err := network.ParseCSV([]byte(src), "csv"); return err }(), app.Invalid)
	}
}

// TestSortLines: a duplicate within the file or of the network names its line.
func TestSortLines(t *testing.T) {
	p := network.Sort([]network.Identity{{ID: 7, Email: "grace@navy.example"}},
		[]network.Contact{{Name: "Grace", Email: "GRACE@navy.example"}, {Name: "Ada", Email: "ada@x.example"}, {Name: "Ada 2", Email: "ada@x.example"}},
		[]int{2, 3, 9})
	if len(p.New) != 1 || len(p.Duplicates) != 2 || p.Duplicates[0].Of != 7 || p.Duplicates[0].Line != 2 || p.Duplicates[1].Line != 9 {
		t.Errorf("%+v", p)
	}
}
