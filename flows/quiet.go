package flows

import "sibu/flows/kit"

// announceHeld tells whoever started pushes in quiet hours when they will
// go: the push queue holds them until the quiet hours end. The note goes
// with the last message to the person's chat, or on its own.
func (e *Engine) announceHeld(st *kit.Step) {
	now := st.Now.In(e.env.Location)
	if !e.env.Quiet.Contains(now) {
		return
	}
	held := false
	for _, o := range st.Outputs {
		held = held || o.Kind == kit.OutPush && !o.AnyHour
	}
	if !held {
		return
	}
	note := kit.T(st.Lang, kit.MsgPushesHeld, e.env.Quiet.End(now).Format("15:04"))
	for i := len(st.Outputs) - 1; i >= 0; i-- {
		o := &st.Outputs[i]
		if o.ChatID == st.In.ChatID && (o.Kind == kit.OutSend || o.Kind == kit.OutEdit) && o.File == nil && o.Contact == nil {
			o.Text += "\n" + note
			return
		}
	}
	st.Send(note)
}
