// voxgate browser client: microphone -> WS v1 (docs/WS_V1.md) -> reply audio, transcript and latency per turn.
//
// Audio starts only from the Start button's click handler: an AudioContext created before a user gesture stays
// suspended. Capture: getUserMedia -> MediaStreamSource -> AudioWorklet (capture-worklet.js) which resamples from
// the context's own rate (44.1 kHz or 48 kHz) to 16 kHz PCM16 and posts 20 ms frames; frames captured before
// `session.started` are held (up to one second) and sent in order after it. Playback: binary reply frames are
// scheduled back to back on the AudioContext after a short jitter buffer; `output.audio.cleared` stops every
// scheduled buffer at once and drops whatever of that reply is still arriving.
//
// Microphone processing (echo cancellation, noise suppression, auto gain) is on by default: a user on laptop
// speakers needs echo cancellation, or the assistant hears itself and barges in on its own reply. `?processing=off`
// (or the checkbox) asks for raw audio: a headset user, or a test feeding a known WAV through Chromium's fake
// device, whose levels the auto gain would change (it clips a -3 dBFS file).
//
// Query parameters: assistant_id, access_token (passed on to /ws), processing=off, output_rate=16000|24000|48000,
// jitter_ms (20..500, default 80).
//
// window.voxgate is a read-only view of the client's state for tests and curious users (see `hook` below).

const params = new URLSearchParams(location.search);
const INPUT_RATE = 16000;
const OUTPUT_RATES = [16000, 24000, 48000];
const OUTPUT_RATE = OUTPUT_RATES.includes(Number(params.get('output_rate'))) ? Number(params.get('output_rate')) : 24000;
const JITTER_MS = Math.min(500, Math.max(20, Number(params.get('jitter_ms')) || 80));
const MAX_HELD_FRAMES = 50; // 1 s of 20 ms frames held until session.started
const MAX_BUFFERED_BYTES = 64 * 1024; // socket backlog beyond which capture frames are dropped, not queued
const MAX_EVENTS = 2000;

const $ = (id) => document.getElementById(id);
const now = () => performance.now();

// Everything the page knows, exposed read-only through window.voxgate.
const stats = {
    state: 'idle', // idle | connecting | live | stopping | stopped | closed
    sessionId: null,
    assistantId: null,
    processing: null,
    contextSampleRate: null,
    captureStartedAt: null, // performance.now() when the microphone started
    inputSampleRate: INPUT_RATE,
    outputSampleRate: OUTPUT_RATE,
    events: [], // {type, seq, turn, at}: every JSON event received, in order
    turns: [], // per output.audio.start: {turn, resumed, inputEndedAt, audioStartAt, firstAudioAt, firstPlayAt,
    //            receivedMs, playedMs, frames, bytes, ended, cleared}; a resumed reply repeats its turn
    clears: [], // per output.audio.cleared: {turn, wasPlaying, stoppedBuffers, droppedFrames, playingAfter, at}
    errors: [], // {code, message, fatal}: server errors, plus client-side ones (code starting with "client.")
    framesSent: 0,
    bytesSent: 0,
    framesHeldDropped: 0,
    framesBackpressureDropped: 0,
    framesReceived: 0,
    bytesReceived: 0,
    bytesScheduled: 0,
    bytesPlayed: 0,
    framesDroppedAfterClear: 0,
    underruns: 0,
    closeCode: null,
    closeReason: null,
};

let ctx = null;
let socket = null;
let stream = null;
let captureNode = null;
let player = null;
let held = [];
let lastSeq = 0;
let inputEndedAt = null;
let reply = null; // the reply whose audio is current (its entry in stats.turns)

const hook = {};
for (const key of Object.keys(stats)) {
    Object.defineProperty(hook, key, {
        enumerable: true,
        get: () => (typeof stats[key] === 'object' && stats[key] !== null ? structuredClone(stats[key]) : stats[key]),
    });
}
Object.defineProperty(hook, 'playing', {enumerable: true, get: () => player !== null && player.playing});
Object.defineProperty(hook, 'contextState', {enumerable: true, get: () => (ctx ? ctx.state : null)});
Object.freeze(hook);
Object.defineProperty(window, 'voxgate', {value: hook, enumerable: true});

/** Reply audio: PCM16 frames -> AudioBuffers scheduled back to back after a jitter buffer. */
class Player {
    constructor(context, jitterMs) {
        this.ctx = context;
        this.jitter = jitterMs / 1000;
        this.sources = new Set();
        this.queue = [];
        this.queued = 0; // seconds in queue
        this.nextTime = 0;
        this.primed = false;
        this.accepting = false;
        this.turn = null;
        this.sampleRate = OUTPUT_RATE;
    }

    get playing() {
        return this.sources.size > 0;
    }

    begin(turn, sampleRate) {
        this.clearQueue();
        this.accepting = true;
        this.primed = false;
        this.turn = turn;
        this.sampleRate = sampleRate || OUTPUT_RATE;
    }

    push(data) {
        if (!this.accepting || data.byteLength < 2) {
            stats.framesDroppedAfterClear++;
            return;
        }
        const pcm = new Int16Array(data, 0, data.byteLength >> 1);
        const buffer = this.ctx.createBuffer(1, pcm.length, this.sampleRate);
        const samples = buffer.getChannelData(0);
        for (let i = 0; i < pcm.length; i++) {
            samples[i] = pcm[i] / 32768;
        }
        if (this.primed) {
            this.schedule(buffer, data.byteLength);
            return;
        }
        this.queue.push([buffer, data.byteLength]);
        this.queued += buffer.duration;
        if (this.queued >= this.jitter) {
            this.flush();
        }
    }

    // output.audio.end: a reply shorter than the jitter buffer plays now.
    end() {
        if (!this.primed) {
            this.flush();
        }
        this.accepting = false;
    }

    flush() {
        this.primed = true;
        const pending = this.queue;
        this.clearQueue();
        for (const [buffer, bytes] of pending) {
            this.schedule(buffer, bytes);
        }
    }

    schedule(buffer, bytes) {
        const t = this.ctx.currentTime;
        if (this.nextTime < t + 0.005) {
            // First buffer of a reply (its jitter is already queued), or an underrun: start shortly, and after an
            // underrun leave a jitter's worth of room so the next frames have time to arrive.
            if (this.sources.size > 0 || this.nextTime > 0) {
                stats.underruns++;
                this.nextTime = t + this.jitter;
            } else {
                this.nextTime = t + 0.01;
            }
        }
        const source = this.ctx.createBufferSource();
        source.buffer = buffer;
        source.connect(this.ctx.destination);
        source.onended = () => {
            this.sources.delete(source);
            stats.bytesPlayed += bytes;
            if (this.sources.size === 0) {
                this.nextTime = 0;
                showAssistantSpeaking(false);
            }
        };
        source.start(this.nextTime);
        this.sources.add(source);
        stats.bytesScheduled += bytes;
        const heardAt = now() + (this.nextTime - t + (this.ctx.outputLatency || this.ctx.baseLatency || 0)) * 1000;
        this.nextTime += buffer.duration;
        firstPlayed(heardAt);
    }

    // output.audio.cleared: silence now, forget everything of this reply.
    clear() {
        const stoppedBuffers = this.sources.size;
        const droppedFrames = this.queue.length;
        const wasPlaying = stoppedBuffers > 0;
        for (const source of this.sources) {
            source.onended = null;
            source.stop();
            source.disconnect();
        }
        this.sources.clear();
        this.clearQueue();
        this.accepting = false;
        this.primed = false;
        this.nextTime = 0;
        return {wasPlaying, stoppedBuffers, droppedFrames};
    }

    clearQueue() {
        this.queue = [];
        this.queued = 0;
    }
}

function startReply(turn, at) {
    reply = {turn, resumed: stats.turns.some((t) => t.turn === turn), inputEndedAt, audioStartAt: at,
        firstAudioAt: null, firstPlayAt: null, receivedMs: null, playedMs: null, frames: 0, bytes: 0, ended: false,
        cleared: false};
    inputEndedAt = null;
    stats.turns.push(reply);
}

function currentReply(turn) {
    return reply !== null && reply.turn === turn ? reply : null;
}

function firstPlayed(heardAt) {
    if (reply !== null && reply.firstPlayAt === null) {
        reply.firstPlayAt = heardAt;
        reply.playedMs = reply.inputEndedAt === null ? null : Math.round(heardAt - reply.inputEndedAt);
        renderTurns();
    }
}

// ---- conversation view ----

const bubbles = new Map(); // "user:TURN" / "assistant:TURN" -> li
let openUserBubble = null; // the user's bubble not yet tied to a transcript turn
let speakingBubble = null; // the user's bubble while the VAD hears speech

function bubble(role, text, cls) {
    const li = document.createElement('li');
    li.className = role + (cls ? ' ' + cls : '');
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = role === 'user' ? 'you' : 'assistant';
    const body = document.createElement('span');
    body.className = 'text';
    body.textContent = text;
    li.append(who, body);
    $('conversation').append(li);
    li.scrollIntoView({block: 'nearest'});
    return li;
}

function setText(li, text) {
    li.querySelector('.text').textContent = text;
}

function userBubble(turn) {
    const key = 'user:' + turn;
    let li = bubbles.get(key);
    if (!li) {
        li = openUserBubble || bubble('user', '');
        openUserBubble = null;
        li.dataset.final = '';
        bubbles.set(key, li);
    }
    return li;
}

function assistantBubble(turn) {
    const key = 'assistant:' + turn;
    let li = bubbles.get(key);
    if (!li) {
        li = bubble('assistant', '…');
        li.dataset.text = '';
        bubbles.set(key, li);
        if (openUserBubble !== speakingBubble) {
            openUserBubble = null;
        }
    }
    return li;
}

function showUserSpeaking(on) {
    $('you').classList.toggle('on', on);
}

function showAssistantSpeaking(on) {
    $('assistant-speaking').classList.toggle('on', on);
}

function showError(text) {
    const div = document.createElement('div');
    div.textContent = text;
    $('errors').append(div);
}

function setState(state) {
    stats.state = state;
    const status = $('status');
    status.textContent = state;
    status.dataset.state = state === 'live' ? 'live' : state === 'closed' || state === 'stopped' ? 'closed' : 'idle';
    const live = state === 'live';
    $('start').disabled = !(state === 'idle' || state === 'stopped' || state === 'closed');
    $('stop').disabled = !(state === 'connecting' || live);
    $('cancel').disabled = !live;
    $('text').disabled = !live;
    $('send').disabled = !live;
}

function logEvent(line) {
    const list = $('events');
    const li = document.createElement('li');
    li.textContent = line;
    list.prepend(li);
    while (list.childElementCount > 200) {
        list.lastElementChild.remove();
    }
}

function renderTurns() {
    const body = $('turns');
    body.replaceChildren();
    for (const t of stats.turns) {
        const tr = document.createElement('tr');
        const cells = [String(t.turn), t.receivedMs === null ? '–' : t.receivedMs + ' ms',
            t.playedMs === null ? '–' : t.playedMs + ' ms',
            [t.inputEndedAt === null ? 'greeting' : '', t.resumed ? 'resumed' : '', t.cleared ? 'interrupted' : '']
                .filter((note) => note).join(', ')];
        cells.forEach((text, i) => {
            const td = document.createElement('td');
            td.textContent = text;
            if (i === 3) {
                td.className = 'note';
            }
            tr.append(td);
        });
        body.append(tr);
    }
}

// ---- protocol ----

function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify(message));
        return true;
    }
    return false;
}

function sendAudio(pcm) {
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        stats.framesBackpressureDropped++;
        return;
    }
    socket.send(pcm);
    stats.framesSent++;
    stats.bytesSent += pcm.byteLength;
}

function onCaptureFrame({pcm, rms}) {
    $('meter-level').style.width = Math.min(100, Math.round(Math.sqrt(rms) * 180)) + '%';
    if (stats.state === 'live' && socket.readyState === WebSocket.OPEN) {
        sendAudio(pcm);
        return;
    }
    if (stats.state !== 'connecting') {
        return;
    }
    held.push(pcm);
    if (held.length > MAX_HELD_FRAMES) {
        held.shift();
        stats.framesHeldDropped++;
    }
}

function onEvent(event) {
    const at = now();
    const turn = typeof event.turn === 'number' ? event.turn : null;
    stats.events.push({type: event.type, seq: event.seq, turn, at});
    if (stats.events.length > MAX_EVENTS) {
        stats.events.shift();
    }
    if (event.seq !== lastSeq + 1) {
        stats.errors.push({code: 'client.seq', message: `seq ${event.seq} after ${lastSeq}`, fatal: false});
    }
    lastSeq = event.seq;
    logEvent(`${event.seq} ${event.type}${turn === null ? '' : ' turn ' + turn}`);

    switch (event.type) {
        case 'session.started': {
            stats.sessionId = event.sessionId;
            stats.assistantId = event.assistantId || null;
            if (event.audio && event.audio.outputSampleRate) {
                stats.outputSampleRate = event.audio.outputSampleRate;
            }
            $('session').textContent = `${event.assistantId || ''} · ${event.sessionId}`;
            setState('live');
            const pending = held;
            held = [];
            for (const pcm of pending) {
                sendAudio(pcm);
            }
            break;
        }
        case 'input.speech_started':
            showUserSpeaking(true);
            if (!openUserBubble) {
                openUserBubble = bubble('user', '(speaking…)', 'interim');
            }
            speakingBubble = openUserBubble;
            break;
        case 'input.speech_stopped':
            showUserSpeaking(false);
            inputEndedAt = at;
            if (speakingBubble && speakingBubble.querySelector('.text').textContent === '(speaking…)') {
                setText(speakingBubble, '(speech)');
            }
            speakingBubble = null;
            break;
        case 'transcript.delta': {
            const li = userBubble(turn);
            li.classList.add('interim');
            setText(li, (li.dataset.final ? li.dataset.final + ' ' : '') + event.text);
            break;
        }
        case 'transcript.final': {
            const li = userBubble(turn);
            li.classList.remove('interim');
            li.dataset.final = li.dataset.final ? li.dataset.final + ' ' + event.text : event.text;
            setText(li, li.dataset.final);
            break;
        }
        case 'assistant.text.delta': {
            const li = assistantBubble(turn);
            li.dataset.text += event.text;
            setText(li, li.dataset.text);
            break;
        }
        case 'assistant.text.final': {
            const li = assistantBubble(turn);
            li.dataset.text = event.text;
            setText(li, event.text || '…');
            li.classList.toggle('interrupted', event.interrupted === true);
            break;
        }
        case 'assistant.tool_call':
            // This page implements no client-side tools: say so, so the assistant is not left waiting.
            bubble('assistant', `(tool call ${event.name})`, 'interim');
            send({type: 'tool.result', callId: event.callId, isError: true,
                result: {error: 'the web page implements no client-side tools'}});
            break;
        case 'output.audio.start': {
            assistantBubble(turn); // in order: before speech that interrupts it, whose text comes at the end
            startReply(turn, at);
            player.begin(turn, event.sampleRate);
            showAssistantSpeaking(true);
            renderTurns();
            break;
        }
        case 'output.audio.end':
            if (currentReply(turn)) {
                reply.ended = true;
            }
            player.end();
            if (!player.playing) {
                showAssistantSpeaking(false);
            }
            break;
        case 'output.audio.cleared': {
            const result = player.clear();
            stats.clears.push({turn, ...result, playingAfter: player.playing, at});
            if (currentReply(turn)) {
                reply.cleared = true;
            }
            // The final text (as heard) may follow; the bubble shows the interruption at once either way.
            if (bubbles.has('assistant:' + turn)) {
                bubbles.get('assistant:' + turn).classList.add('interrupted');
            }
            showAssistantSpeaking(false);
            renderTurns();
            break;
        }
        case 'session.stopped':
            setState('stopped');
            releaseAudioInput();
            break;
        case 'error':
            stats.errors.push({code: event.code, message: event.message, fatal: event.fatal === true});
            showError(`${event.code}: ${event.message}`);
            break;
        default:
            break;
    }
}

function onAudio(data) {
    stats.framesReceived++;
    stats.bytesReceived += data.byteLength;
    const record = player && player.accepting ? reply : null;
    if (record) {
        record.frames++;
        record.bytes += data.byteLength;
        if (record.firstAudioAt === null) {
            record.firstAudioAt = now();
            record.receivedMs = record.inputEndedAt === null ? null :
                Math.round(record.firstAudioAt - record.inputEndedAt);
            renderTurns();
        }
    }
    player.push(data);
}

// ---- session lifecycle ----

function webSocketUrl(assistantId) {
    const url = new URL('/ws', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    if (assistantId) {
        url.searchParams.set('assistant_id', assistantId);
    }
    if (params.get('access_token')) {
        url.searchParams.set('access_token', params.get('access_token'));
    }
    return url.href;
}

function releaseAudioInput() {
    if (captureNode) {
        captureNode.port.postMessage('stop');
        captureNode.disconnect();
        captureNode = null;
    }
    if (stream) {
        stream.getTracks().forEach((track) => track.stop());
        stream = null;
    }
    showUserSpeaking(false);
}

async function start() {
    if (ctx) {
        ctx.close();
    }
    // Created synchronously inside the click handler, so the browser lets it run.
    ctx = new AudioContext({latencyHint: 'interactive'});
    stats.contextSampleRate = ctx.sampleRate;
    player = new Player(ctx, JITTER_MS);
    held = [];
    lastSeq = 0;
    inputEndedAt = null;
    reply = null;
    setState('connecting');
    const processing = $('processing').checked;
    stats.processing = processing;
    const assistantId = $('assistant').value.trim();
    const resumed = ctx.resume();

    // The socket opens while the microphone starts: the first words are held, not lost.
    socket = new WebSocket(webSocketUrl(assistantId));
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => send({type: 'session.start',
        audio: {encoding: 'pcm16', sampleRate: INPUT_RATE, channels: 1, outputSampleRate: OUTPUT_RATE}});
    socket.onmessage = (message) => {
        if (typeof message.data === 'string') {
            let event;
            try {
                event = JSON.parse(message.data);
            } catch (e) {
                stats.errors.push({code: 'client.json', message: String(e), fatal: false});
                return;
            }
            onEvent(event);
        } else {
            onAudio(message.data);
        }
    };
    socket.onclose = (close) => {
        stats.closeCode = close.code;
        stats.closeReason = close.reason;
        if (stats.state !== 'stopped') {
            setState('closed');
            if (close.code !== 1000) {
                showError(`connection closed (${close.code}${close.reason ? ' ' + close.reason : ''})`);
            }
        }
        releaseAudioInput();
        if (player) {
            player.clear();
        }
    };

    try {
        await resumed;
        await ctx.audioWorklet.addModule('/web/capture-worklet.js');
        stream = await navigator.mediaDevices.getUserMedia({audio: {
            channelCount: 1,
            echoCancellation: processing,
            noiseSuppression: processing,
            autoGainControl: processing,
        }});
        stats.captureStartedAt = now();
        if (stats.state !== 'connecting' && stats.state !== 'live') {
            releaseAudioInput();
            return;
        }
        const source = ctx.createMediaStreamSource(stream);
        captureNode = new AudioWorkletNode(ctx, 'voxgate-capture',
            {numberOfInputs: 1, numberOfOutputs: 0, channelCount: 1, channelCountMode: 'explicit'});
        captureNode.port.onmessage = (message) => onCaptureFrame(message.data);
        source.connect(captureNode);
    } catch (e) {
        stats.errors.push({code: 'client.microphone', message: String(e), fatal: true});
        showError(`microphone: ${e.message || e}`);
        stop();
    }
}

function stop() {
    if (!send({type: 'session.stop'}) && socket) {
        socket.close();
    }
    if (stats.state === 'connecting' || stats.state === 'live') {
        setState('stopping');
    }
    releaseAudioInput();
}

// ---- wiring ----

$('assistant').value = params.get('assistant_id') || '';
$('processing').checked = params.get('processing') !== 'off';
$('start').addEventListener('click', () => {
    start();
});
$('stop').addEventListener('click', stop);
$('cancel').addEventListener('click', () => send({type: 'response.cancel'}));
$('text-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $('text').value.trim();
    if (text && send({type: 'input.text', text})) {
        inputEndedAt = now();
        openUserBubble = bubble('user', text);
        $('text').value = '';
    }
});
setState('idle');
