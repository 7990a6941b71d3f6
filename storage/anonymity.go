package storage

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// releaseScript moves every held anonymous event to the outbox, in the
// random order SPOP gives. KEYS = anon set, outbox.
var releaseAnonScript = redis.NewScript(`
local n = 0
while true do
  local ev = redis.call('SPOP', KEYS[1])
  if not ev then return n end
  redis.call('XADD', KEYS[2], '*', 'event', ev)
  n = n + 1
end
`)

// ReleaseAnonymous moves the held anonymous response events of a
// questionnaire to the outbox (run daily by the scheduler).
func (s *Store) ReleaseAnonymous(ctx context.Context, surveyID string) (int, error) {
	n, err := releaseAnonScript.Run(ctx, s.rdb, []string{s.keys.SurveyAnonOut(surveyID), s.keys.Outbox()}).Int()
	if err != nil {
		return 0, fmt.Errorf("release anonymous events of %s: %w", surveyID, err)
	}
	return n, nil
}
