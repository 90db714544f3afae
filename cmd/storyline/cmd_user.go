package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/auth"
	"github.com/storyline/storyline/internal/web"
)

func (a *app) userCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "user",
		Short: "Manage the web app's accounts",
		Args:  noArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(a.userAddCommand(), a.userPasswdCommand(), a.userListCommand(),
		a.userAccessCommand(true), a.userAccessCommand(false), a.userTokensCommand(), a.userFeedTokenCommand(),
		a.userAppPasswordCommand(), a.userDeleteCommand())
	return cmd
}

func (a *app) userAddCommand() *cobra.Command {
	var admin, fromStdin bool
	cmd := &cobra.Command{
		Use:   "add NAME",
		Short: "Create an account (a member, or an administrator with --admin)",
		Args:  exactlyOne("user NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			if err := web.CheckUserName(name); err != nil {
				return usageError{fmt.Errorf("user add: %w", err)}
			}
			role := storyline.RoleMember
			if admin {
				role = storyline.RoleAdmin
			}
			ctx := cmd.Context()
			return a.withStore(ctx, func(store storyline.Store) error {
				if err := checkNewUser(ctx, store, name, role); err != nil {
					return fmt.Errorf("user add: %w", err)
				}
				hash, err := a.newPasswordHash(fromStdin)
				if err != nil {
					return fmt.Errorf("user add %s: %w", name, err)
				}
				u := &storyline.User{Name: name, PasswordHash: hash, Role: role}
				if err := store.AddUser(ctx, u); err != nil {
					return fmt.Errorf("user add: %w", err)
				}
				fmt.Fprintf(a.stdout, "added %s %s (id %d)\n", roleName(u.Role), u.Name, u.ID)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&admin, "admin", false, "make the user an administrator (manages feeds, accounts and settings)")
	cmd.Flags().BoolVar(&fromStdin, "password-stdin", false, "read the password from the first line of standard input")
	return cmd
}

// checkNewUser returns an error when name is taken, or when the first
// account would not be an administrator (nobody could then manage the
// site, and the web app's setup would be closed).
func checkNewUser(ctx context.Context, store storyline.UserStore, name string, role storyline.Role) error {
	_, err := store.UserByName(ctx, name)
	switch storyline.ErrorCode(err) {
	case "":
		return storyline.Errorf(storyline.ECONFLICT, "user name %q is taken", name)
	case storyline.ENOTFOUND:
	default:
		return err
	}
	n, err := store.CountUsers(ctx)
	if err != nil {
		return err
	}
	if n == 0 && role != storyline.RoleAdmin {
		return storyline.Errorf(storyline.EINVALID, "%q would be the first account: the first must be an administrator (add --admin)", name)
	}
	return nil
}

func (a *app) userPasswdCommand() *cobra.Command {
	var fromStdin bool
	cmd := &cobra.Command{
		Use:   "passwd NAME",
		Short: "Set a user's password (this signs the user out everywhere and revokes their API tokens and app passwords)",
		Args:  exactlyOne("user NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			return a.withUser(ctx, "passwd", args[0], func(store storyline.Store, u *storyline.User) error {
				hash, err := a.newPasswordHash(fromStdin)
				if err != nil {
					return err
				}
				if err := store.SetPassword(ctx, u.ID, hash); err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "password changed for %s; their sessions have ended and their API tokens and app passwords are revoked\n", u.Name)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&fromStdin, "password-stdin", false, "read the password from the first line of standard input")
	return cmd
}

func (a *app) userListCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the accounts",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			var users []*storyline.User
			if err := a.withStore(ctx, func(store storyline.Store) (err error) {
				users, err = store.Users(ctx)
				return err
			}); err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.stdout, usersJSON(users))
			}
			if len(users) == 0 {
				fmt.Fprintln(a.stdout, "no users; create the administrator with: storyline user add NAME --admin")
				return nil
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tNAME\tROLE\tCREATED\tACCESS")
			for _, u := range users {
				access := "active"
				if u.Disabled {
					access = "disabled"
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", u.ID, u.Name, roleName(u.Role), u.CreatedAt.UTC().Format(time.DateTime), access)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// userJSON is a user in `user list --json`; never the password hash.
type userJSON struct {
	ID        int64          `json:"id"`
	Name      string         `json:"name"`
	Role      storyline.Role `json:"role"`
	Disabled  bool           `json:"disabled"`
	CreatedAt time.Time      `json:"created_at"`
}

// usersJSON converts users for JSON output.
func usersJSON(users []*storyline.User) []userJSON {
	out := make([]userJSON, len(users))
	for i, u := range users {
		out[i] = userJSON{ID: u.ID, Name: u.Name, Role: u.Role, Disabled: u.Disabled, CreatedAt: u.CreatedAt}
	}
	return out
}

// roleName is a role in words.
func roleName(r storyline.Role) string {
	if r == storyline.RoleAdmin {
		return "administrator"
	}
	return string(r)
}

// newPasswordHash reads a new password — the first line of standard input
// with fromStdin, else typed twice at the terminal without echo — and
// returns its hash.
func (a *app) newPasswordHash(fromStdin bool) (string, error) {
	var pw string
	var err error
	if fromStdin {
		pw, err = a.stdinPassword()
	} else {
		pw, err = a.terminalPassword()
	}
	if err != nil {
		return "", err
	}
	return auth.HashPassword(pw, auth.DefaultParams())
}

// stdinPassword reads a password from the first line of standard input.
func (a *app) stdinPassword() (string, error) {
	line, err := bufio.NewReader(a.stdin).ReadString('\n')
	if err != nil && !(errors.Is(err, io.EOF) && line != "") {
		if errors.Is(err, io.EOF) {
			return "", usagef("--password-stdin: standard input is empty; send the password on its first line")
		}
		return "", fmt.Errorf("--password-stdin: %w", err)
	}
	line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	return line, auth.CheckPassword(line)
}

// terminalPassword asks for a password twice at the terminal, without
// echo.
func (a *app) terminalPassword() (string, error) {
	f, ok := a.stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return "", usagef("standard input is not a terminal: send the password with --password-stdin")
	}
	ask := func(prompt string) (string, error) {
		fmt.Fprint(a.stderr, prompt)
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(a.stderr)
		if err != nil {
			return "", fmt.Errorf("reading the password: %w", err)
		}
		return string(b), nil
	}
	pw, err := ask("Password: ")
	if err != nil {
		return "", err
	}
	if err := auth.CheckPassword(pw); err != nil {
		return "", err
	}
	again, err := ask("Password again: ")
	if err != nil {
		return "", err
	}
	if again != pw {
		return "", storyline.Errorf(storyline.EINVALID, "the two passwords differ")
	}
	return pw, nil
}
