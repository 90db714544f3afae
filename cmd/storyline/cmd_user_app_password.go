package main

import (
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/auth"
)

// userAppPasswordCommand is `user app-password NAME`: an administrator
// makes an app password with which a user's feed-reading app signs in
// (shown once), lists the user's app passwords, or revokes one.
func (a *app) userAppPasswordCommand() *cobra.Command {
	var label string
	var stories, list bool
	var revoke int64
	cmd := &cobra.Command{
		Use:   "app-password NAME [--label LABEL] [--stories] | --list | --revoke ID",
		Short: "Make an app password for a user's feed-reading app, list them, or revoke one",
		Long: `Make an app password with which a feed-reading app (NetNewsWire, Reeder,
Read You, newsboat…) signs in as the user, in place of the user's own
password: it is printed once. Fever apps use the same user name and
password. --stories sets it to show the app each story as one item (the apps'
APIs do not serve stories yet: until they do, the app sees articles). --list lists the
user's app passwords, --revoke ID revokes one. A new password (user passwd)
revokes them all.`,
		Args: exactlyOne("user NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			making := cmd.Flags().Changed("label") || stories
			switch {
			case revoke < 0:
				return usagef("--revoke %d: want an app password ID from --list", revoke)
			case list && (revoke > 0 || making):
				return usagef("--list: give it alone")
			case revoke > 0 && making:
				return usagef("--revoke and --label or --stories: give one")
			}
			clean, err := storyline.CleanAppPasswordLabel(label)
			if err != nil {
				return usageError{fmt.Errorf("--label: %w", err)}
			}
			ctx := cmd.Context()
			return a.withUser(ctx, "app-password", args[0], func(store storyline.Store, u *storyline.User) error {
				switch {
				case list:
					list, err := store.AppPasswords(ctx, u.ID)
					if err != nil {
						return err
					}
					return a.printAppPasswords(u, list)
				case revoke > 0:
					if err := store.DeleteAppPassword(ctx, u.ID, revoke); err != nil {
						return err
					}
					fmt.Fprintf(a.stdout, "revoked app password %d of %s: the app using it can no longer sign in\n", revoke, u.Name)
					return nil
				}
				secret, secretHash, feverHash := auth.NewAppPassword(u.Name)
				p := &storyline.AppPassword{UserID: u.ID, Label: clean, SecretHash: secretHash, FeverHash: feverHash, StoriesAsItems: stories}
				if err := store.AddAppPassword(ctx, p); err != nil {
					return err
				}
				a.printNewAppPassword(u, p, secret)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&label, "label", "", "what to call it, such as the app and device (at most 60 characters)")
	cmd.Flags().BoolVar(&stories, "stories", false, "one item per story: the app sees each story as one item (its brief and every outlet's report), not each article")
	cmd.Flags().BoolVar(&list, "list", false, "list the user's app passwords")
	cmd.Flags().Int64Var(&revoke, "revoke", 0, "revoke the app password with this ID")
	return cmd
}

// printNewAppPassword shows a new app password, the only time it is
// shown, and how an app signs in with it.
func (a *app) printNewAppPassword(u *storyline.User, p *storyline.AppPassword, secret string) {
	fmt.Fprintf(a.stdout, "new app password %d of %s%s (shown only now):\n%s\n\n", p.ID, u.Name, labelNote(p.Label), secret)
	fmt.Fprintf(a.stdout, "Sign in to the app with the user name %s and this password.\n", u.Name)
	fmt.Fprintf(a.stdout, "Fever apps use the same user name and password, the name typed exactly as %s.\n", u.Name)
	if p.StoriesAsItems {
		fmt.Fprintln(a.stdout, "The app sees each story as one item, in a folder Stories: its brief and a link to every outlet's report.")
	}
	if u.Disabled {
		fmt.Fprintf(a.stdout, "%s is disabled: the app cannot sign in until the account is enabled.\n", u.Name)
	}
}

// labelNote is a label to put after a name: ` "Reeder"`, or "" for
// none.
func labelNote(label string) string {
	if label == "" {
		return ""
	}
	return fmt.Sprintf(" %q", label)
}

// printAppPasswords lists u's app passwords: never their secrets or
// hashes.
func (a *app) printAppPasswords(u *storyline.User, list []*storyline.AppPassword) error {
	if len(list) == 0 {
		fmt.Fprintf(a.stdout, "%s has no app passwords\n", u.Name)
		return nil
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tLABEL\tITEMS\tCREATED\tLAST USED")
	for _, p := range list {
		label, items, used := p.Label, "articles", "never"
		if label == "" {
			label = "-"
		}
		if p.StoriesAsItems {
			items = "stories"
		}
		if !p.LastUsedAt.IsZero() {
			used = p.LastUsedAt.UTC().Format(time.DateTime)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", p.ID, label, items, p.CreatedAt.UTC().Format(time.DateTime), used)
	}
	return tw.Flush()
}
