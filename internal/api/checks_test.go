package api_test

import (
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"devpath/internal/devpathtest"
)

// closedAddress returns a loopback address where nothing listens.
func closedAddress(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr
}

func TestChecksAPI(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada, bob := srv.Learner(t, "ada"), srv.Learner(t, "bob")
		srv.Anonymous().Expect(t, "GET", "/api/v1/projects", "", 200, `"name":"notes-api"`)
		ada.Expect(t, "POST", "/api/v1/me/checks", `{"project":"todo-api","url":"http://localhost:3000"}`, 422, "body.project")
		ada.Expect(t, "POST", "/api/v1/me/checks", `{"project":"notes-api","url":"localhost:3000"}`, 422, "body.url")

		body := ada.Expect(t, "POST", "/api/v1/me/checks", `{"project":"notes-api","url":"`+closedAddress(t)+`"}`, 202, `"status":"running"`)
		var run struct{ ID int64 }
		json.Unmarshal([]byte(body), &run)
		srv.WaitForChecks(t)
		got := ada.Expect(t, "GET", "/api/v1/me/checks/"+itoa(run.ID), "", 200, `"status":"failed"`)
		if !strings.Contains(got, `"slug":"health","title":"Health check","status":"error"`) || !strings.Contains(got, "nothing is listening") {
			t.Fatalf("run: %s", got)
		}
		ada.Expect(t, "GET", "/api/v1/me/checks?project=notes-api", "", 200, `"passed":0,"stages":11`)
		bob.Expect(t, "GET", "/api/v1/me/checks/"+itoa(run.ID), "", 404, "not found")
		bob.Expect(t, "GET", "/api/v1/me/checks", "", 200, `[]`)
	})
}

// TestChecksRefusePrivateAddresses runs a shared server's policy: the
// checker will not dial loopback for a learner, even through a name.
func TestChecksRefusePrivateAddresses(t *testing.T) {
	cfg := devpathtest.Config(t, devpathtest.Engine{})
	cfg.CheckNetwork = "public"
	srv := devpathtest.Start(t, cfg)
	ada := srv.Learner(t, "ada")
	addr := strings.Replace(closedAddress(t), "127.0.0.1", "localhost", 1)
	body := ada.Expect(t, "POST", "/api/v1/me/checks", `{"project":"notes-api","url":"`+addr+`"}`, 202, "")
	var run struct{ ID int64 }
	json.Unmarshal([]byte(body), &run)
	srv.WaitForChecks(t)
	got := ada.Expect(t, "GET", "/api/v1/me/checks/"+itoa(run.ID), "", 200, `"status":"failed"`)
	if strings.Contains(got, "nothing is listening") || !strings.Contains(got, "refused") {
		t.Fatalf("the checker dialled a loopback address under the public policy: %s", got)
	}
}

// TestChecksAcrossInstances runs two instances on one PostgreSQL: a learner
// has one run at a time on all of them, and an instance starting or
// stopping leaves another instance's run alone.
func TestChecksAcrossInstances(t *testing.T) {
	base := os.Getenv(devpathtest.PostgresEnv)
	if base == "" {
		t.Skip("needs PostgreSQL (scripts/test.sh sets " + devpathtest.PostgresEnv + ")")
	}
	cfg := devpathtest.Config(t, devpathtest.Engine{Name: "postgres", URL: devpathtest.PostgresSchema(t, base)})
	first := make(chan struct{})
	release := make(chan struct{})
	var once sync.Once
	stub := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { close(first); <-release })
		http.NotFound(w, r)
	}))
	t.Cleanup(stub.Close)

	a := devpathtest.Start(t, cfg)
	ada := a.Learner(t, "ada")
	body := ada.Expect(t, "POST", "/api/v1/me/checks", `{"project":"notes-api","url":"`+stub.URL+`"}`, 202, `"status":"running"`)
	var run struct{ ID int64 }
	json.Unmarshal([]byte(body), &run)
	<-first

	b := devpathtest.Start(t, cfg)
	onB := b.Anonymous()
	onB.Token = ada.Token
	onB.Expect(t, "POST", "/api/v1/me/checks", `{"project":"conduit","url":"`+stub.URL+`"}`, 409, "still running")
	b.App.Close()
	devpathtest.Start(t, cfg) // a third instance starting leaves the run alone too
	ada.Expect(t, "GET", "/api/v1/me/checks/"+itoa(run.ID), "", 200, `"status":"running"`)

	close(release)
	a.WaitForChecks(t)
	ada.Expect(t, "GET", "/api/v1/me/checks/"+itoa(run.ID), "", 200, `"status":"failed"`)
}
