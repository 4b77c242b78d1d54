// voxgate capture worklet: microphone audio at the AudioContext's rate (44.1 kHz or 48 kHz, whatever the device
// gives) -> 16 kHz mono PCM16, posted to the page as 20 ms frames (320 samples, 640 bytes).
//
// Resampling is a windowed-sinc interpolator: for every output sample at input position p the kernel is evaluated
// at the distances to the input samples around p. The kernel is a low-pass at 0.45 x the output rate (7.2 kHz),
// so nothing above the new Nyquist folds back into the speech band, Blackman-windowed over 16 zero crossings
// (about 26 input taps a side at 44.1 kHz). It is tabulated at 512 phases per input sample and linearly
// interpolated between phases, so the per-sample cost is ~2 x 53 multiply-adds, no trigonometry.
//
// Runs on the audio rendering thread: everything is allocated in the constructor except the frame handed to the
// page, whose buffer is transferred (not copied) with postMessage.

const OUTPUT_RATE = 16000;
const FRAME_SAMPLES = 320;
const ZERO_CROSSINGS = 16;
const PHASES = 512;
const HISTORY = 8192;

class CaptureProcessor extends AudioWorkletProcessor {
    constructor(options) {
        super();
        const inputRate = sampleRate;
        this.step = inputRate / OUTPUT_RATE;
        // Cut-off in cycles per input sample; never above the input's own band when the input is already 16 kHz.
        const cutoff = 0.45 * Math.min(OUTPUT_RATE, inputRate) / inputRate;
        this.halfWidth = ZERO_CROSSINGS / (2 * cutoff);
        const points = Math.ceil(this.halfWidth * PHASES) + 2;
        this.kernel = new Float32Array(points);
        for (let i = 0; i < points; i++) {
            const x = i / PHASES;
            if (x >= this.halfWidth) {
                continue;
            }
            const arg = 2 * cutoff * x;
            const sinc = x === 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
            const w = 0.5 + x / (2 * this.halfWidth);
            const blackman = 0.42 - 0.5 * Math.cos(2 * Math.PI * w) + 0.08 * Math.cos(4 * Math.PI * w);
            this.kernel[i] = 2 * cutoff * sinc * blackman;
        }
        this.history = new Float32Array(HISTORY);
        this.received = 0; // input samples written to history, all time
        this.position = this.halfWidth; // input position of the next output sample
        this.frame = new Int16Array(FRAME_SAMPLES);
        this.filled = 0;
        this.sumSquares = 0;
        this.peak = 0;
        this.running = true;
        this.port.onmessage = (event) => {
            if (event.data === 'stop') {
                this.running = false;
            }
        };
    }

    tap(distance) {
        const d = Math.abs(distance) * PHASES;
        const i = Math.floor(d);
        const frac = d - i;
        return this.kernel[i] + (this.kernel[i + 1] - this.kernel[i]) * frac;
    }

    process(inputs) {
        const input = inputs[0];
        if (!this.running) {
            return false;
        }
        if (!input || input.length === 0) {
            return true;
        }
        // Mono: the first channel (getUserMedia asks for one; a stereo device's channels are near-identical).
        const channel = input[0];
        for (let i = 0; i < channel.length; i++) {
            this.history[(this.received + i) % HISTORY] = channel[i];
        }
        this.received += channel.length;
        const hw = this.halfWidth;
        while (this.position + hw < this.received) {
            const p = this.position;
            const first = Math.max(0, Math.ceil(p - hw));
            const last = Math.floor(p + hw);
            let acc = 0;
            for (let k = first; k <= last; k++) {
                acc += this.history[k % HISTORY] * this.tap(p - k);
            }
            this.emit(acc);
            this.position += this.step;
        }
        return true;
    }

    emit(sample) {
        const clipped = sample > 1 ? 1 : sample < -1 ? -1 : sample;
        this.frame[this.filled++] = clipped < 0 ? Math.round(clipped * 32768) : Math.round(clipped * 32767);
        this.sumSquares += clipped * clipped;
        const magnitude = Math.abs(clipped);
        if (magnitude > this.peak) {
            this.peak = magnitude;
        }
        if (this.filled === FRAME_SAMPLES) {
            const pcm = this.frame.buffer;
            this.port.postMessage({pcm, rms: Math.sqrt(this.sumSquares / FRAME_SAMPLES), peak: this.peak}, [pcm]);
            this.frame = new Int16Array(FRAME_SAMPLES);
            this.filled = 0;
            this.sumSquares = 0;
            this.peak = 0;
        }
    }
}

registerProcessor('voxgate-capture', CaptureProcessor);
