/**
 * While the visitor is away — the page hidden or the panel minimised — new agent messages
 * show in the document title ("(2) Page title", restored on return) and, when the page asked
 * for it (`sound`), play a short chime: from the leading tab only (snapshot.leader, so two open
 * tabs do not both ring), never before the visitor has interacted with the widget (the audio
 * context starts inside that gesture, as autoplay rules want), and never while the visitor
 * muted it (the header's toggle, remembered in localStorage).
 * Owns: the away count, the title badge, the mute preference and the chime. The launcher's own
 * unread badge stays with <live-chat>.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatSnapshot } from '../../protocol/snapshot.js';
import { diffTranscript } from '../../protocol/transcript-diff.js';

export interface AwayHost extends ReactiveControllerHost, HTMLElement {
  readonly expanded: boolean;
  readonly sound: boolean;
}

/** Where the mute choice is remembered (per origin, like the visitor's other site settings). */
export const MUTE_KEY = 'live-chat-sound-muted';

function readMuted(): boolean {
  try {
    return localStorage.getItem(MUTE_KEY) === '1';
  } catch {
    return false; // storage blocked: not muted, not remembered
  }
}

export class AwayController implements ReactiveController {
  readonly #host: AwayHost;
  #count = 0;
  /** The page's own title, and the badged one we set (to tell whether the page changed it since). */
  #base = '';
  #badged: string | null = null;
  #audio: AudioContext | null = null;
  #muted = readMuted();

  constructor(host: AwayHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#host.addEventListener('pointerdown', this.#onInteract, true);
    this.#host.addEventListener('keydown', this.#onInteract, true);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#host.removeEventListener('pointerdown', this.#onInteract, true);
    this.#host.removeEventListener('keydown', this.#onInteract, true);
    this.#back();
    void this.#audio?.close().catch(() => {});
    this.#audio = null;
  }

  hostUpdated(): void {
    if (!this.away) this.#back(); // the panel was opened
  }

  /** The page is hidden or the panel minimised. */
  get away(): boolean {
    return document.visibilityState === 'hidden' || !this.#host.expanded;
  }

  /** Unread agent messages since the visitor went away. */
  get count(): number {
    return this.#count;
  }

  get muted(): boolean {
    return this.#muted;
  }

  /** The header's mute toggle. */
  toggleMute = (): void => {
    this.#muted = !this.#muted;
    try {
      if (this.#muted) localStorage.setItem(MUTE_KEY, '1');
      else localStorage.removeItem(MUTE_KEY);
    } catch {
      // not remembered: still applies to this page
    }
    this.#host.requestUpdate();
  };

  /** Call with every snapshot change: counts new agent messages while away. */
  onSnapshot(next: ChatSnapshot, prev: ChatSnapshot): void {
    if (next.transcript === prev.transcript || !this.away) return;
    const diff = diffTranscript(prev.transcript, next.transcript);
    if (diff.reset) return; // another chat, or a restore: nothing new to the visitor
    let n = 0;
    for (let i = diff.from; i < next.transcript.length; i++) if (next.transcript[i]!.kind === 'agent') n++;
    if (!n) return;
    this.#count += n;
    this.#title();
    if (this.#host.sound && !this.#muted && next.leader && this.#audio) chime(this.#audio);
  }

  #title() {
    if (this.#badged === null || document.title !== this.#badged) this.#base = document.title; // the page's latest own title
    this.#badged = `(${this.#count}) ${this.#base}`;
    document.title = this.#badged;
  }

  #back() {
    this.#count = 0;
    if (this.#badged !== null && document.title === this.#badged) document.title = this.#base;
    this.#badged = null;
  }

  #onVisibility = () => {
    if (!this.away) this.#back();
  };

  /** The first gesture in the widget: the audio context may start now (autoplay rules). */
  #onInteract = () => {
    if (this.#audio || !this.#host.sound) return;
    const Ctx = window.AudioContext as typeof AudioContext | undefined;
    if (!Ctx) return;
    try {
      this.#audio = new Ctx();
      void this.#audio.resume().catch(() => {});
    } catch {
      this.#audio = null;
    }
  };
}

/** A soft chime, generated (no audio file to ship): one sine note gliding up, fading out. */
export function chime(ctx: AudioContext): void {
  const t = ctx.currentTime;
  const gain = ctx.createGain();
  const osc = ctx.createOscillator();
  osc.frequency.setValueAtTime(880, t);
  osc.frequency.exponentialRampToValueAtTime(1320, t + 0.15);
  gain.gain.setValueAtTime(0.15, t);
  gain.gain.exponentialRampToValueAtTime(0.001, t + 0.4);
  osc.connect(gain).connect(ctx.destination);
  osc.start(t);
  osc.stop(t + 0.4);
}
