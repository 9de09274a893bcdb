package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/spf13/cobra"

	"devpath/internal/account"
	"devpath/internal/credential"
)

func (c *cli) credentialCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "credential", Short: "Verify Open Badges credentials; rotate the issuer's key; revoke"}
	cmd.AddCommand(c.credentialVerifyCmd(), c.credentialRotateCmd(), c.credentialRevokeCmd())
	return cmd
}

// errNotValid makes the exit status non-zero once the report is printed.
var errNotValid = errors.New("the credential is not valid")

func (c *cli) credentialVerifyCmd() *cobra.Command {
	var jwksFile string
	cmd := &cobra.Command{
		Use:   "verify FILE [--jwks FILE]",
		Short: "Verify a credential (a VC-JWT file, or - for standard input)",
		Long: "Verify a credential's signature, issuer, structure, dates and revocation, and say what each\n" +
			"check found. With --jwks the issuer's keys come from that file and no key is fetched, so a\n" +
			"credential verifies with its issuer offline; without it they are fetched from the address in\n" +
			"the credential's key id. The revocation list is read from the issuer when it can be reached;\n" +
			"when it cannot, revocation is reported as not checked. The exit status is 0 for a valid credential.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			token, err := c.readArg(args[0])
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			keys, err := c.issuerKeys(ctx, jwksFile, token)
			if err != nil {
				return err
			}
			r := credential.Verify(ctx, token, credential.Trust{Keys: keys, Now: time.Now(), StatusList: fetch})
			for _, ch := range r.Checks {
				fmt.Fprintf(c.stdout, "%-12s %-11s %s\n", ch.Verdict, ch.Name, ch.Detail)
			}
			if !r.Valid {
				fmt.Fprintln(c.stdout, "NOT VALID")
				return errNotValid
			}
			fmt.Fprintln(c.stdout, "VALID")
			return nil
		},
	}
	cmd.Flags().StringVar(&jwksFile, "jwks", "", "the issuer's public keys (a JWKS file), for offline verification")
	return cmd
}

func (c *cli) readArg(name string) (string, error) {
	var r io.Reader = c.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return "", err
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, 1<<20))
	return strings.TrimSpace(string(b)), err
}

// issuerKeys reads the JWKS file, or fetches the set the token's kid points
// into. A key set that cannot be read is the verification's verdict, not
// an error of the command, so it comes back empty.
func (c *cli) issuerKeys(ctx context.Context, file, token string) (jose.JSONWebKeySet, error) {
	var set jose.JSONWebKeySet
	var raw string
	var err error
	if file != "" {
		if raw, err = c.readArg(file); err != nil {
			return set, err
		}
	} else if raw, err = fetch(ctx, keySetAddress(token)); err != nil {
		fmt.Fprintf(c.stderr, "the issuer's keys could not be fetched: %v\n", err)
		return set, nil
	}
	if err := json.Unmarshal([]byte(raw), &set); err != nil {
		return set, fmt.Errorf("%s is not a JWKS: %w", file, err)
	}
	return set, nil
}

// keySetAddress is the kid without its fragment: devpath's kids are the
// JWKS address and the key's thumbprint.
func keySetAddress(token string) string {
	var h struct{ Kid string }
	head, _, _ := strings.Cut(token, ".")
	if b, err := base64.RawURLEncoding.DecodeString(head); err == nil {
		json.Unmarshal(b, &h)
	}
	addr, _, _ := strings.Cut(h.Kid, "#")
	return addr
}

// fetch reads a small document over HTTP(S), as a verifier fetches keys
// and status lists.
func fetch(ctx context.Context, url string) (string, error) {
	if !strings.HasPrefix(url, "https://") && !strings.HasPrefix(url, "http://") {
		return "", fmt.Errorf("%q is not an http(s) address", url)
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("%s answered %s", url, resp.Status)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return string(b), err
}

// operator is whoever runs a command on the server's machine: they own it.
// The audit log names no account for them (id 0), as they used none.
var operator = account.User{Role: account.Admin}

func (c *cli) credentialRotateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "rotate-key",
		Short: "Retire the issuer's signing key and make a new one (old keys stay published)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a, err := c.open(cmd.Context())
			if err != nil {
				return err
			}
			defer a.Close()
			if err := a.Credentials.RotateKey(cmd.Context(), operator); err != nil {
				return err
			}
			fmt.Fprintln(c.stdout, "a new signing key is in use; the old ones stay in the published JWKS")
			return nil
		},
	}
}

func (c *cli) credentialRevokeCmd() *cobra.Command {
	var reason string
	cmd := &cobra.Command{
		Use:   "revoke ID [--reason TEXT]",
		Short: "Revoke an issued credential: the published status list marks it",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil {
				return fmt.Errorf("ID must be a credential's number: %w", err)
			}
			a, err := c.open(cmd.Context())
			if err != nil {
				return err
			}
			defer a.Close()
			got, err := a.Credentials.Revoke(cmd.Context(), operator, id, reason)
			if err != nil {
				return err
			}
			fmt.Fprintf(c.stdout, "revoked credential %d (%s)\n", got.ID, got.Name)
			return nil
		},
	}
	cmd.Flags().StringVar(&reason, "reason", "", "why, kept with the credential")
	return cmd
}
