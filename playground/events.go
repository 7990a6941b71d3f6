package playground

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"sibu/tgemu"
)

// events streams every change as Server-Sent Events, one JSON eventView
// per "data:" line. The page re-reads a chat after reconnecting.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		httpError(w, http.StatusInternalServerError, "streaming unsupported")
		return
	}
	evs, stop := s.opt.Emulator.Subscribe()
	defer stop()
	clk, unsubscribe := s.subscribeClock()
	defer unsubscribe()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Accel-Buffering", "no")
	fmt.Fprint(w, "retry: 1000\n\n")
	fl.Flush()
	tick := time.NewTicker(15 * time.Second)
	defer tick.Stop()
	enc := func(ev eventView) {
		b, _ := json.Marshal(ev)
		fmt.Fprintf(w, "data: %s\n\n", b)
	}
	for {
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
			fmt.Fprint(w, ": ping\n\n")
		case <-clk:
			cv := s.clockView()
			enc(eventView{Type: "clock", Clock: &cv})
		case ev, ok := <-evs:
			if !ok {
				return
			}
			out, send := s.translate(r.Context(), ev)
			if !send {
				continue
			}
			enc(out)
		}
		fl.Flush()
	}
}

// translate turns an emulator event into what the page needs; events of
// chats that are not demo people's are dropped.
func (s *Server) translate(ctx context.Context, ev tgemu.Event) (eventView, bool) {
	out := eventView{Type: string(ev.Type), ChatID: ev.ChatID}
	switch ev.Type {
	case tgemu.EventMessage, tgemu.EventEdit, tgemu.EventDelete:
		p, ok := s.people[ev.ChatID]
		if !ok || ev.Message == nil {
			return out, false
		}
		v := view(*ev.Message)
		out.Message = &v
		out.Keyboard = s.keyboard(ev.ChatID)
		if ev.Type == tgemu.EventMessage && ev.Message.FromBot { // a join or a move is told by the bot
			pv := s.personNow(ctx, p)
			out.Person = &pv
		}
	case tgemu.EventCallbackAnswer:
		if ev.Callback == nil {
			return out, false
		}
		out.Callback = &callbackView{UserID: ev.Callback.UserID, Text: ev.Callback.Text, Alert: ev.Callback.ShowAlert}
	case tgemu.EventCommands, tgemu.EventDescription:
	default:
		return out, false
	}
	return out, true
}

// subscribeClock returns a channel that receives the demo time each time
// it is moved, and the function that stops it.
func (s *Server) subscribeClock() (<-chan time.Time, func()) {
	clk := make(chan time.Time, 4)
	s.mu.Lock()
	s.clockSubs[clk] = struct{}{}
	s.mu.Unlock()
	return clk, func() {
		s.mu.Lock()
		delete(s.clockSubs, clk)
		s.mu.Unlock()
	}
}

// publishClock tells every events stream the clock moved to now. A stream
// whose channel is full skips it: the moves queued before it make the
// stream read the clock afresh anyway.
func (s *Server) publishClock(now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for ch := range s.clockSubs {
		select {
		case ch <- now:
		default:
		}
	}
}
