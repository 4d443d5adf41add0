/**
 * The context key through which <live-chat> provides the current ChatSnapshot
 * to its subcomponents. Owns nothing else.
 */
import { createContext } from '@lit/context';
import type { ChatSnapshot } from '../protocol/snapshot.js';

export const chatSnapshotContext = createContext<ChatSnapshot>(Symbol('live-chat-snapshot'));
