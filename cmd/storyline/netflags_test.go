package main

import (
	"errors"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestNetFlagsHostRateMax checks --host-rate-max: its default, that it
// follows a higher --host-rate when left alone, and its usage errors.
func TestNetFlagsHostRateMax(t *testing.T) {
	tests := []struct {
		args     []string
		wantRate float64
		wantMax  float64
		wantErr  string
	}{
		{args: nil, wantRate: 4, wantMax: 100},
		{args: []string{"--host-rate-max", "50"}, wantRate: 4, wantMax: 50},
		{args: []string{"--host-rate", "8", "--host-rate-max", "8"}, wantRate: 8, wantMax: 8},
		{args: []string{"--host-rate", "200"}, wantRate: 200, wantMax: 200},
		{args: []string{"--host-rate", "-1", "--host-rate-max", "10"}, wantRate: -1, wantMax: 10},
		{args: []string{"--host-rate", "10", "--host-rate-max", "5"}, wantErr: "--host-rate-max 5: want at least --host-rate (10)"},
		{args: []string{"--host-rate-max", "0"}, wantErr: "--host-rate-max 0: want a positive, finite rate"},
		{args: []string{"--host-rate-max", "-3"}, wantErr: "--host-rate-max -3: want a positive, finite rate"},
		{args: []string{"--host-rate-max", "nan"}, wantErr: "--host-rate-max NaN: want a positive, finite rate"},
		{args: []string{"--host-rate-max", "+Inf"}, wantErr: "--host-rate-max +Inf: want a positive, finite rate"},
		{args: []string{"--host-rate", "-1", "--host-rate-max", "0"}, wantErr: "--host-rate-max 0: want a positive, finite rate"},
		{args: []string{"--host-rate", "0", "--host-rate-max", "5"}, wantErr: "--host-rate 0: want a positive rate"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var n netFlags
			cmd := &cobra.Command{Use: "test"}
			n.register(cmd)
			if err := cmd.ParseFlags(tt.args); err != nil {
				t.Fatal(err)
			}
			opts, _, err := n.options()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err %v, want %q", err, tt.wantErr)
				}
				if !errors.As(err, new(usageError)) {
					t.Errorf("err %T, want a usage error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if opts.HostRate != tt.wantRate || opts.HostRateMax != tt.wantMax {
				t.Errorf("HostRate %v, HostRateMax %v; want %v, %v", opts.HostRate, opts.HostRateMax, tt.wantRate, tt.wantMax)
			}
		})
	}
}
