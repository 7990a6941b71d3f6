package kit

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// The chat transport's limits (Telegram's; text lengths in UTF-16 code
// units, as Telegram counts). Every output is cut to them before it is
// committed (Fit), so no output is too large to store or to send.
const (
	MaxText         = 4096 // a message's text
	MaxCaption      = 1024 // a file's caption
	MaxCallbackData = 64   // a button's callback data, in bytes
	MaxButtons      = 100  // the buttons of one keyboard
	MaxButtonText   = 64   // a button's label (longer ones no phone shows)
)

// staleData replaces callback data longer than MaxCallbackData: no feature
// parses it, so a press is answered as a stale button ("已过期") instead of
// the whole message being refused.
const staleData = "~"

// Fit cuts outputs to the transport's limits, in order. A text longer than
// MaxText (but a push's, which the push queue sends in parts) becomes
// several messages, cut at line breaks where it can, the
// buttons and keyboard on the last (an edit keeps the first piece and sends
// the rest as new messages); a caption longer than MaxCaption goes first as
// messages of its own; keyboards keep at most MaxButtons buttons (the last
// row, the way on, whole), labels at most MaxButtonText and callback data
// at most MaxCallbackData bytes. Outputs within the limits come back as
// they were.
func Fit(outs []Output) []Output {
	var out []Output
	for _, o := range outs {
		o.Buttons = FitButtons(o.Buttons)
		switch {
		case o.Kind != OutSend && o.Kind != OutPush && o.Kind != OutEdit:
			out = append(out, o)
		case o.File != nil && UTF16Len(o.Text) > MaxCaption, o.Contact != nil && UTF16Len(o.Text) > MaxText:
			// The text goes first as messages; the file or card follows
			// with the markup.
			for _, part := range SplitText(o.Text) {
				out = append(out, Output{Kind: o.Kind, ChatID: o.ChatID, Text: part})
			}
			o.Text = ""
			out = append(out, o)
		case o.Kind == OutPush && o.File == nil && o.Contact == nil:
			// A push stays one: the push queue sends a long text in
			// parts itself, in order, marking how far it got, so a
			// replica taking it over sends only the rest. Split here,
			// its parts would be pushes of their own, sent in parallel.
			out = append(out, o)
		case o.File == nil && o.Contact == nil && UTF16Len(o.Text) > MaxText:
			out = append(out, splitOutput(o)...)
		default:
			out = append(out, o)
		}
	}
	return out
}

// splitOutput is a long text output as several, the markup on the last;
// an edit's first piece edits the message (its buttons removed), the rest
// are sent after it.
func splitOutput(o Output) []Output {
	parts := SplitText(o.Text)
	out := make([]Output, 0, len(parts))
	for i, part := range parts {
		p := Output{Kind: o.Kind, ChatID: o.ChatID, Text: part}
		if o.Kind == OutEdit && i == 0 {
			p.MessageID = o.MessageID
		} else if o.Kind == OutEdit {
			p.Kind = OutSend
		}
		if i == len(parts)-1 {
			p.Buttons, p.Keyboard, p.RemoveKeyboard = o.Buttons, o.Keyboard, o.RemoveKeyboard
		}
		out = append(out, p)
	}
	return out
}

// FitButtons keeps a keyboard within MaxButtons, leaving buttons off the
// end of the rows before the last, which carries the way on (完成, 提交,
// 下一页) and is kept whole when it is a row Telegram shows (8 buttons at
// most); labels are cut to MaxButtonText and callback data over
// MaxCallbackData bytes is replaced by data no feature takes.
func FitButtons(rows [][]Button) [][]Button {
	total := 0
	fits := true
	for _, row := range rows {
		total += len(row)
		for _, b := range row {
			fits = fits && len(b.Data) <= MaxCallbackData && UTF16Len(b.Text) <= MaxButtonText
		}
	}
	if total <= MaxButtons && fits {
		return rows
	}
	var last []Button
	if l := rows[len(rows)-1]; total > MaxButtons && len(rows) > 1 && len(l) <= 8 {
		rows, last = rows[:len(rows)-1], l
	}
	budget := MaxButtons - len(last)
	out := make([][]Button, 0, len(rows)+1)
	n := 0
	for _, row := range rows {
		if k := min(len(row), budget-n); k > 0 {
			out = append(out, fitRow(row[:k]))
			n += k
		}
	}
	if len(last) > 0 {
		out = append(out, fitRow(last))
	}
	return out
}

// fitRow is a copy of row with every label and callback data within the
// limits.
func fitRow(row []Button) []Button {
	out := slices.Clone(row)
	for i := range out {
		if len(out[i].Data) > MaxCallbackData {
			out[i].Data = staleData
		}
		out[i].Text = Shorten(out[i].Text, MaxButtonText)
	}
	return out
}

// Shorten cuts s to at most n UTF-16 units, ending it with "…" when cut.
func Shorten(s string, n int) string {
	if UTF16Len(s) <= n {
		return s
	}
	w := 0
	for i, r := range s {
		if w+utf16Width(r) > n-1 {
			return s[:i] + "…"
		}
		w += utf16Width(r)
	}
	return s
}

// SplitText cuts text into pieces of at most MaxText UTF-16 units, at line
// breaks when it can. Blank text gives no piece, and no piece is only
// whitespace (Telegram trims a message and refuses one left empty).
func SplitText(text string) []string {
	var out []string
	for UTF16Len(text) > MaxText {
		cut := 0
		n := 0
		for i, r := range text {
			w := utf16Width(r)
			if n+w > MaxText {
				break
			}
			n += w
			_, size := utf8.DecodeRuneInString(text[i:]) // 1 for an invalid byte
			cut = i + size
		}
		if nl := strings.LastIndex(text[:cut], "\n"); nl > cut/2 {
			cut = nl + 1
		}
		out = append(out, text[:cut])
		text = text[cut:]
	}
	out = append(out, text)
	return slices.DeleteFunc(out, func(p string) bool { return strings.TrimSpace(p) == "" })
}

// UTF16Len is the length of s in UTF-16 code units, as Telegram counts.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Width(r)
	}
	return n
}

// utf16Width is the number of UTF-16 code units of r: 2 beyond the BMP
// (most emoji), else 1.
func utf16Width(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}
