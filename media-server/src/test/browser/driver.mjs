// Drives real headless Chromium through one voice session on the voxgate web page and writes what happened as
// JSON (OUT/result.json, also printed) plus a screenshot (OUT/page.png). Run by BrowserEndToEndTest:
//
//   node driver.mjs --url http://127.0.0.1:PORT/?assistant_id=concierge&processing=off --out DIR --wav FILE
//                   [--chromium /usr/bin/chromium] [--timeout-ms 20000]
//
// The microphone is Chromium's fake capture device playing FILE once (%noloop). The script only waits for
// conditions (waitForFunction) and records; the assertions live in the JUnit test. Steps run in order and stop at
// the first that fails; the screenshot and the page's state are taken in any case.

import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {chromium} from 'playwright-core';

function options(argv) {
    const parsed = {chromium: '/usr/bin/chromium', timeoutMs: 20000};
    for (let i = 0; i < argv.length; i += 2) {
        const key = argv[i].replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
        parsed[key] = argv[i + 1];
    }
    for (const required of ['url', 'out', 'wav']) {
        if (!parsed[required]) {
            console.error(`usage: node driver.mjs --url URL --out DIR --wav FILE [--chromium PATH] [--timeout-ms N]`);
            process.exit(2);
        }
    }
    parsed.timeoutMs = Number(parsed.timeoutMs);
    return parsed;
}

const opts = options(process.argv.slice(2));
mkdirSync(opts.out, {recursive: true});

// Length of the microphone recording: a canonical 44-byte-header PCM16 WAV (what BrowserEndToEndTest writes).
function wavMillis(file) {
    const wav = readFileSync(file);
    const channels = wav.readUInt16LE(22);
    const rate = wav.readUInt32LE(24);
    return Math.ceil((wav.readUInt32LE(40) / (2 * channels)) * 1000 / rate);
}
const micMillis = wavMillis(opts.wav);

const result = {
    url: opts.url,
    steps: [],
    ok: false,
    console: [],
    pageErrors: [],
    sockets: [],
    page: null,
    screenshot: null,
};

// Everything the page's WebSockets carried, as the browser saw it.
function watchSocket(ws) {
    const socket = {url: ws.url(), sentText: [], sentBinaryFrames: 0, sentBinaryBytes: 0, receivedSeqs: [],
        receivedTypes: [], receivedBinaryFrames: 0, receivedBinaryBytes: 0, closed: false, error: null};
    result.sockets.push(socket);
    ws.on('framesent', (frame) => {
        if (typeof frame.payload === 'string') {
            socket.sentText.push(JSON.parse(frame.payload).type);
        } else {
            socket.sentBinaryFrames++;
            socket.sentBinaryBytes += frame.payload.length;
        }
    });
    ws.on('framereceived', (frame) => {
        if (typeof frame.payload === 'string') {
            const event = JSON.parse(frame.payload);
            socket.receivedSeqs.push(event.seq);
            socket.receivedTypes.push(event.type);
        } else {
            socket.receivedBinaryFrames++;
            socket.receivedBinaryBytes += frame.payload.length;
        }
    });
    ws.on('socketerror', (error) => {
        socket.error = String(error);
    });
    ws.on('close', () => {
        socket.closed = true;
    });
}

let browser = null;
let page = null;

async function step(name, action) {
    if (result.steps.some((s) => !s.ok)) {
        result.steps.push({name, ok: false, error: 'skipped after an earlier failure'});
        return;
    }
    try {
        await action();
        result.steps.push({name, ok: true});
    } catch (e) {
        result.steps.push({name, ok: false, error: String(e.message || e).split('\n')[0]});
    }
}

const until = (predicate, arg) => page.waitForFunction(predicate, arg, {timeout: opts.timeoutMs, polling: 50});

async function clickReally(selector) {
    // A real mouse click at the element's centre, dispatched as input events: the page's click handler gets a
    // genuine user gesture, the only thing that lets its AudioContext run.
    const box = await page.locator(selector).boundingBox();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

try {
    browser = await chromium.launch({
        executablePath: opts.chromium,
        headless: true,
        timeout: opts.timeoutMs,
        // Playwright gives each launch a fresh temporary profile (--user-data-dir) and removes it on close.
        args: [
            '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync',
            '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
            `--use-file-for-fake-audio-capture=${opts.wav}%noloop`,
        ],
    });
    const context = await browser.newContext({viewport: {width: 1200, height: 900}});
    page = await context.newPage();
    page.on('websocket', watchSocket);
    page.on('console', (message) => result.console.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => result.pageErrors.push(String(error)));

    await step('page loads idle, no audio before a click', async () => {
        const response = await page.goto(opts.url, {timeout: opts.timeoutMs});
        if (!response.ok()) {
            throw new Error(`GET ${opts.url}: ${response.status()}`);
        }
        await until(() => window.voxgate && window.voxgate.state === 'idle' && window.voxgate.contextState === null);
    });
    await step('start click opens the session (session.started)', async () => {
        await clickReally('#start');
        await until(() => window.voxgate.state === 'live' || window.voxgate.state === 'closed');
        const state = await page.evaluate(() => window.voxgate.state);
        if (state !== 'live') {
            throw new Error(`session ended before it started: ${JSON.stringify(await page.evaluate(
                () => window.voxgate.errors))}`);
        }
    });
    await step('the assistant answers the caller and the page plays it', () => until(() =>
        window.voxgate.turns.some((t) => t.turn > 0 && !t.resumed && t.inputEndedAt !== null && t.frames > 0 &&
            t.firstPlayAt !== null) &&
        window.voxgate.bytesPlayed > 0));
    await step('the caller barges in and playback is cleared', () => until(() =>
        window.voxgate.clears.some((c) => c.wasPlaying)));
    await step('the recording is over and the last spoken turn is answered', () => page.waitForFunction((ms) => {
        const v = window.voxgate;
        if (v.captureStartedAt === null || performance.now() - v.captureStartedAt < ms) {
            return false;
        }
        const stops = v.events.filter((e) => e.type === 'input.speech_stopped');
        const lastStop = stops.length === 0 ? 0 : stops[stops.length - 1].at;
        return !v.playing && v.turns.some((t) => t.audioStartAt > lastStop && (t.ended || t.cleared));
    }, micMillis, {timeout: micMillis + opts.timeoutMs, polling: 50}));
    await step('typed text is answered', async () => {
        const sentAt = await page.evaluate(() => performance.now());
        await page.locator('#text').fill('Do you have a room tomorrow?');
        await page.locator('#text').press('Enter');
        await until((t0) => window.voxgate.playing &&
            window.voxgate.turns.some((t) => t.audioStartAt > t0 && t.firstPlayAt !== null), sentAt);
    });
    await step('cancel reply clears playback', async () => {
        const before = await page.evaluate(() => window.voxgate.clears.length);
        await clickReally('#cancel');
        await until((n) => window.voxgate.clears.length > n && !window.voxgate.playing, before);
    });
    result.screenshot = join(opts.out, 'page.png');
    await page.screenshot({path: result.screenshot, fullPage: true});
    await step('stop ends the session (session.stopped)', async () => {
        await clickReally('#stop');
        await until(() => window.voxgate.state === 'stopped' && window.voxgate.closeCode !== null);
    });
    result.ok = result.steps.every((s) => s.ok);
} catch (e) {
    result.steps.push({name: 'driver', ok: false, error: String(e.message || e).split('\n')[0]});
} finally {
    if (page) {
        try {
            result.page = await page.evaluate(() => JSON.parse(JSON.stringify(window.voxgate)));
            if (!result.screenshot) {
                result.screenshot = join(opts.out, 'page.png');
                await page.screenshot({path: result.screenshot, fullPage: true});
            }
        } catch (e) {
            result.steps.push({name: 'final state', ok: false, error: String(e.message || e).split('\n')[0]});
        }
    }
    if (browser) {
        await browser.close();
    }
}

const json = JSON.stringify(result, null, 2);
writeFileSync(join(opts.out, 'result.json'), json);
console.log(json);
process.exit(result.ok ? 0 : 1);
