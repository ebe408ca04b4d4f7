package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/tutti-chat/tutti/internal/session"
	"github.com/tutti-chat/tutti/internal/state"
	"github.com/tutti-chat/tutti/simulator"
)

// labRoom is the room of the "empty" scenario where the bot meets the
// people who try it.
const labRoom = "Bot lab"

// humanFlags collects repeated --human USERNAME flags: people of the pod
// who log in with keys the simulator issues, to talk to the bot.
type humanFlags []string

func (h *humanFlags) String() string { return strings.Join(*h, ",") }

// Set adds a username, refusing one given twice.
func (h *humanFlags) Set(v string) error {
	for _, u := range *h {
		if strings.EqualFold(u, v) {
			return fmt.Errorf("%q is given twice", v)
		}
	}
	*h = append(*h, v)
	return nil
}

// apply gives the simulator the humans, and the "empty" scenario its lab
// room.
func (h humanFlags) apply(o *simulator.Options) {
	o.Humans = append(o.Humans, h...)
	if o.Scenario == "empty" {
		o.LabRoom = labRoom
	}
}

// writeHumanConfigs writes, beside the service account's configuration at
// botConfig, a configuration and a key for every human of srv
// (human-USERNAME.yaml, human-USERNAME-key.pem with mode 0600), and says
// on out how to open the UI as each.
func writeHumanConfigs(srv *simulator.Server, botConfig string, out io.Writer) error {
	humans := srv.Humans()
	if len(humans) == 0 {
		return nil
	}
	u, err := splitURL(srv.URL())
	if err != nil {
		return err
	}
	dir := filepath.Dir(botConfig)
	caPath := ""
	if len(srv.CACertPEM()) > 0 {
		caPath = filepath.Join(dir, simulatorCAFile) // writeSimulatorConfig wrote it
	}
	for _, h := range humans {
		name := h.User.Username
		keyPath := filepath.Join(dir, "human-"+name+"-key.pem")
		if err := state.WriteFileAtomic(keyPath, h.PrivateKeyPEM, 0o600); err != nil {
			return err
		}
		path := filepath.Join(dir, "human-"+name+".yaml")
		if err := writeBDKConfig(u, srv.URL(), path, name, keyPath, caPath); err != nil {
			return err
		}
		abs, err := filepath.Abs(path)
		if err != nil {
			return fmt.Errorf("write config: %w", err)
		}
		fmt.Fprintf(out, "wrote %s\nwrote %s\n", path, keyPath)
		fmt.Fprintf(out, "human %s (%s), in an IM with %s: open the UI as them with\n  tutti --config %s\n",
			name, h.User.DisplayName, srv.Account(), session.ShellQuote(abs))
	}
	return nil
}
