import { readFileSync } from 'node:fs';
import { defineConfig } from 'wxt';
import { CALL_SITE_MATCHES } from './utils/common/call-sites';

const mediapipeVersion: string = JSON.parse(
  readFileSync('node_modules/@mediapipe/tasks-vision/package.json', 'utf8'),
).version;

// See README "Permissions" for why each entry is here.
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifest: {
    name: 'Liveproof',
    description:
      'On-device face and lip-sync consistency checks that help interviewers spot deepfake and proxy candidates.',
    permissions: ['sidePanel', 'tabCapture', 'offscreen', 'storage'],
    host_permissions: [...CALL_SITE_MATCHES],
    action: { default_title: 'Open Liveproof for this tab' },
    side_panel: { default_path: 'sidepanel.html' },
    content_security_policy: {
      // wasm-unsafe-eval lets MediaPipe compile its wasm; connect-src 'self' keeps every
      // page and worker (including MediaPipe's built-in usage logger) off the network.
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'; connect-src 'self'",
    },
  },
  vite: () => ({
    // MediaPipe needs importScripts, which only classic (iife) workers have.
    worker: { format: 'iife' },
    define: { __MEDIAPIPE_VERSION__: JSON.stringify(mediapipeVersion) },
  }),
});
