package research

import "sibu/flows/kit"

// grid lays buttons out n to a row.
func grid(buttons []kit.Button, n int) [][]kit.Button {
	var rows [][]kit.Button
	for len(buttons) > n {
		rows, buttons = append(rows, buttons[:n]), buttons[n:]
	}
	if len(buttons) > 0 {
		rows = append(rows, buttons)
	}
	return rows
}
