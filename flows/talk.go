package flows

// TalkSettings configure the feature (from config).
type TalkSettings struct{}

// TalkRun is a talk (谈民心) conversation in progress: booking a 电话约谈,
// recording an outcome.
type TalkRun struct{}

// talkFeature is talk rounds with 电话约谈 and 会后补谈 until 全覆盖:
// invitations, booking, interviewer reminders, /mytalks, /coverage.
func talkFeature() feature { return feature{} }

// talkCatalog holds this feature's messages (lang → key → text).
func talkCatalog() map[string]map[msg]string { return nil }
