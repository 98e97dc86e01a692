/** Version of @mediapipe/tasks-vision, injected at build time by wxt.config.ts. */
declare const __MEDIAPIPE_VERSION__: string;
/// <reference types="vite/client" />
