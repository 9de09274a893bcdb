package config

import "testing"

func TestFromEnv(t *testing.T) {
	env := map[string]string{
		"DEVPATH_ADDR":     ":9000",
		"DEVPATH_DB":       "postgres://u@h/db",
		"DEVPATH_BASE_URL": "https://learn.example.org",
	}
	c := FromEnv(func(k string) string { return env[k] })
	if c.Addr != ":9000" || !c.Postgres() || !c.SecureCookies() || c.DataDir != "data" {
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
