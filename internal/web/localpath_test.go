package web

import "testing"

func TestLocalPath(t *testing.T) {
	for _, tc := range []struct{ next, want string }{
		{"/account", "/account"},
		{"/roadmaps/backend?view=list#t-http", "/roadmaps/backend?view=list#t-http"},
		{"/plan/backend%20x", "/plan/backend%20x"},
		{"", "/"},
		{"account", "/"},
		{"//evil.example", "/"},
		{"/\\evil.example", "/"},
		{"/\t/evil.example/", "/"},
		{"/%09/evil.example/", "/"},
		{"/%2f/evil.example", "/"},
		{"/%5cevil.example", "/"},
		{"/\x00x", "/"},
		{"/%00x", "/"},
		{"/%7f", "/"},
		{"https://evil.example/", "/"},
		{"javascript:alert(1)", "/"},
		{"/%zz", "/"},
	} {
		if got := localPath(tc.next); got != tc.want {
			t.Errorf("localPath(%q) = %q, want %q", tc.next, got, tc.want)
		}
	}
}
