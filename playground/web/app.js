// sibu playground: a Telegram-like chat page over the emulator.
// Plain JS, no build step. State comes from /api/*, changes from /api/events (SSE).
'use strict';

const $ = (id) => document.getElementById(id);
const S = {
  bot: null,
  people: [],       // demo people from /api/state
  byId: new Map(),
  cur: null,        // id of the person being played
  chat: null,       // {messages: Map id -> view, keyboard, commands}
  unread: {},       // person id -> count of bot messages not seen
  kbHidden: {},     // person id -> reply keyboard hidden by the user (one-time or toggled)
  clock: null,
  stick: true,      // the chat is scrolled to its end: keep it there when the chat or its box changes
  autoTop: -1,      // the scrollTop the page last set itself
};
const COLORS = ['#e17076', '#7bc862', '#65aadd', '#a695e7', '#ee7aae', '#6ec9cb', '#faa774'];

async function api(path, body) {
  let opt = {};
  if (body instanceof FormData) opt = { method: 'POST', body };
  else if (body !== undefined) opt = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  const r = await fetch(path, opt);
  const data = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(data.error || r.statusText);
  return data;
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function avatar(p, cls) {
  const a = el('div', 'avatar' + (cls ? ' ' + cls : ''), p.name.slice(0, 1));
  a.style.background = COLORS[Math.abs(p.id) % COLORS.length];
  return a;
}

// ---------- text with entities, links and commands ----------

const AUTO = /(https?:\/\/[^\s<>"'，。！？、）]+|tg:\/\/[^\s<>"']+|(?:^|(?<=[\s(（，。、：；:,]))\/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]+)?(?![\w/]))/g;

function appendPlain(parent, text) {
  let last = 0;
  for (const m of text.matchAll(AUTO)) {
    if (m.index > last) parent.append(text.slice(last, m.index));
    const t = m[0];
    if (t.startsWith('/')) parent.append(commandLink(t));
    else parent.append(urlLink(t, t));
    last = m.index + t.length;
  }
  if (last < text.length) parent.append(text.slice(last));
}

function commandLink(cmd) {
  const a = el('a', 'cmd-link', cmd);
  a.href = '#';
  a.onclick = (e) => { e.preventDefault(); sendText(cmd.replace(/@\w+$/, '')); };
  return a;
}

function urlLink(text, url) {
  const a = el('a', null, text);
  a.href = url;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  a.onclick = (e) => {
    const start = deepLink(url);
    if (start !== null) { e.preventDefault(); sendText(start ? '/start ' + start : '/start'); }
  };
  return a;
}

// deepLink returns the start payload of a link to our bot ('' for none), or null.
function deepLink(url) {
  let u;
  try { u = new URL(url); } catch { return null; }
  const bot = (S.bot && S.bot.username || '').toLowerCase();
  let name = '';
  if (u.protocol === 'tg:') name = (u.searchParams.get('domain') || '').toLowerCase();
  else if (/^(www\.)?(t|telegram)\.me$/i.test(u.hostname)) name = u.pathname.replace(/^\/+|\/+$/g, '').toLowerCase();
  else return null;
  if (!bot || name !== bot) return null;
  return u.searchParams.get('start') || '';
}

function renderText(text, entities) {
  const frag = document.createDocumentFragment();
  const ents = (entities || []).slice().sort((a, b) => a.offset - b.offset || b.length - a.length);
  let pos = 0;
  for (const e of ents) {
    if (e.offset < pos) continue; // nested or overlapping: shown as plain
    if (e.offset > pos) appendPlain(frag, text.slice(pos, e.offset));
    const t = text.slice(e.offset, e.offset + e.length);
    let n;
    switch (e.type) {
      case 'bold': n = el('b', null, t); break;
      case 'italic': n = el('i', null, t); break;
      case 'underline': n = el('u', null, t); break;
      case 'strikethrough': n = el('s', null, t); break;
      case 'code': n = el('code', null, t); break;
      case 'pre': n = el('pre', null, t); break;
      case 'text_link': n = urlLink(t, e.url); break;
      case 'url': n = urlLink(t, /^\w+:/.test(t) ? t : 'https://' + t); break;
      case 'bot_command': n = commandLink(t); break;
      default: n = document.createTextNode(t);
    }
    frag.append(n);
    pos = e.offset + e.length;
  }
  if (pos < text.length) appendPlain(frag, text.slice(pos));
  return frag;
}

function sizeLabel(n) {
  if (n < 1024) return n + ' B';
  if (n < 1 << 20) return (n / 1024).toFixed(1) + ' KB';
  return (n / (1 << 20)).toFixed(1) + ' MB';
}

function preview(m) {
  if (!m) return '';
  if (m.photo) return '[图片] ' + (m.text || '');
  if (m.document) return '[文件] ' + (m.document.name || '');
  if (m.contact) return '[联系人] ' + m.contact.phone;
  if (m.voice) return '[语音] ' + clockText(m.voice.duration);
  return (m.text || m.other || '').replace(/\s+/g, ' ');
}

// ---------- messages ----------

function bubble(m) {
  const wrap = el('div', 'msg ' + (m.from_bot ? 'in' : 'out'));
  wrap.dataset.id = m.id;
  const b = el('div', 'bubble');
  if (m.photo) {
    const img = el('img', 'photo');
    img.src = '/api/files/' + encodeURIComponent(m.photo.id);
    img.alt = '图片';
    if (m.photo.width && m.photo.height) img.style.aspectRatio = m.photo.width + ' / ' + m.photo.height;
    img.onclick = () => window.open(img.src, '_blank', 'noopener');
    img.onload = keepAtEnd;
    b.append(img);
  }
  if (m.voice) b.append(voiceNode(m.voice));
  if (m.document) {
    const a = el('a', 'doc');
    a.href = '/api/files/' + encodeURIComponent(m.document.id);
    a.download = m.document.name || 'file';
    const info = el('div');
    info.append(el('div', 'doc-name', m.document.name || '文件'), el('div', 'doc-size', sizeLabel(m.document.size) + ' · 点击下载'));
    a.append(el('div', 'doc-icon', '⬇'), info);
    b.append(a);
  }
  if (m.contact) {
    const c = el('div', 'contact');
    const who = S.byId.get(S.cur);
    c.append(avatar({ id: S.cur, name: m.contact.name || (who ? who.name : '?') }, 'small'));
    const t = el('div');
    t.append(el('div', 'doc-name', m.contact.name || ''), el('div', 'phone-no', m.contact.phone));
    c.append(t);
    b.append(c);
  }
  if (m.text) b.append(renderText(m.text, m.entities));
  else if (m.other) b.append(m.other.length <= 4 ? m.other : '[' + m.other + ']');
  const meta = el('span', 'meta');
  if (m.edited) meta.append(el('span', 'edited', '已编辑'));
  meta.append(timeFmt.format(new Date(m.date * 1000)));
  b.append(meta);
  wrap.append(b);
  if (m.buttons && m.buttons.length) {
    const kb = el('div', 'ikb');
    for (const row of m.buttons) {
      const r = el('div', 'ikb-row');
      for (const btn of row) {
        const x = el('button', btn.url ? 'url' : null, btn.text);
        x.type = 'button';
        x.onclick = () => pressInline(m, btn, x);
        r.append(x);
      }
      kb.append(r);
    }
    wrap.append(kb);
  }
  return wrap;
}

function renderMessages(scrollToEnd) {
  const box = $('messages');
  const atEnd = S.stick || box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  box.replaceChildren();
  let day = '';
  const msgs = [...S.chat.messages.values()].filter((m) => !m.deleted).sort((a, b) => a.id - b.id);
  for (const m of msgs) {
    const d = new Date(m.date * 1000);
    const k = dayKey.format(d);
    if (k !== day) { day = k; box.append(el('div', 'day', dayLabel(d))); }
    box.append(bubble(m));
  }
  const empty = S.chat.messages.size === 0;
  if (empty && S.chat.description) {
    // What Telegram shows in a chat with a bot never started.
    const card = el('div', 'intro');
    const text = el('div', 'intro-text');
    text.append(renderText(S.chat.description, []));
    card.append(el('div', 'intro-title', '这个机器人能做什么？'), text);
    box.append(card);
  }
  $('composer').hidden = empty;
  $('start-bar').hidden = !empty;
  if (scrollToEnd || atEnd) scrollToBottom();
}

// scrollToBottom shows the chat's end, and remembers where that is: the
// scroll event it causes is not the person scrolling away.
function scrollToBottom() {
  const box = $('messages');
  box.scrollTop = box.scrollHeight;
  S.autoTop = box.scrollTop;
  S.stick = true;
}

// keepAtEnd scrolls the chat to its end if it was there: after a photo
// loads, or when the box shrinks under a reply keyboard or a menu.
function keepAtEnd() {
  if (S.stick) scrollToBottom();
}

// onScroll notes whether the person left the chat's end (to read back) or
// came back to it.
function onScroll() {
  const box = $('messages');
  if (box.scrollTop === S.autoTop) return;
  S.stick = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
}

function renderKeyboard() {
  const panel = $('reply-kb');
  const kb = S.chat && S.chat.keyboard;
  $('kb-btn').hidden = !kb;
  if (!kb || S.kbHidden[S.cur]) { panel.hidden = true; return; }
  panel.replaceChildren();
  for (const row of kb.keyboard || []) {
    const r = el('div', 'row');
    for (const k of row) {
      const x = el('button', k.request_contact ? 'contact-btn' : null, k.text);
      x.type = 'button';
      x.onclick = () => {
        if (kb.one_time_keyboard) { S.kbHidden[S.cur] = true; renderKeyboard(); }
        if (k.request_contact) shareContact();
        else sendText(k.text);
      };
      r.append(x);
    }
    panel.append(r);
  }
  $('input').placeholder = kb.input_field_placeholder || '消息';
  panel.hidden = false;
  keepAtEnd(); // the keyboard took room from the chat: its last message stays in view
}

function renderCommands() {
  const menu = $('cmd-menu');
  menu.replaceChildren();
  for (const c of (S.chat && S.chat.commands) || []) {
    const row = el('div', 'cmd');
    row.dataset.cmd = c.command;
    row.append(el('span', 'c', '/' + c.command), el('span', 'd', c.description));
    row.onclick = () => { menu.hidden = true; sendText('/' + c.command); };
    menu.append(row);
  }
  $('menu-btn').hidden = !(S.chat && S.chat.commands && S.chat.commands.length);
}

// ---------- people ----------

function renderPeople() {
  const ul = $('people');
  ul.replaceChildren();
  let others = 0;
  for (const p of S.people) {
    const li = el('li', p.id === S.cur ? 'current' : null);
    li.dataset.person = p.id;
    const body = el('div', 'body');
    const r1 = el('div', 'row1');
    r1.append(el('span', 'name', p.name), el('span', 'role', p.role_label));
    if (p.last) r1.append(el('span', 'time', listTime(p.last.date)));
    const r2 = el('div', 'row2');
    r2.append(el('span', 'preview', p.last ? preview(p.last) : p.title));
    const n = S.unread[p.id] || 0;
    if (n) {
      const badge = el('span', 'badge', String(n));
      badge.dataset.unread = p.id;
      r2.append(badge);
    }
    if (p.id !== S.cur) others += n;
    body.append(r1, r2, el('div', 'sub', p.title));
    li.append(avatar(p), body);
    li.onclick = () => openChat(p.id);
    ul.append(li);
  }
  const bb = $('back-badge');
  bb.textContent = String(others);
  bb.hidden = others === 0;
}

function showList() {
  $('chat-view').hidden = true;
  $('list-view').hidden = false;
  renderPeople();
}

async function openChat(id) {
  S.cur = id;
  S.unread[id] = 0;
  location.hash = String(id);
  const p = S.byId.get(id);
  $('me-avatar').replaceWith(Object.assign(avatar(p, 'small'), { id: 'me-avatar' }));
  $('me-name').textContent = p.name;
  $('list-view').hidden = true;
  $('chat-view').hidden = false;
  $('cmd-menu').hidden = true;
  $('attach-menu').hidden = true;
  $('messages').replaceChildren();
  S.stick = true;
  await loadChat(id, true);
  renderPeople();
}

async function loadChat(id, scroll) {
  const c = await api('/api/chats/' + id);
  if (S.cur !== id) return;
  const keep = S.chat && S.chat.id === id ? S.chat.messages : new Map();
  S.chat = { id, messages: new Map(keep), keyboard: c.keyboard, commands: c.commands, description: c.description };
  for (const m of c.messages) S.chat.messages.set(m.id, m);
  document.querySelector('.peer').title = c.about || '';
  renderMessages(scroll);
  renderKeyboard();
  renderCommands();
}

// ---------- actions ----------

async function sendText(text) {
  text = text.trim();
  if (!text || !S.cur) return;
  $('cmd-menu').hidden = true;
  $('attach-menu').hidden = true;
  try { await api('/api/chats/' + S.cur + '/messages', { text }); }
  catch (e) { toast('发送失败：' + e.message); }
}

async function shareContact() {
  const p = S.byId.get(S.cur);
  const ok = await confirmBox('将您的手机号 ' + p.phone + ' 分享给 ' + (S.bot ? S.bot.name : '机器人') + '？', '分享', '取消');
  if (!ok) return;
  try { await api('/api/chats/' + S.cur + '/contact', {}); }
  catch (e) { toast('分享失败：' + e.message); }
}

async function pressInline(m, btn, node) {
  if (btn.url) {
    const start = deepLink(btn.url);
    if (start !== null) sendText(start ? '/start ' + start : '/start');
    else window.open(btn.url, '_blank', 'noopener');
    return;
  }
  node.classList.add('loading');
  setTimeout(() => node.classList.remove('loading'), 3000);
  try { await api('/api/chats/' + S.cur + '/press', { message_id: m.id, data: btn.data }); }
  catch (e) { node.classList.remove('loading'); toast('按钮已失效'); }
}

async function advance(step, button) {
  document.querySelectorAll('[data-advance]').forEach((b) => { b.disabled = true; });
  try {
    const r = await api('/api/clock', { advance: step });
    setClock(r.clock);
    let fired = 0;
    for (const j of Object.values(r.jobs)) fired += (j.ran || 0) + (j.failed || 0) + (j.panicked || 0);
    toast('演示时间已前进到 ' + r.clock.label + (fired ? '，定时任务运行了 ' + fired + ' 次' : ''));
  } catch (e) {
    toast('无法调整时间：' + e.message);
  } finally {
    document.querySelectorAll('[data-advance]').forEach((b) => { b.disabled = !S.clock || !S.clock.settable; });
  }
}

function setClock(c) {
  S.clock = c;
  const label = $('clock-label');
  label.replaceChildren(el('span', 'wide-only', '演示时间 '));
  const m = /^(\d{4}-)(.*)$/.exec(c.label);
  if (m) label.append(el('span', 'wide-only', m[1]), m[2]); // a phone-wide bar leaves the year out
  else label.append(c.label);
  label.title = '演示时间 ' + c.label + '，' + (c.offset > 0 ? '比真实时间快 ' + Math.round(c.offset / 3600) + ' 小时' : '与真实时间一致');
  document.querySelectorAll('[data-advance]').forEach((b) => { b.hidden = !c.settable; });
  if (!$('list-view').hidden) renderPeople(); // "today" moved
}

let toastTimer;
function toast(text) {
  const t = $('toast');
  t.textContent = text;
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.hidden = true; }, 2500);
}

function confirmBox(text, ok, cancel) {
  return new Promise((resolve) => {
    $('modal-text').textContent = text;
    const acts = $('modal-actions');
    acts.replaceChildren();
    const done = (v) => { $('modal').hidden = true; resolve(v); };
    if (cancel) { const c = el('button', null, cancel); c.type = 'button'; c.onclick = () => done(false); acts.append(c); }
    const o = el('button', 'ok', ok); o.type = 'button'; o.onclick = () => done(true); acts.append(o);
    $('modal').hidden = false;
  });
}

// ---------- live updates ----------

function onEvent(ev) {
  switch (ev.type) {
    case 'clock':
      setClock(ev.clock);
      break;
    case 'message':
    case 'edit':
    case 'delete': {
      const p = S.byId.get(ev.chat_id);
      if (!p) return;
      if (ev.person) Object.assign(p, ev.person); // joined, or moved
      if (ev.type === 'message') p.last = ev.message;
      else if (p.last && p.last.id === ev.message.id) p.last = ev.message;
      if (ev.chat_id === S.cur && S.chat && S.chat.id === ev.chat_id) {
        S.chat.messages.set(ev.message.id, ev.message);
        const kbChanged = JSON.stringify(S.chat.keyboard) !== JSON.stringify(ev.keyboard || null);
        S.chat.keyboard = ev.keyboard || null;
        if (kbChanged && ev.keyboard) S.kbHidden[S.cur] = false;
        renderMessages(ev.type === 'message' && !ev.message.from_bot);
        renderKeyboard();
        if (ev.type === 'message' && ev.message.from_bot && document.hidden) S.unread[ev.chat_id] = (S.unread[ev.chat_id] || 0) + 1;
      } else if (ev.type === 'message' && ev.message.from_bot) {
        S.unread[ev.chat_id] = (S.unread[ev.chat_id] || 0) + 1;
      }
      renderPeople();
      break;
    }
    case 'callback_answer':
      if (ev.callback.user_id !== S.cur) return;
      document.querySelectorAll('.ikb button.loading').forEach((b) => b.classList.remove('loading'));
      if (ev.callback.text) {
        if (ev.callback.alert) confirmBox(ev.callback.text, '好');
        else toast(ev.callback.text);
      }
      break;
    case 'commands':
      if (S.cur && (!ev.chat_id || ev.chat_id === S.cur)) loadChat(S.cur, false);
      break;
    case 'description':
      if (S.cur) loadChat(S.cur, false);
      break;
  }
}

function connect() {
  const es = new EventSource('/api/events');
  let opened = false;
  es.onopen = () => {
    if (opened && S.cur) loadChat(S.cur, false); // catch up on what a reconnect missed
    opened = true;
  };
  es.onmessage = (e) => { try { onEvent(JSON.parse(e.data)); } catch (err) { console.error(err); } };
}

// ---------- start ----------

async function main() {
  const st = await api('/api/state');
  S.bot = st.bot;
  S.people = st.people;
  S.byId = new Map(st.people.map((p) => [p.id, p]));
  setClock(st.clock);
  $('bot-name').textContent = st.bot.name + ' sibu';
  $('bot-avatar').textContent = st.bot.name.slice(0, 1);
  document.querySelectorAll('[data-advance]').forEach((b) => { b.onclick = () => advance(b.dataset.advance, b); });
  $('back').onclick = showList;
  $('me').onclick = showList;
  $('menu-btn').onclick = () => { $('attach-menu').hidden = true; $('cmd-menu').hidden = !$('cmd-menu').hidden; };
  $('start-btn').onclick = () => sendText('/start');
  setupAttach();
  $('messages').addEventListener('scroll', onScroll);
  new ResizeObserver(keepAtEnd).observe($('messages'));
  $('kb-btn').onclick = () => { S.kbHidden[S.cur] = !S.kbHidden[S.cur]; renderKeyboard(); };
  $('composer').onsubmit = (e) => {
    e.preventDefault();
    const v = $('input').value;
    $('input').value = '';
    sendText(v);
  };
  connect();
  const fromHash = Number(location.hash.slice(1));
  if (S.byId.has(fromHash)) openChat(fromHash);
  else showList();
}

main().catch((e) => { document.body.textContent = '无法加载演示：' + e.message; });
