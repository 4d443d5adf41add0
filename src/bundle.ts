/**
 * Entry of the script-tag bundles (dist/live-chat.iife.js, dist/live-chat.js):
 * registers every tag and exposes the classes on the LiveChat global (IIFE).
 */
import './define.js';

export * from './index.js';
