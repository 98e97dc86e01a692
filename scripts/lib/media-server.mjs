// A loopback HTTP server for the demo call page and its clips (byte ranges, so video can seek), and
// for test pages with their scripts, wasm and model files.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
};

function typeOf(path) {
  const dot = path.lastIndexOf('.');
  return TYPES[path.slice(dot).toLowerCase()] ?? 'application/octet-stream';
}

/** Serves `routes` ({ '/url': '/file/path' }) on 127.0.0.1; resolves to { url, close }. */
export async function startMediaServer(routes) {
  const server = createServer((request, response) => {
    const path = routes[new URL(request.url ?? '/', 'http://localhost').pathname];
    if (!path || !existsSync(path)) {
      response.writeHead(404).end('Not found');
      return;
    }
    const size = statSync(path).size;
    const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '');
    const headers = { 'content-type': typeOf(path), 'accept-ranges': 'bytes', 'cache-control': 'no-store' };
    if (!range) {
      response.writeHead(200, { ...headers, 'content-length': size });
      createReadStream(path).pipe(response);
      return;
    }
    const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    if (start >= size || start > end) {
      response.writeHead(416, { 'content-range': `bytes */${size}` }).end();
      return;
    }
    response.writeHead(206, {
      ...headers,
      'content-length': end - start + 1,
      'content-range': `bytes ${start}-${end}/${size}`,
    });
    createReadStream(path, { start, end }).pipe(response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
