// sibu playground: dates and times as the page writes them, in the demo's
// time zone and relative to the demo clock (S.clock), not the browser's.
// Plain JS, no build step; loaded before app.js.
'use strict';

const TZ = 'Asia/Shanghai';
const timeFmt = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hour12: false });
const dayFmt = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, month: 'long', day: 'numeric', weekday: 'short' });
const yearDayFmt = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' });
const weekdayFmt = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, weekday: 'short' });
const monthDayFmt = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, month: 'long', day: 'numeric' });
const shortDateFmt = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, year: 'numeric', month: 'numeric', day: 'numeric' });
const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });

// dayLabel names a day of the chat: with the year when it is not the demo
// clock's year.
function dayLabel(d) {
  const now = S.clock ? new Date(S.clock.now) : new Date();
  return (ymd(d)[0] === ymd(now)[0] ? dayFmt : yearDayFmt).format(d);
}

// ymd returns [year, month, day] of d in the demo's time zone.
function ymd(d) { return dayKey.format(d).split('-').map(Number); }

// listTime is the time of a chat's last message in the person list, as
// Telegram writes it: 09:30 today, 周二 within the week, 3月2日 this year,
// 2025/3/2 before.
function listTime(unix) {
  const d = new Date(unix * 1000);
  const now = S.clock ? new Date(S.clock.now) : new Date();
  const [y, m, day] = ymd(d);
  const [ny, nm, nday] = ymd(now);
  const days = Math.round((Date.UTC(ny, nm - 1, nday) - Date.UTC(y, m - 1, day)) / 86400000);
  if (days <= 0) return timeFmt.format(d);
  if (days < 7) return weekdayFmt.format(d);
  if (y === ny) return monthDayFmt.format(d);
  return shortDateFmt.format(d);
}

// clockText writes seconds as m:ss.
function clockText(s) {
  s = Math.max(0, Math.round(s || 0));
  return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
}
