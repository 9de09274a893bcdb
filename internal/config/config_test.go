package config

import (
	"fmt"
	"testing"
)

func TestFromEnv(t *testing.T) {
	env := map[string]string{
		"DEVPATH_ADDR":         ":9000",
		"DEVPATH_DB":           "postgres://u@h/db",
		"DEVPATH_BASE_URL":     "https://learn.example.org",
		"DEVPATH_REGISTRATION": "invite",
	}
	c := FromEnv(func(k string) string { return env[k] })
	if c.Addr != ":9000" || !c.Postgres() || !c.SecureCookies() || c.DataDir != "data" || c.Registration != "invite" {
		t.Fatalf("unexpected config %+v", c)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*Config)
	}{
		{"base url without scheme", func(c *Config) { c.BaseURL = "localhost:8080" }},
		{"mysql url", func(c *Config) { c.Database = "mysql://x" }},
		{"log level", func(c *Config) { c.LogLevel = "loud" }},
		{"check network", func(c *Config) { c.CheckNetwork = "any" }},
		{"check network, capitals", func(c *Config) { c.CheckNetwork = "Public" }},
		{"trusted proxy name", func(c *Config) { c.TrustedProxies = "10.0.0.1, proxy.internal" }},
		{"trusted proxy CIDR", func(c *Config) { c.TrustedProxies = "10.0.0.0/33" }},
		{"registration mode", func(c *Config) { c.Registration = "invitation" }},
		{"smtp without a sender", func(c *Config) { c.SMTPURL = "smtp://localhost?tls=none" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Default()
			tc.edit(&c)
			if c.Validate() == nil {
				t.Fatal("want an error")
			}
		})
	}
	if err := Default().Validate(); err != nil {
		t.Fatalf("defaults must be valid: %v", err)
	}
}

func TestTrustedProxyList(t *testing.T) {
	c := FromEnv(func(k string) string {
		return map[string]string{"DEVPATH_TRUSTED_PROXIES": " 10.0.0.0/8, 192.168.1.7 ,,::1, fd00::1/64"}[k]
	})
	got, err := c.TrustedProxyList()
	if err != nil {
		t.Fatal(err)
	}
	want := "[10.0.0.0/8 192.168.1.7/32 ::1/128 fd00::/64]"
	if s := fmt.Sprint(got); s != want {
		t.Fatalf("trusted proxies: %s, want %s", s, want)
	}
	if got, _ := Default().TrustedProxyList(); len(got) != 0 {
		t.Fatalf("by default no proxy is trusted: %v", got)
	}
}

// Without --check-network, the checker may dial loopback only when devpath
// listens on loopback and its base URL is local; an explicit setting wins.
func TestCheckMode(t *testing.T) {
	for _, tc := range []struct {
		addr, baseURL, set string
		want               string
	}{
		{"localhost:8080", "http://localhost:8080", "", "loopback"},
		{"LOCALHOST:8080", "http://LocalHost:8080", "", "loopback"},
		{"127.0.0.1:8080", "http://127.0.0.1:8080", "", "loopback"},
		{"127.0.0.2:8080", "http://localhost:8080/devpath", "", "loopback"},
		{"[::1]:8080", "http://[::1]:8080", "", "loopback"},
		{"[::ffff:127.0.0.1]:8080", "https://localhost", "", "loopback"},
		{":8080", "http://localhost:8080", "", "public"},
		{"0.0.0.0:8080", "http://localhost:8080", "", "public"},
		{"[::]:8080", "http://localhost:8080", "", "public"},
		{"192.168.1.20:8080", "http://localhost:8080", "", "public"},
		{"10.0.0.5:8080", "http://10.0.0.5:8080", "", "public"},
		{"learn.example.org:8080", "http://localhost:8080", "", "public"},
		{"localhost.:8080", "http://localhost:8080", "", "public"}, // resolved through DNS
		{"app.localhost:8080", "http://localhost:8080", "", "public"},
		{"127.1:8080", "http://localhost:8080", "", "public"}, // not an address Go parses
		{"localhost", "http://localhost:8080", "", "public"},  // no port: cannot be read
		{"localhost:8080", "https://learn.example.org", "", "public"},
		{"localhost:8080", "http://192.168.1.20:8080", "", "public"},
		{"localhost:8080", "http://0.0.0.0:8080", "", "public"},
		{"localhost:8080", "http://localhost.:8080", "", "public"},
		{"localhost:8080", "not a url\x7f", "", "public"},
		{":8080", "https://learn.example.org", "loopback", "loopback"},
		{"0.0.0.0:8080", "http://localhost:8080", "loopback", "loopback"},
		{"localhost:8080", "http://localhost:8080", "public", "public"},
	} {
		c := Default()
		c.Addr, c.BaseURL, c.CheckNetwork = tc.addr, tc.baseURL, tc.set
		if got := c.CheckMode(); got != tc.want {
			t.Errorf("addr %q, base URL %q, --check-network %q: %s, want %s", tc.addr, tc.baseURL, tc.set, got, tc.want)
		}
	}
}

// DEVPATH_CHECK_NETWORK is an explicit choice, like the flag; its absence is not.
func TestCheckModeFromEnv(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{}, "loopback"},
		{map[string]string{"DEVPATH_ADDR": ":8080"}, "public"},
		{map[string]string{"DEVPATH_BASE_URL": "https://learn.example.org"}, "public"},
		{map[string]string{"DEVPATH_ADDR": ":8080", "DEVPATH_CHECK_NETWORK": "loopback"}, "loopback"},
		{map[string]string{"DEVPATH_CHECK_NETWORK": "public"}, "public"},
	} {
		c := FromEnv(func(k string) string { return tc.env[k] })
		if err := c.Validate(); err != nil {
			t.Errorf("%v: %v", tc.env, err)
		}
		if got := c.CheckMode(); got != tc.want {
			t.Errorf("%v: %s, want %s", tc.env, got, tc.want)
		}
	}
}
