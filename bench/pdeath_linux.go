package bench

import (
	"os/exec"
	"syscall"
)

// setPdeathsig kills the private redis-server if the benchmark dies.
func setPdeathsig(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
