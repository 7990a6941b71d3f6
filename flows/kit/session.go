package kit

// FlowName names the conversation a chat is in.
type FlowName string

// FlowNone: the chat is in no conversation.
const FlowNone FlowName = ""

// Core is the part of a chat's session every feature shares: the prompt
// sequence and the conversation the chat is in. Features keep their own
// state beside it in the engine's Session.
type Core struct {
	// Seq numbers the prompts that carry buttons. Callback data names the
	// Seq it belongs to; a button of an older prompt is stale.
	Seq  int      `json:"q,omitempty"`
	Flow FlowName `json:"f,omitempty"`
	// Outcome says what became of the conversation the chat last left
	// ("已提交", "已取消"…): a press on one of its old buttons (Seq from
	// Began on) is answered with it. Entering a conversation clears it.
	Outcome string `json:"o,omitempty"`
	Began   int    `json:"b,omitempty"`
}

// Next starts a new prompt: buttons of earlier ones become stale.
func (c *Core) Next() int {
	c.Seq++
	return c.Seq
}

// CoreState returns c; through embedding it gives a session's Core.
func (c *Core) CoreState() *Core { return c }

// Session is a chat's stored state as a feature sees it: the shared Core,
// and (through a type assertion to the feature's own holder interface) the
// feature's state.
type Session interface {
	CoreState() *Core
}
