package simulator

import "time"

// minReplayPeriod is the least length of one pass of a looping replay.
const minReplayPeriod = time.Second

// replayClock maps the recording's time onto the replay's. The recording
// starts at start; a pass of it starts at t0 and lasts period, its times
// after start divided by speed. What happened before the recording started
// (the history it paged through) is moved by t0 − start once, and stays
// there on later passes.
type replayClock struct {
	start  time.Time     // the recording's start
	t0     time.Time     // when the first pass started, on the pod's clock
	speed  float64       // > 0
	period time.Duration // one pass, on the pod's clock
	loop   bool
}

// newReplayClock returns the clock of a recording from start to end played
// from t0.
func newReplayClock(start, end, t0 time.Time, speed float64, loop bool) replayClock {
	if speed <= 0 {
		speed = 1
	}
	period := time.Duration(float64(end.Sub(start)) / speed)
	return replayClock{start: start, t0: t0, speed: speed, period: max(period, minReplayPeriod), loop: loop}
}

// pass returns the pass under way at now: 0 without looping.
func (c *replayClock) pass(now time.Time) int {
	if !c.loop || !now.After(c.t0) {
		return 0
	}
	return int(now.Sub(c.t0) / c.period)
}

// passStart returns when pass k starts.
func (c *replayClock) passStart(k int) time.Time { return c.t0.Add(time.Duration(k) * c.period) }

// position returns the pass under way at now and the time of the
// recording it has reached.
func (c *replayClock) position(now time.Time) (int, time.Time) {
	k := c.pass(now)
	return k, c.start.Add(time.Duration(float64(now.Sub(c.passStart(k))) * c.speed))
}

// wall returns when the recording's time rec comes in pass k.
func (c *replayClock) wall(k int, rec time.Time) time.Time {
	d := rec.Sub(c.start)
	if d < 0 {
		return c.t0.Add(d)
	}
	return c.passStart(k).Add(time.Duration(float64(d) / c.speed))
}

// millis maps a timestamp of the recording (ms since the epoch; 0 stays 0)
// onto pass k.
func (c *replayClock) millis(k int, ms int64) int64 {
	if ms == 0 {
		return 0
	}
	return c.wall(k, time.UnixMilli(ms)).UnixMilli()
}

// reached reports whether pass k has reached the recording's time rec
// when the present is pass now at position pos.
func reached(k, now int, pos, rec time.Time) bool { return k < now || !pos.Before(rec) }
