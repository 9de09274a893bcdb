package main

import (
	"bufio"
	"crypto/rand"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"devpath/internal/account"
)

func (c *cli) userCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "user", Short: "Manage accounts"}
	cmd.AddCommand(c.userCreateCmd(), c.userResetLinkCmd(), c.userRoleCmd())
	return cmd
}

func (c *cli) userResetLinkCmd() *cobra.Command {
	var email string
	cmd := &cobra.Command{
		Use:   "reset-link --email EMAIL",
		Short: "Make a password reset link to hand to a person",
		Long: "Make a link that sets a new password for the account of EMAIL, for when no email is\n" +
			"configured to send one. It works once, within 30 minutes, and starts with --base-url.\n" +
			"Give it only to the account's owner: it is as good as their password.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a, err := c.open(cmd.Context())
			if err != nil {
				return err
			}
			defer a.Close()
			link, err := a.Accounts.ResetLink(cmd.Context(), email)
			if err != nil {
				return err
			}
			fmt.Fprintln(c.stdout, link)
			return nil
		},
	}
	cmd.Flags().StringVar(&email, "email", "", "the account's email")
	cmd.MarkFlagRequired("email")
	return cmd
}

func (c *cli) userRoleCmd() *cobra.Command {
	var email, role string
	cmd := &cobra.Command{
		Use:   "role --email EMAIL --role ROLE",
		Short: "Change an account's role (learner, mentor or admin)",
		Long: "Change the role of the account of EMAIL. Running servers see the change within five\n" +
			"seconds, the time they trust a session they have read without reading it again.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a, err := c.open(cmd.Context())
			if err != nil {
				return err
			}
			defer a.Close()
			u, err := a.Accounts.SetRole(cmd.Context(), email, account.Role(role))
			if err != nil {
				return err
			}
			fmt.Fprintf(c.stdout, "%s is now %s\n", u.Email, u.Role)
			return nil
		},
	}
	cmd.Flags().StringVar(&email, "email", "", "the account's email")
	cmd.Flags().StringVar(&role, "role", "", "learner, mentor or admin")
	cmd.MarkFlagRequired("email")
	cmd.MarkFlagRequired("role")
	return cmd
}

func (c *cli) userCreateCmd() *cobra.Command {
	var email, name, role string
	var admin, passwordStdin bool
	cmd := &cobra.Command{
		Use:   "user create --email EMAIL --name NAME [--admin | --role ROLE] [--password-stdin]",
		Short: "Create an account",
		Long: "Create an account. The password is read from standard input with --password-stdin;\n" +
			"otherwise a random one is generated and printed once.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if admin {
				role = string(account.Admin)
			}
			password, generated, err := c.password(passwordStdin)
			if err != nil {
				return err
			}
			a, err := c.open(cmd.Context())
			if err != nil {
				return err
			}
			defer a.Close()
			u, err := a.Accounts.CreateUser(cmd.Context(), account.Registration{Email: email, Name: name, Password: password}, account.Role(role))
			if err != nil {
				return err
			}
			fmt.Fprintf(c.stdout, "created %s %s (id %d)\n", u.Role, u.Email, u.ID)
			if generated {
				fmt.Fprintf(c.stdout, "password: %s\n", password)
			}
			return nil
		},
	}
	cmd.Use = "create"
	f := cmd.Flags()
	f.StringVar(&email, "email", "", "email address, used to log in")
	f.StringVar(&name, "name", "", "display name")
	f.StringVar(&role, "role", string(account.Learner), "learner, mentor or admin")
	f.BoolVar(&admin, "admin", false, "make the account an admin (same as --role admin)")
	f.BoolVar(&passwordStdin, "password-stdin", false, "read the password from the first line of standard input")
	cmd.MarkFlagRequired("email")
	cmd.MarkFlagRequired("name")
	return cmd
}

// password reads the password from stdin, or makes one up.
func (c *cli) password(fromStdin bool) (string, bool, error) {
	if fromStdin {
		line, err := bufio.NewReader(c.stdin).ReadString('\n')
		if err != nil && line == "" {
			return "", false, fmt.Errorf("reading the password from standard input: %w", err)
		}
		return strings.TrimRight(line, "\r\n"), false, nil
	}
	return rand.Text(), true, nil
}
