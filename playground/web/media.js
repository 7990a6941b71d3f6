// sibu playground: what a person sends besides text (📎) and voice notes.
// Plain JS, no build step; app.js calls setupAttach and voiceNode.
'use strict';

// setupAttach wires the 📎 button, its menu and the file pickers.
function setupAttach() {
  $('attach-btn').onclick = () => {
    $('cmd-menu').hidden = true;
    $('attach-menu').hidden = !$('attach-menu').hidden;
  };
  document.querySelectorAll('[data-attach]').forEach((row) => {
    row.onclick = () => {
      $('attach-menu').hidden = true;
      const [kind, how] = row.dataset.attach.split('-');
      if (how === 'pick') {
        const input = $('pick-' + kind);
        input.value = '';
        input.click();
      } else {
        sendFile(kind, null);
      }
    };
  });
  for (const kind of ['photo', 'document']) {
    $('pick-' + kind).onchange = (e) => { if (e.target.files[0]) sendFile(kind, e.target.files[0]); };
  }
}

// sendFile sends a photo, document or voice note as the current person; no
// file sends the sample. The text in the input goes along as the caption.
async function sendFile(kind, file) {
  if (!S.cur) return;
  if (file && file.size > 20 * 1024 * 1024) { toast('文件超过 20 MB，机器人收不到'); return; }
  const form = new FormData();
  form.append('kind', kind);
  const caption = kind === 'voice' ? '' : $('input').value.trim();
  if (caption) form.append('caption', caption);
  if (file) form.append('file', file, file.name);
  try {
    await api('/api/chats/' + S.cur + '/files', form);
    if (caption) $('input').value = '';
  } catch (e) {
    toast('发送失败：' + e.message);
  }
}

// audios keeps one player per voice note, so a message arriving (which
// redraws the chat) does not stop one that is playing.
const audios = new Map();

// voiceNode draws a voice note: play/pause, progress and length.
function voiceNode(v) {
  const box = el('div', 'voice');
  const btn = el('button', 'voice-play', '▶');
  btn.type = 'button';
  btn.setAttribute('aria-label', '播放语音');
  const bar = el('div', 'voice-bar');
  const fill = el('div', 'voice-fill');
  bar.append(fill);
  const len = el('span', 'voice-len', clockText(v.duration));
  let audio = audios.get(v.id);
  if (!audio) {
    audio = new Audio();
    audio.preload = 'none';
    audio.src = '/api/files/' + encodeURIComponent(v.id);
    audios.set(v.id, audio);
  }
  const show = () => {
    const playing = !audio.paused && !audio.ended;
    btn.textContent = playing ? '❚❚' : '▶';
    fill.style.width = (audio.currentTime / (audio.duration || v.duration || 1) * 100) + '%';
    len.textContent = playing ? clockText(audio.currentTime) : clockText(v.duration);
  };
  audio.onplay = audio.onpause = audio.onended = audio.ontimeupdate = show;
  btn.onclick = () => {
    if (audio.paused) audio.play().catch(() => toast('无法播放这段语音'));
    else audio.pause();
  };
  show();
  box.append(btn, bar, len);
  return box;
}
