//go:build !linux

package bench

import "os/exec"

// setPdeathsig does nothing where the parent-death signal does not exist.
func setPdeathsig(*exec.Cmd) {}
