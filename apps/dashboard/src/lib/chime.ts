/**
 * A short two-tone chime for a new ticket, synthesised with Web Audio (no sound file to load).
 * Browsers only allow sound after a user gesture: call `unlockChime()` from the click that
 * turns sound on.
 */
let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (typeof window === "undefined" || typeof window.AudioContext === "undefined") return null;
  context ??= new window.AudioContext();
  return context;
}

export function unlockChime(): void {
  void audio()?.resume();
}

export function playChime(): void {
  const ctx = audio();
  if (ctx?.state !== "running") return;
  const start = ctx.currentTime;
  for (const [offset, frequency] of [
    [0, 880],
    [0.16, 1320],
  ] as const) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = "sine";
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.35, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.35);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start + offset);
    osc.stop(start + offset + 0.4);
  }
}
