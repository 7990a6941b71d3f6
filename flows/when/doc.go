// Package when is the one reader of the dates and times people type and
// the one writer of dates as people read them, for every feature: a
// commitment's deadline, a proposed talk time, a questionnaire's date
// answer; and the dates of messages (with the year whenever it is not the
// current one, 今天 and 明天 for today and tomorrow, a day's slots as one
// range).
//
//	d, ok := when.Date("下周五", today)              // a day
//	t, ok := when.Time("周五下午三点", now, loc)      // a day and a time of day
//	when.Moment(t, now, loc, "zh")                  // "明天（周四）15:00"
//
// Files:
//
//	date.go    Date: a day typed (2026-12-31, 12月31日, 下周五, 3天后, 月底…)
//	time.go    Time: a day and a time of day typed (15:30, 下午三点, 9点半…)
//	format.go  Deadline, Day, Moment, Ranges, Until: dates as people read them
//
// when imports nothing of the bot; kit and the features import it.
package when
