// The netcode lab's page. It only draws what the lab sends and sends back what you change: every
// position, every mark on a timeline, every setting shown comes from the lab's latest frame. It knows
// nothing of the game's rules, so what you see is what the real server and clients report.
//
// From the lab: one "setup" message (how many clients, the tour, the sliders' ends), then a "frame"
// about 30 times a second. To the lab: {type: "steer" | "client" | "server" | "preset", ...}.
'use strict';

// What the page received and drew last; a test reads these and compares them with the lab's own record.
const lab = { setup: null, frame: null, text: null, drawn: null, paused: false };
window.lab = lab;

const socket = new WebSocket(`ws://${location.host}/connect`);
const send = message => { if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message)); };
socket.onmessage = event => {
  const message = JSON.parse(event.data);
  if (message.type === 'setup') build(message);
  else { lab.frame = message; lab.text = event.data; }
};
socket.onclose = () => { document.getElementById('notice').textContent = 'The lab has stopped: start it again, then reload this page.'; };

// ---- Building the page from the setup ----------------------------------------------------------------

const panels = [];   // [server, client 1, client 2, ...]: each {root, view (canvas), timeline (canvas)}

function build(setup) {
  lab.setup = setup;
  const tour = document.getElementById('tour');
  setup.tour.forEach((stop, i) => {
    const button = document.createElement('button');
    button.textContent = `${i + 1}. ${stop.name}`;
    button.dataset.slug = stop.slug;
    button.onclick = () => send({ type: 'preset', name: stop.slug });
    tour.append(button);
  });
  panels.push(serverPanel());
  for (let n = 1; n <= setup.clients; n++) panels.push(clientPanel(n, setup.limits));
  // Gambetta's order: your view, the server's, the others'.
  const main = document.getElementById('panels');
  main.append(panels[1].root, panels[0].root, ...panels.slice(2).map(p => p.root));
  requestAnimationFrame(drawLoop);
}

function serverPanel() {
  const root = document.getElementById('server-panel').content.firstElementChild.cloneNode(true);
  const ticks = root.querySelector('[data-field=tickRate]');
  for (const rate of lab.setup.tickRates) ticks.append(new Option(rate, rate));
  root.querySelectorAll('select').forEach(select => select.onchange = () => {
    changed(select);
    send({ type: 'server', field: select.dataset.field, value: Number(select.value) });
  });
  return { root, view: root.querySelector('.view') };
}

function clientPanel(n, limits) {
  const root = document.getElementById('client-panel').content.firstElementChild.cloneNode(true);
  root.querySelector('.title').textContent = `Client ${n}`;
  root.querySelectorAll('input').forEach(input => {
    if (input.type === 'range') {
      input.max = limits[input.dataset.field];
      input.oninput = () => { changed(input); send({ type: 'client', client: n, field: input.dataset.field, value: Number(input.value) }); };
    } else {
      input.onchange = () => { changed(input); send({ type: 'client', client: n, field: input.dataset.field, value: input.checked }); };
    }
  });
  if (n === 1) root.querySelector('.controls').after(stick(n));
  return { root, view: root.querySelector('.view'), timeline: root.querySelector('.timeline') };
}

// ---- Steering: keys for clients 1 to 3, and an on-page stick for client 1 -----------------------------

const keys = [
  { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] },
  { a: [-1, 0], d: [1, 0], w: [0, -1], s: [0, 1] },
  { j: [-1, 0], l: [1, 0], i: [0, -1], k: [0, 1] },
];
const held = new Set();

function onKey(event, down) {
  const client = keys.findIndex(map => event.key in map);
  if (client < 0 || client >= (lab.setup?.clients ?? 0) || event.target.tagName === 'SELECT') return;
  event.preventDefault();   // arrows would scroll the page or move a slider
  if (down === held.has(event.key)) return;   // a key's auto-repeat
  if (down) held.add(event.key); else held.delete(event.key);
  let x = 0, y = 0;
  for (const [key, [dx, dy]] of Object.entries(keys[client])) if (held.has(key)) { x += dx; y += dy; }
  send({ type: 'steer', client: client + 1, x, y });
}
addEventListener('keydown', event => onKey(event, true));
addEventListener('keyup', event => onKey(event, false));

function stick(n) {
  const pad = document.createElement('div');
  pad.className = 'stick';
  pad.textContent = 'press here and drag to steer';
  const steer = event => {
    const box = pad.getBoundingClientRect(), half = box.width / 2;
    send({ type: 'steer', client: n, x: (event.clientX - box.left - half) / half, y: (event.clientY - box.top - half) / half });
  };
  pad.onpointerdown = event => { pad.setPointerCapture(event.pointerId); steer(event); };
  pad.onpointermove = event => { if (pad.hasPointerCapture(event.pointerId)) steer(event); };
  pad.onpointerup = () => send({ type: 'steer', client: n, x: 0, y: 0 });
  return pad;
}

document.getElementById('pause').onclick = event => {
  lab.paused = !lab.paused;
  event.target.textContent = lab.paused ? 'go on' : 'pause the picture';
};

// ---- Drawing each frame ------------------------------------------------------------------------------

function drawLoop() {
  const frame = lab.frame;
  if (frame && !lab.paused && frame.number !== lab.drawn?.number) {
    draw(frame);
    lab.drawn = { number: frame.number, text: lab.text };
  }
  requestAnimationFrame(drawLoop);
}

function draw(frame) {
  document.getElementById('notice').textContent = frame.notice ?? '';
  for (const button of document.querySelectorAll('#tour button')) button.classList.toggle('on', button.dataset.slug === frame.preset);
  const stop = lab.setup.tour.find(s => s.slug === frame.preset);
  document.getElementById('watch').textContent = stop ? stop.watch : 'Settings changed by hand: pick a stop of the tour to start one again.';

  const server = frame.server;
  drawWorld(panels[0].view, server, server);
  panels[0].root.querySelector('.stats').textContent =
    `tick ${server.tick} · ${server.players.length} players · ${server.tickRate} ticks/s · ${server.viewsPerSecond} views/s`;
  showRates(panels[0].root, server);

  frame.clients.forEach((client, i) => {
    const panel = panels[i + 1];
    drawWorld(panel.view, server, client);
    drawTimeline(panel.timeline, frame.time, client.timeline);
    const you = client.players.find(p => p.id === client.you);
    panel.root.querySelector('.swatch').style.background = you ? you.color : '#888';
    panel.root.querySelector('.stats').textContent = `player ${client.you} · ping ${client.ping ?? '?'} ms · ` +
      `${client.viewsPerSecond} views/s · ${client.pending} inputs not yet confirmed`;
    showSettings(panel.root, client.settings);
  });
}

// The controls show the lab's settings, not what was last clicked: after a preset, they move too. A control
// you have just changed is left alone for a moment, while your change travels to the lab and back.
const changed = control => { control.dataset.changedAt = performance.now(); };
const settling = control => performance.now() - Number(control.dataset.changedAt ?? -1e9) < 500;

function showSettings(root, settings) {
  root.querySelectorAll('input').forEach(input => {
    const value = settings[input.dataset.field];
    if (input.type === 'range') input.nextElementSibling.textContent = value;
    if (settling(input)) return;
    if (input.type === 'range') input.value = value;
    else input.checked = value === 1;
  });
}

function showRates(root, server) {
  const ticks = root.querySelector('[data-field=tickRate]');
  const views = root.querySelector('[data-field=ticksPerView]');
  const choices = JSON.stringify(server.viewChoices);
  if (views.dataset.choices !== choices) {
    views.replaceChildren(...server.viewChoices.map(c => new Option(c.perSecond, c.ticksPerView)));
    views.dataset.choices = choices;
  }
  if (!settling(ticks)) ticks.value = server.tickRate;
  if (!settling(views)) views.value = server.ticksPerView;
}

// One picture of the world, in world units: the canvas is as many pixels wide as the world is units.
function drawWorld(canvas, server, view) {
  const g = canvas.getContext('2d');
  g.setTransform(canvas.width / server.width, 0, 0, canvas.height / server.height, 0, 0);
  g.fillStyle = '#f7f7fb';
  g.fillRect(0, 0, server.width, server.height);
  g.strokeStyle = '#e3e3ee';
  g.lineWidth = 1;
  for (let x = 50; x < server.width; x += 50) line(g, x, 0, x, server.height);
  for (let y = 50; y < server.height; y += 50) line(g, 0, y, server.width, y);
  if (view.sight) {
    const [x, y, w, h] = view.sight;
    g.setLineDash([2, 4]);
    g.strokeStyle = '#778';
    g.strokeRect(x, y, w, h);
    g.setLineDash([]);
  }
  for (const pellet of view.pellets) disc(g, pellet.x, pellet.y, 5, pellet.color);
  for (const cell of view.players) {
    disc(g, cell.x, cell.y, cell.r, cell.color);
    g.fillStyle = '#333';
    g.font = '20px system-ui, sans-serif';
    g.textAlign = 'center';
    g.fillText(cell.name, cell.x, cell.y - cell.r - 4);
  }
  if (view.said) {
    const [x, y, r] = view.said;
    g.setLineDash([6, 4]);
    g.strokeStyle = '#222';
    g.lineWidth = 3;
    g.beginPath();
    g.arc(x, y, r, 0, 2 * Math.PI);
    g.stroke();
    g.setLineDash([]);
  }
}

// The last few seconds of one client, right edge = now: inputs (top row), views (middle), corrections (bottom).
function drawTimeline(canvas, now, marks) {
  const g = canvas.getContext('2d');
  const left = 170, rows = { input: 30, view: 80, stale: 80, correction: 140 };
  const x = t => left + (canvas.width - left) * (1 - (now - t) / lab.setup.timelineMs);
  g.clearRect(0, 0, canvas.width, canvas.height);
  g.font = '22px system-ui, sans-serif';
  g.fillStyle = '#555';
  g.textAlign = 'left';
  g.fillText('inputs sent', 4, rows.input + 8);
  g.fillText('views received', 4, rows.view + 8);
  g.fillText('corrections', 4, rows.correction - 4);
  for (const mark of marks) {
    const at = x(mark.at);
    if (mark.kind === 'view' && mark.sentAt !== null) {
      g.strokeStyle = 'rgba(63, 81, 181, 0.35)';
      line(g, x(mark.sentAt), rows.input + 8, at, rows.view - 8);
    }
    if (mark.kind === 'correction') {
      // Taller is further; the log keeps both a nudge and a jump back visible.
      const height = Math.min(40, 4 + 8 * Math.log2(1 + mark.distance));
      g.fillStyle = '#d32f2f';
      g.fillRect(at - 2, rows.correction - height, 4, height);
    } else {
      // An input that steers somewhere is a long tick, "stand still" a short one.
      const half = mark.kind === 'input' && !mark.moving ? 3 : 8;
      g.strokeStyle = { input: '#3f51b5', view: '#2e7d32', stale: '#aaa' }[mark.kind];
      g.lineWidth = 3;
      line(g, at, rows[mark.kind] - half, at, rows[mark.kind] + half);
      g.lineWidth = 1;
    }
  }
}

function disc(g, x, y, r, color) {
  g.fillStyle = color;
  g.beginPath();
  g.arc(x, y, r, 0, 2 * Math.PI);
  g.fill();
}

function line(g, x1, y1, x2, y2) {
  g.beginPath();
  g.moveTo(x1, y1);
  g.lineTo(x2, y2);
  g.stroke();
}
