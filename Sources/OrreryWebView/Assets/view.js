// @ts-check
// The Orrery web view: connects to /universes/{name} with orrery.js, draws the replica on a canvas every animation
// frame (dead-reckoned to the render clock's fractional tick), each kind as the game's schema styles it (shape,
// colour, label property), shows a HUD with the universe state, the player's private state, the latest game
// messages and a command box, and lets a person play (arrows or WASD steer, space fires) or watch (?watch=1).
// Its state is exposed as `window.orreryView` for tests.
import { connect, KINDS, toHex } from './orrery.js';

const params = new URLSearchParams(location.search);
const pathName = /^\/view\/([^/]+)$/.exec(location.pathname)?.[1];
const universe = pathName === undefined ? (params.get('universe') ?? 'demo') : decodeURIComponent(pathName);
const watching = params.get('watch') === '1' || params.get('watch') === 'true';
const ticket = params.get('ticket') ?? undefined;

/** Degrees of heading change per second while a turn key is held, in u16 units (a half turn per second). */
const TURN_PER_SECOND = 32768;
/** Throttle change per second while W/S is held (0 to full in half a second). */
const THROTTLE_PER_SECOND = 510;
/** Input period: 20 per second, a third of the server's limit. */
const INPUT_MS = 50;
/** How long a changed event's jump is blended away (cosmetic only). */
const BLEND_MS = 100;
/** Game messages kept in the HUD. */
const MESSAGES_SHOWN = 8;

/**
 * What the page has seen and drawn, for people (the HUD) and tests (`window.orreryView`). Plain numbers and strings
 * only, so it serialises as JSON.
 */
const view = {
  universe,
  role: watching ? 'spectator' : 'player',
  state: 'idle',
  welcomes: 0,
  frames: 0,
  resets: 0,
  /** Every frame and reset so far carried the seq expected after the previous one (or the welcome's firstSeq). */
  seqContiguous: true,
  firstSeq: 0,
  lastSeq: 0,
  tick: 0,
  playerId: 0,
  avatarId: 0,
  entityCount: 0,
  /** Entities drawn in the latest animation frame, and the most in any one. */
  drawnEntities: 0,
  maxDrawnEntities: 0,
  /** Animation frames drawn with the replica live. */
  drawnFrames: 0,
  renderTick: 0,
  rttMs: /** @type {number | null} */ (null),
  inputsSent: 0,
  /** The last input seq the server reported applied. */
  lastInputApplied: 0,
  heading: 0,
  throttle: 0,
  /** The game's name from its schema ('' in version 1 or before the schema). */
  game: '',
  /** Entities drawn by their schema's kind style in the latest animation frame, and labels drawn. */
  styledEntities: 0,
  labelsDrawn: 0,
  /** The universe state and the player's private state, by name, as shown (text). @type {Record<string, string>} */
  universeState: {},
  /** @type {Record<string, string>} */
  playerState: {},
  /** Game messages received, and the latest ones as shown (oldest first). */
  messagesReceived: 0,
  /** @type {string[]} */
  messages: [],
  commandsSent: 0,
  /** @type {string[]} */
  errors: [],
};
Object.assign(window, { orreryView: view });

const canvas = /** @type {HTMLCanvasElement} */ (document.getElementById('world'));
const context = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
const hud = Object.fromEntries(['universe', 'mode', 'state', 'tick', 'seq', 'entities', 'rtt', 'help', 'error',
  'toggle', 'universes', 'game', 'game-state', 'messages', 'command', 'command-kind', 'command-text']
  .map((id) => [id, /** @type {HTMLElement} */ (document.getElementById(id))]));

/** @param {string} text */
function noteError(text) {
  view.errors.push(text);
  if (view.errors.length > 50) view.errors.shift();
  hud.error.textContent = text;
  hud.error.hidden = false;
}
addEventListener('error', (event) => noteError(`page error: ${event.message}`));
addEventListener('unhandledrejection', (event) => noteError(`page error: ${event.reason}`));

let expectedSeq = 0;
/** @param {bigint} seq */
function noteSeq(seq) {
  const value = Number(seq);
  if (value !== expectedSeq) view.seqContiguous = false;
  if (view.firstSeq === 0) view.firstSeq = value;
  view.lastSeq = value;
  expectedSeq = value + 1;
}

/** Visual offsets that hide the jump of a changed event, by entity id: {dx, dy, at}. */
const blends = new Map();
/** Where each entity was drawn last, by id. */
const drawnAt = new Map();

const client = connect(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/universes/${encodeURIComponent(universe)}`, {
  ticket,
  role: watching ? 'spectator' : 'player',
  name: watching ? undefined : 'web',
  onStateChange: (state) => { view.state = state; },
  onWelcome: (welcome) => {
    view.welcomes += 1;
    view.playerId = welcome.playerId;
    expectedSeq = Number(welcome.firstSeq);
    hud.error.hidden = true;
    showSchema();
  },
  onFrame: (frame) => {
    noteSeq(frame.seq);
    view.frames += 1;
    for (const message of client.replica.messages) noteMessage(message);
    const now = performance.now();
    for (const event of frame.events) {
      if (event.type === 'changed') blendFrom(event.id, now);
      if (event.type === 'avatar' && event.id !== 0) aimFromAvatar(event.id);
    }
  },
  onReset: (reset) => {
    noteSeq(reset.seq);
    view.resets += 1;
    blends.clear();
    if (reset.avatarId !== 0) aimFromAvatar(reset.avatarId);
  },
  onPong: ({ smoothedRttMs }) => { view.rttMs = Math.round(smoothedRttMs * 10) / 10; },
  onError: (error) => noteError(String(error.message ?? error)),
  onClose: ({ code, reason, willReconnect, delayMs }) => {
    if (!willReconnect) noteError(`connection closed (${code}${reason ? `: ${reason}` : ''})`);
    else if (code !== 1000) hud.error.textContent = `reconnecting in ${Math.round(delayMs)} ms (${code})`;
  },
});
Object.assign(window, { orreryClient: client });

/**
 * Starts blending entity `id` from where it was drawn to where its new motion puts it.
 * @param {number} id
 * @param {number} now
 */
function blendFrom(id, now) {
  const before = drawnAt.get(id);
  const after = client.replica.positionAt(id, client.renderTick(now));
  if (before === undefined || after === null) return;
  const dx = before.x - after.x;
  const dy = before.y - after.y;
  const limit = 8 * 256; // a bigger jump (teleport, respawn) is shown as it is
  if (dx * dx + dy * dy < limit * limit) blends.set(id, { dx, dy, at: now });
}

// ---- Game state, messages and commands (protocol version 2) --------------------------------------------------

/**
 * A property value or payload as text: ints in decimal, strings as they are, bytes in hex; at most 40 characters.
 * @param {bigint | string | Uint8Array | undefined} value
 */
function formatValue(value) {
  if (value === undefined) return '';
  const text = typeof value === 'bigint' ? String(value) : typeof value === 'string' ? value : toHex(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** Shows the game's name and offers its commands (players only), once the schema arrived. */
function showSchema() {
  const schema = client.schema;
  view.game = schema?.game ?? '';
  hud.game.textContent = view.game;
  const commands = schema?.commands ?? [];
  const select = /** @type {HTMLSelectElement} */ (hud['command-kind']);
  select.replaceChildren(...commands.map((spec, code) => new Option(spec.name, String(code))));
  hud.command.hidden = watching || commands.length === 0;
}

hud.command.addEventListener('submit', (event) => {
  event.preventDefault();
  const input = /** @type {HTMLInputElement} */ (hud['command-text']);
  const code = Number(/** @type {HTMLSelectElement} */ (hud['command-kind']).value);
  try {
    if (client.sendCommand(code, input.value)) {
      view.commandsSent += 1;
      input.value = '';
    }
  } catch (error) {
    noteError(String(/** @type {Error} */ (error).message));
  }
});

/**
 * Keeps a game message for the HUD: `[scope] kind: text` (bytes in hex).
 * @param {import('./orrery.js').ReceivedMessage} message
 */
function noteMessage(message) {
  view.messagesReceived += 1;
  const to = message.scope === 'entity' ? `#${message.entity}` : message.scope;
  view.messages.push(`[${to}] ${message.name}: ${message.text ?? toHex(message.payload)}`);
  if (view.messages.length > MESSAGES_SHOWN) view.messages.shift();
}

/**
 * Values by name as text.
 * @param {Record<string, bigint | string | Uint8Array>} values
 */
function asText(values) {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, formatValue(value)]));
}

let shownGameState = '';
/** Fills the HUD's state table (universe state, then the player's private state) and the message list. */
function showGameState() {
  view.universeState = asText(client.replica.universeStateByName());
  view.playerState = watching ? {} : asText(client.replica.playerStateByName());
  const shown = JSON.stringify([view.universeState, view.playerState, view.messages, view.messagesReceived]);
  if (shown === shownGameState) return;
  shownGameState = shown;
  const rows = [];
  for (const [scope, values] of [['universe', view.universeState], ['you', view.playerState]]) {
    for (const [name, value] of Object.entries(values)) {
      const row = document.createElement('tr');
      for (const text of [scope, name, value]) {
        const cell = document.createElement('td');
        cell.textContent = text;
        row.append(cell);
      }
      rows.push(row);
    }
  }
  hud['game-state'].replaceChildren(...rows);
  hud['game-state'].hidden = rows.length === 0;
  hud.messages.replaceChildren(...view.messages.map((text) => {
    const item = document.createElement('li');
    item.textContent = text;
    return item;
  }));
  hud.messages.hidden = view.messages.length === 0;
}

let aimedAvatar = 0;
/** Takes the steering state from a new avatar's heading, so control starts where the ship points. @param {number} id */
function aimFromAvatar(id) {
  if (id === aimedAvatar) return;
  const ship = client.replica.entity(id);
  if (ship === undefined) return;
  aimedAvatar = id;
  view.heading = ship.heading;
  view.throttle = 0;
}

// ---- Controls -------------------------------------------------------------------------------------------------

const keys = new Set();
const controlKeys = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'KeyA', 'KeyD', 'KeyW', 'KeyS', 'Space']);
addEventListener('keydown', (event) => {
  if (watching || !controlKeys.has(event.code) || event.target instanceof HTMLInputElement) return;
  keys.add(event.code);
  event.preventDefault();
});
addEventListener('keyup', (event) => { keys.delete(event.code); });
addEventListener('blur', () => keys.clear());

let lastInputAt = performance.now();
let lastSent = '';
setInterval(() => {
  const now = performance.now();
  const dt = Math.min(0.25, (now - lastInputAt) / 1000);
  lastInputAt = now;
  if (watching || client.replica.avatarId === 0) return;
  const turn = (keys.has('ArrowLeft') || keys.has('KeyA') ? 1 : 0) - (keys.has('ArrowRight') || keys.has('KeyD') ? 1 : 0);
  const push = (keys.has('ArrowUp') || keys.has('KeyW') ? 1 : 0) - (keys.has('ArrowDown') || keys.has('KeyS') ? 1 : 0);
  view.heading = (((view.heading + turn * TURN_PER_SECOND * dt) % 65536) + 65536) % 65536;
  view.throttle = Math.min(255, Math.max(0, view.throttle + push * THROTTLE_PER_SECOND * dt));
  const fire = keys.has('Space');
  const input = { heading: Math.round(view.heading) % 65536, throttle: Math.round(view.throttle), actions: fire ? 1 : 0 };
  const key = `${input.heading}/${input.throttle}/${input.actions}`;
  if (key === lastSent && !fire) return;
  if (client.sendInput(input) !== null) {
    lastSent = key;
    view.inputsSent += 1;
  }
}, INPUT_MS);

// ---- Drawing --------------------------------------------------------------------------------------------------

let camera = { x: 0, y: 0 };

function resize() {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.max(1, Math.round(innerWidth * ratio));
  canvas.height = Math.max(1, Math.round(innerHeight * ratio));
}
addEventListener('resize', resize);
resize();

/**
 * @param {number} code
 * @param {string} name
 * @param {typeof import('./orrery.js').SHAPES[number]} shape
 * @param {number} color
 * @returns {import('./orrery.js').KindStyle}
 */
const style = (code, name, shape, color) => ({ code, name, shape, color, glyph: '', label: 0 });
/** How a version 1 session (no schema) draws the arena's kinds. */
const ARENA_STYLES = new Map([
  [KINDS.playerShip, style(KINDS.playerShip, 'ship', 'triangle', 0x88c0d0)],
  [KINDS.npcShip, style(KINDS.npcShip, 'npc', 'triangle', 0xd08770)],
  [KINDS.asteroid, style(KINDS.asteroid, 'asteroid', 'ring', 0x7b88a1)],
  [KINDS.projectile, style(KINDS.projectile, 'projectile', 'circle', 0xebcb8b)],
]);
/** A kind neither the schema nor (in version 1) the arena styles. */
const UNKNOWN_STYLE = style(0, 'unknown', 'circle', 0xb48ead);

/**
 * The style to draw a kind with, and whether it is the game's own (from its schema).
 * @param {number} kind
 * @returns {[import('./orrery.js').KindStyle, boolean]}
 */
function styleOf(kind) {
  const own = client.replica.kindStyle(kind);
  if (own !== undefined) return [own, true];
  return [(client.schema === null ? ARENA_STYLES.get(kind) : undefined) ?? UNKNOWN_STYLE, false];
}

/**
 * @param {number} width
 * @param {number} height
 * @param {import('./orrery.js').WelcomeMessage} welcome
 */
function frameCamera(width, height, welcome) {
  if (watching) {
    camera = { x: welcome.worldWidth / 2, y: welcome.worldHeight / 2 };
    return 0.94 * Math.min(width / welcome.worldWidth, height / welcome.worldHeight);
  }
  return 0.46 * Math.min(width, height) / Math.max(1, welcome.viewRadius + welcome.hysteresis);
}

function draw() {
  requestAnimationFrame(draw);
  const width = canvas.width;
  const height = canvas.height;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.fillStyle = '#05070d';
  context.fillRect(0, 0, width, height);
  const welcome = client.welcome;
  if (welcome === null || client.replica.session === null) return;
  const now = performance.now();
  const renderTick = client.renderTick(now);
  const entities = client.replica.entitiesAt(renderTick);
  for (const e of entities) {
    const blend = blends.get(e.id);
    if (blend === undefined) continue;
    const left = 1 - (now - blend.at) / BLEND_MS;
    if (left <= 0) { blends.delete(e.id); continue; }
    e.x += blend.dx * left;
    e.y += blend.dy * left;
  }
  const avatar = entities.find((e) => e.id === client.replica.avatarId);
  if (avatar !== undefined && !watching) camera = { x: avatar.x, y: avatar.y };
  const scale = frameCamera(width, height, welcome);
  const ratio = window.devicePixelRatio || 1;
  const toScreen = (/** @type {number} */ x, /** @type {number} */ y) =>
    [width / 2 + (x - camera.x) * scale, height / 2 - (y - camera.y) * scale];

  drawGrid(width, height, scale, welcome, toScreen, ratio);
  if (!watching) {
    const [cx, cy] = toScreen(camera.x, camera.y);
    context.strokeStyle = 'rgba(136, 192, 208, 0.25)';
    context.setLineDash([4 * ratio, 6 * ratio]);
    context.beginPath();
    context.arc(cx, cy, welcome.viewRadius * scale, 0, 2 * Math.PI);
    context.stroke();
    context.setLineDash([]);
  }
  drawnAt.clear();
  let drawn = 0;
  let styled = 0;
  let labels = 0;
  for (const e of entities) {
    const [sx, sy] = toScreen(e.x, e.y);
    const [style, own] = styleOf(e.kind);
    // The smallest drawn radius (CSS pixels), so that ships stay visible when zoomed out.
    const r = Math.max((style.shape === 'triangle' ? 5 : 2.5) * ratio, e.radius * scale);
    drawnAt.set(e.id, { x: e.x, y: e.y });
    if (sx < -r || sy < -r || sx > width + r || sy > height + r) continue;
    drawStyled(style, e.heading, sx, sy, r, e.id === client.replica.avatarId);
    if (own) styled += 1;
    const label = style.label > 0 ? formatValue(client.replica.properties.get(e.id)?.[style.label - 1]) : '';
    if (drawLabel(label, sx, sy + r, ratio)) labels += 1;
    drawn += 1;
  }
  view.drawnEntities = drawn;
  view.styledEntities = styled;
  view.labelsDrawn = labels;
  view.maxDrawnEntities = Math.max(view.maxDrawnEntities, drawn);
  view.drawnFrames += 1;
  view.renderTick = Math.round(renderTick * 100) / 100;
  view.tick = Number(client.replica.tick);
  view.entityCount = client.replica.entities.size;
  view.avatarId = client.replica.avatarId;
  view.lastInputApplied = client.replica.lastInputSeq;
}

/**
 * Draws an entity as its kind style says: the shape fits the circle of radius `r`; only the triangle turns with the
 * heading; a ring is an outline; the player's own avatar gets a white outline.
 * @param {import('./orrery.js').KindStyle} style
 * @param {number} heading
 * @param {number} x screen
 * @param {number} y screen
 * @param {number} r screen radius
 * @param {boolean} mine
 */
function drawStyled(style, heading, x, y, r, mine) {
  const colour = `#${style.color.toString(16).padStart(6, '0')}`;
  context.save();
  context.translate(x, y);
  context.beginPath();
  switch (style.shape) {
    case 'triangle':
      context.rotate(-heading * 2 * Math.PI / 65536);
      context.moveTo(r, 0);
      context.lineTo(-0.8 * r, 0.65 * r);
      context.lineTo(-0.45 * r, 0);
      context.lineTo(-0.8 * r, -0.65 * r);
      context.closePath();
      break;
    case 'square': {
      const half = r / Math.SQRT2;
      context.rect(-half, -half, 2 * half, 2 * half);
      break;
    }
    case 'diamond':
      context.moveTo(r, 0);
      context.lineTo(0, r);
      context.lineTo(-r, 0);
      context.lineTo(0, -r);
      context.closePath();
      break;
    default:
      context.arc(0, 0, r, 0, 2 * Math.PI);
  }
  if (style.shape === 'ring') {
    context.strokeStyle = colour;
    context.lineWidth = Math.max(1.5, r / 6);
    context.stroke();
  } else {
    context.fillStyle = colour;
    context.fill();
  }
  if (mine) {
    context.strokeStyle = '#ffffff';
    context.lineWidth = Math.max(1, r / 8);
    context.stroke();
  }
  context.restore();
}

/**
 * Draws a label centred below a point; returns whether there was text to draw.
 * @param {string} text
 * @param {number} x screen
 * @param {number} y screen (the entity's bottom edge)
 * @param {number} ratio device pixels per CSS pixel
 */
function drawLabel(text, x, y, ratio) {
  if (text === '') return false;
  context.font = `${11 * ratio}px ui-monospace, monospace`;
  context.textAlign = 'center';
  context.textBaseline = 'top';
  context.fillStyle = '#e5e9f0';
  context.fillText(text, x, y + 2 * ratio);
  return true;
}

/**
 * The world's edge and a grid (32 m cells, or 256 m when those would be too small).
 * @param {number} width
 * @param {number} height
 * @param {number} scale
 * @param {import('./orrery.js').WelcomeMessage} welcome
 * @param {(x: number, y: number) => number[]} toScreen
 * @param {number} ratio
 */
function drawGrid(width, height, scale, welcome, toScreen, ratio) {
  const cell = 32 * 256 * scale >= 24 * ratio ? 32 * 256 : 256 * 256;
  const [left, top] = toScreen(0, welcome.worldHeight);
  const [right, bottom] = toScreen(welcome.worldWidth, 0);
  context.fillStyle = '#0b1020';
  context.fillRect(left, top, right - left, bottom - top);
  context.strokeStyle = '#151d33';
  context.lineWidth = 1;
  context.beginPath();
  for (let x = 0; x <= welcome.worldWidth; x += cell) {
    const [sx] = toScreen(x, 0);
    if (sx >= 0 && sx <= width) { context.moveTo(sx, Math.max(0, top)); context.lineTo(sx, Math.min(height, bottom)); }
  }
  for (let y = 0; y <= welcome.worldHeight; y += cell) {
    const [, sy] = toScreen(0, y);
    if (sy >= 0 && sy <= height) { context.moveTo(Math.max(0, left), sy); context.lineTo(Math.min(width, right), sy); }
  }
  context.stroke();
  context.strokeStyle = '#4c566a';
  context.lineWidth = 2 * ratio;
  context.strokeRect(left, top, right - left, bottom - top);
}

requestAnimationFrame(draw);

// ---- HUD ------------------------------------------------------------------------------------------------------

hud.universe.textContent = universe;
hud.help.textContent = watching
  ? 'watching the whole world'
  : '← → / A D steer · ↑ ↓ / W S throttle · space fires';
hud.toggle.textContent = watching ? 'play' : 'watch';
hud.toggle.addEventListener('click', () => {
  const next = new URLSearchParams(params);
  if (watching) next.delete('watch'); else next.set('watch', '1');
  location.search = next.toString();
});

setInterval(() => {
  hud.mode.textContent = watching ? 'watching' : `player ${view.playerId || '-'} · throttle ${Math.round(view.throttle / 2.55)} %`;
  hud.state.textContent = view.state;
  hud.state.className = view.state === 'live' ? 'state' : 'state bad';
  hud.tick.textContent = String(view.tick);
  hud.seq.textContent = String(view.lastSeq);
  hud.entities.textContent = String(view.entityCount);
  hud.rtt.textContent = view.rttMs === null ? '-' : `${view.rttMs.toFixed(1)} ms`;
  showGameState();
}, 100);

/** Fills the universe menu from GET /universes (best effort: the menu stays with this universe alone on failure). */
async function listUniverses() {
  const select = /** @type {HTMLSelectElement} */ (hud.universes);
  let names = [universe];
  try {
    const response = await fetch('/universes');
    const list = await response.json();
    names = [...new Set([universe, ...list.universes.map((/** @type {{name: string}} */ u) => u.name)])].sort();
  } catch {
    // the menu keeps the current universe only
  }
  select.replaceChildren(...names.map((name) => new Option(name, name, name === universe, name === universe)));
  select.addEventListener('change', () => {
    const query = watching ? '?watch=1' : '';
    location.href = `/view/${encodeURIComponent(select.value)}${query}`;
  });
}
listUniverses();
