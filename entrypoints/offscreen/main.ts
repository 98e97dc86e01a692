import { serveHosts } from '@/utils/live/host-server';

// Call-tab captures run here, so closing or reloading the side panel does not stop them.
serveHosts();
